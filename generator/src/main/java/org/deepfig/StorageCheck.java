package org.deepfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.deepfig.provenance.StageCache;

/**
 * Makes sure no training is lost to the disk: before a run, the output folder must be writable with room for a
 * report (else a one-line user error, before any training), and a cache that cannot be written is reported and
 * used read-only. A disk that fills up while the report is written is a user error as well; the report is written
 * beside the output and moved in at the end, so the previous report is left as it was.
 */
final class StorageCheck {
  /** Less than this free beside the output is a full disk even for the smallest report. */
  static final long MIN_FREE = 64 * 1024;
  private final Path outDir;
  private final String where;

  private StorageCheck(Path outDir, String where) {
    this.outDir = outDir;
    this.where = where;
  }

  /**
   * Checks the output folder and the cache before a run.
   *
   * @param outOverride the {@code --out} folder, or null when the config's {@code output.dir} is used
   */
  static StorageCheck beforeRun(Path configFile, Path outDir, Path outOverride, StageCache cache,
      Progress progress) {
    StorageCheck check = new StorageCheck(outDir, outOverride != null ? "--out" : configFile + ": output.dir");
    check.checkOutput();
    cache.warnTo(line -> progress.info("warning: " + line));
    cache.checkWritable();
    return check;
  }

  /** Runs the step that writes the report, turning a full or read-only disk into a user error. */
  <T> T publishing(Supplier<T> publish) {
    try {
      return publish.get();
    } catch (UncheckedIOException e) {
      String reason = diskProblem(e.getCause());
      if (reason == null) throw e;
      throw error(reason + (Files.isDirectory(outDir) ? "; the previous report is untouched" : ""), e);
    }
  }

  private void checkOutput() {
    if (Files.exists(outDir) && !Files.isDirectory(outDir)) throw error("it is a file, not a folder", null);
    Path existing = outDir.getParent();
    while (existing != null && !Files.exists(existing)) existing = existing.getParent();
    if (existing == null) return;
    if (!Files.isDirectory(existing)) throw error(existing + " is a file, not a folder", null);
    try {
      Path probe = Files.createTempFile(existing, ".deepfig-probe-", "");
      try {
        Files.write(probe, new byte[] {1});
      } finally {
        Files.deleteIfExists(probe);
      }
      long free = Files.getFileStore(existing).getUsableSpace();
      long needed = Math.max(MIN_FREE, Files.isDirectory(outDir) ? treeSize(outDir) : 0);
      if (free < needed) {
        throw error(String.format(Locale.ROOT, "only %s free, the report needs about %s%s", size(free),
            size(needed), needed > MIN_FREE ? " like the previous one" : ""), null);
      }
    } catch (IOException e) {
      String reason = diskProblem(e);
      throw error(reason != null ? reason : e.toString(), e);
    }
  }

  private UserError error(String reason, Throwable cause) {
    boolean full = reason.startsWith("No space") || reason.startsWith("Disk quota") || reason.startsWith("only ")
        || reason.startsWith("not enough space");
    return new UserError(where, "cannot write the report to " + outDir + " (" + reason + ")",
        (full ? "free some space there, or choose" : "choose") + " a writable folder with --out DIR (or output.dir)",
        cause);
  }

  /** The operating system's words for a disk that cannot take the report, or null for any other failure. */
  static String diskProblem(IOException e) {
    if (e instanceof AccessDeniedException) return "permission denied";
    String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
    if (reason == null) return null;
    for (String known : new String[] {"No space left on device", "Disk quota exceeded", "Read-only file system",
        "not enough space on the disk"}) {
      if (reason.contains(known)) return known;
    }
    return null;
  }

  private static long treeSize(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      long bytes = 0;
      for (Path p : s.filter(Files::isRegularFile).toList()) bytes += Files.size(p);
      return bytes;
    }
  }

  private static String size(long bytes) {
    return bytes < 1 << 20 ? (bytes >> 10) + " KiB" : String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }
}
