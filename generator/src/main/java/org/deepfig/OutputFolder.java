package org.deepfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where a report goes, and how it gets there: written into a staging folder beside the output folder and swapped
 * in at the end, so a failed or killed run never leaves a half-written report in place of the previous one.
 */
public final class OutputFolder {
  /** Writes the contents of a report folder and returns what the caller wants back. */
  @FunctionalInterface
  public interface Contents<T> {
    T write(Path staging) throws IOException;
  }

  private OutputFolder() {}

  /**
   * The output folder: {@code --out} if given (any folder the user names on the command line), else the config's
   * {@code output.dir}, which must stay inside the working directory.
   */
  public static Path resolve(Path configFile, String configured, Path override) {
    if (override != null) return override.toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath();
    Path p = Path.of(configured);
    Path resolved = cwd.resolve(p).normalize();
    if (p.isAbsolute() || !resolved.startsWith(cwd) || resolved.equals(cwd)) {
      throw new UserError(configFile + ": output.dir", "output.dir '" + configured
          + "' is outside the working directory (or is the working directory itself)",
          "use a relative folder such as out/my-experiment, or pass --out DIR to write elsewhere");
    }
    return resolved;
  }

  public static <T> T publish(Path outDir, Contents<T> contents) {
    try {
      Path parent = Files.createDirectories(outDir.toAbsolutePath().getParent());
      String name = outDir.getFileName().toString();
      if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
        throw new UserError(outDir.toString(), "the output path exists and is not a folder",
            "choose another output folder");
      }
      Path staging = Files.createTempDirectory(parent, "." + name + ".staging-");
      // a temporary folder is owner-only; a report is for sharing (a web server, a colleague)
      if (Files.getFileStore(staging).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(staging, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      try {
        T result = contents.write(staging);
        Path old = null;
        if (Files.exists(outDir)) {
          old = parent.resolve("." + name + ".old-" + Long.toHexString(System.nanoTime()));
          Files.move(outDir, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staging, outDir, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) deleteTree(old);
        return result;
      } finally {
        if (Files.exists(staging)) deleteTree(staging);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
