package org.deepfig;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.deepfig.provenance.AtomicFiles;
import org.deepfig.provenance.Json;

/**
 * Where a report (or a site) goes, and how it gets there: written into a staging folder beside the output folder
 * and swapped in at the end, so a failed or killed run never leaves a half-written report in place of the previous
 * one.
 *
 * <p>deepfig only ever replaces a folder it made: an existing output folder is replaced when it is empty, or when
 * it holds a {@value #MARKER} file (written into every folder deepfig publishes, listing its files) — or the
 * {@code manifest.json} of a report made before the marker existed — and nothing besides the files listed there.
 * Any other folder is refused with a {@link UserError}, whatever {@code --force} says: {@code --out .} must never
 * delete the working directory.
 *
 * <p>Staging and retired folders are named after the process that made them ({@code .NAME.staging-PID-START-…},
 * {@code .NAME.old-PID-START-…}), so a later run can prove their owner dead (no process with that id and start time)
 * and remove what a killed run left behind.
 */
public final class OutputFolder {
  /** The file in every folder deepfig publishes that says so and lists what it wrote. */
  public static final String MARKER = ".deepfig-output";

  private static final String MARKER_HEADER = "# written by deepfig: it replaces this folder only while it holds "
      + "nothing but the files listed below";
  private static final Pattern LEFTOVER = Pattern.compile("\\.(.+)\\.(staging|old)-(\\d+)-(\\d+)-[0-9a-f]+");
  private static final SecureRandom RANDOM = new SecureRandom();

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
    Path p;
    try {
      p = Path.of(configured);
    } catch (InvalidPathException e) {
      throw new UserError(configFile + ": output.dir", "output.dir is not a valid path (" + e.getReason() + ")",
          "use a plain relative folder such as out/my-experiment");
    }
    Path resolved = cwd.resolve(p).normalize();
    if (p.isAbsolute() || !resolved.startsWith(cwd) || resolved.equals(cwd)) {
      throw new UserError(configFile + ": output.dir", "output.dir '" + configured
          + "' is outside the working directory (or is the working directory itself)",
          "use a relative folder such as out/my-experiment, or pass --out DIR to write elsewhere");
    }
    return resolved;
  }

  /**
   * Refuses, before any work starts, an output folder deepfig may not replace (see the class comment), so a long
   * run never ends in that refusal.
   */
  public static void checkReplaceable(Path outDir) {
    Path out = outDir.toAbsolutePath().normalize();
    if (out.getParent() == null) {
      throw new UserError(out.toString(), "the output folder is the root of the file system",
          "name a new folder for the report, such as out/my-experiment");
    }
    Path cwd = Path.of("").toAbsolutePath().normalize();
    if (cwd.startsWith(out)) {
      throw new UserError(out.toString(), "the output folder is the working directory or one of its parents, and "
          + "deepfig replaces its output folder as a whole", "name a new folder for the report, such as "
          + "out/my-experiment");
    }
    if (Files.isSymbolicLink(out)) {
      throw new UserError(out.toString(), "the output folder is a symbolic link; deepfig does not replace links",
          "name the folder itself, or a new folder");
    }
    if (!Files.exists(out, LinkOption.NOFOLLOW_LINKS)) return;
    if (!Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
      throw new UserError(out.toString(), "the output path exists and is not a folder",
          "choose another output folder");
    }
    List<String> present = contents(out);
    if (present.isEmpty()) return;
    Set<String> made = madeByDeepfig(out).orElseThrow(() -> new UserError(out.toString(),
        "this folder exists and was not made by deepfig (it has no " + MARKER + " and no report manifest.json); "
            + "deepfig only replaces folders it made, --force or not",
        "choose a new or empty output folder, or delete this one yourself"));
    for (String p : present) {
      if (!made.contains(p)) {
        throw new UserError(out.resolve(p).toString(), "this file is in the output folder but deepfig did not "
            + "write it; replacing the folder would delete it", "move the file out of " + out
            + " or choose another output folder");
      }
    }
  }

  /** Writes a folder's contents into a staging folder and moves it into place; see the class comment. */
  public static <T> T publish(Path outDir, Contents<T> contents) {
    Path out = outDir.toAbsolutePath().normalize();
    checkReplaceable(out);
    try {
      Path parent = Files.createDirectories(out.getParent());
      String name = out.getFileName().toString();
      removeLeftovers(parent, name);
      String tag = ownerTag();
      Path staging = Files.createDirectory(parent.resolve("." + name + ".staging-" + tag));
      // a report is for sharing (a web server, a colleague): readable by others, like any folder mkdir makes
      if (Files.getFileStore(staging).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(staging, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      try {
        T result = contents.write(staging);
        writeMarker(staging);
        checkReplaceable(out); // another process may have put something there meanwhile
        Path old = null;
        if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
          old = parent.resolve("." + name + ".old-" + tag);
          AtomicFiles.move(out, old, false);
        }
        AtomicFiles.move(staging, out, false);
        if (old != null) AtomicFiles.deleteTree(old);
        return result;
      } finally {
        if (Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) AtomicFiles.deleteTree(staging);
      }
    } catch (FileSystemException e) {
      throw new UserError(out.toString(), "cannot write the output folder: " + e.getMessage(),
          "check that the folder's parent is writable and the disk has room", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The relative paths of everything below {@code dir}: files, links and folders ({@code /}-separated). */
  private static List<String> contents(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted()
          .toList();
    } catch (IOException | UncheckedIOException e) {
      throw new UserError(dir.toString(), "cannot list the output folder: " + e.getMessage(),
          "check its permissions, or choose another output folder");
    }
  }

  /**
   * What deepfig wrote into {@code dir} (files and their parent folders), from its marker or, for a report made
   * before markers, its manifest; empty when neither says deepfig made it.
   */
  static Optional<Set<String>> madeByDeepfig(Path dir) {
    Set<String> files = new TreeSet<>();
    try {
      Path marker = dir.resolve(MARKER);
      if (Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
        List<String> lines = Files.readAllLines(marker, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(MARKER_HEADER)) return Optional.empty();
        lines.stream().skip(1).filter(l -> !l.isBlank()).forEach(files::add);
        files.add(MARKER);
      } else {
        Path manifest = dir.resolve("manifest.json");
        if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
        JsonNode m = Json.plain().readTree(manifest.toFile());
        if (!m.has("config_sha256") || !m.path("files").isArray()) return Optional.empty();
        for (JsonNode f : m.path("files")) files.add(f.path("path").asText());
        files.add("manifest.json");
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    Set<String> withFolders = new TreeSet<>(files);
    for (String f : files) {
      for (int i = f.indexOf('/'); i > 0; i = f.indexOf('/', i + 1)) withFolders.add(f.substring(0, i));
    }
    return Optional.of(withFolders);
  }

  private static void writeMarker(Path staging) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(MARKER_HEADER);
    try (Stream<Path> s = Files.walk(staging)) {
      s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .map(p -> staging.relativize(p).toString().replace('\\', '/')).sorted().forEach(lines::add);
    }
    Files.write(staging.resolve(MARKER), lines, StandardCharsets.UTF_8);
  }

  /** {@code PID-START-RANDOM}: who owns a staging folder, so that a later run can prove it dead. */
  private static String ownerTag() {
    ProcessHandle me = ProcessHandle.current();
    long start = me.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    byte[] r = new byte[4];
    RANDOM.nextBytes(r);
    return me.pid() + "-" + start + "-" + HexFormat.of().formatHex(r);
  }

  /** Removes staging and retired folders of {@code name} whose owning process is provably gone (killed runs). */
  static void removeLeftovers(Path parent, String name) throws IOException {
    List<Path> dead = new ArrayList<>();
    try (Stream<Path> s = Files.list(parent)) {
      for (Path p : s.toList()) {
        Matcher m = LEFTOVER.matcher(p.getFileName().toString());
        if (m.matches() && m.group(1).equals(name) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
            && !alive(Long.parseLong(m.group(3)), Long.parseLong(m.group(4)))) {
          dead.add(p);
        }
      }
    }
    for (Path p : dead) AtomicFiles.deleteTree(p);
  }

  /** Whether the process that wrote a tag still runs (same id and same start time: ids are reused). */
  static boolean alive(long pid, long startMillis) {
    Optional<ProcessHandle> h = ProcessHandle.of(pid);
    if (h.isEmpty() || !h.get().isAlive()) return false;
    Optional<Instant> start = h.get().info().startInstant();
    return start.isEmpty() || startMillis == 0 || start.get().toEpochMilli() == startMillis;
  }
}
