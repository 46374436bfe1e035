package org.deepfig.provenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Results of expensive stages (training, scans) stored under {@code root/stage/key/}, where the key is a hash of
 * exactly the inputs the stage reads. An entry is written into a temporary folder and renamed into place, and a
 * {@code COMPLETE} marker is its last file, so a run killed half-way never leaves an entry that looks valid.
 *
 * <p>Runs may share a cache: when two compute the same entry at once, the first complete entry wins and is never
 * deleted (the other run discards its copy and continues with the winner's). A cache that cannot be written
 * (read-only, full, a file where the folder should be) is still read; new entries then go to a scratch folder
 * outside it for the rest of the run, with one warning, so the work is never lost to the cache.
 */
public final class StageCache {
  /**
   * Writes the files of an entry into the given folder. It may be called a second time, into another folder, when
   * the cache turns out not to be writable, so it writes everything afresh each time.
   */
  @FunctionalInterface
  public interface Writer {
    void write(Path dir) throws IOException;
  }

  /** Where a stored entry's files are, and whose they are. */
  public record Stored(Path dir, Origin origin) {}

  /** Whose files a {@link Stored} entry holds. */
  public enum Origin {
    /** this run's, now in the cache */
    THIS_RUN,
    /** another run's, which completed the same entry first; this run's copy was discarded */
    OTHER_RUN,
    /** this run's, in a scratch folder outside the cache, which could not be written */
    UNCACHED
  }

  private static final String COMPLETE = "COMPLETE";
  private final Path root;
  private final boolean force;
  private volatile boolean writable = true;
  private volatile Consumer<String> warnings = w -> System.err.println("warning: " + w);
  private Path scratch;

  /** @param force ignore existing entries (recompute and replace them) */
  public StageCache(Path root, boolean force) {
    this.root = root;
    this.force = force;
  }

  public Path root() {
    return root;
  }

  /** Where warnings go (one line each, without a "warning:" prefix); standard error until set. */
  public void warnTo(Consumer<String> sink) {
    this.warnings = sink;
  }

  /**
   * Checks that new entries can be written under the root (creating it if needed). If not, warns once and keeps
   * this run's new entries outside the cache; existing entries are still used.
   */
  public boolean checkWritable() {
    if (!writable) return false;
    try {
      Files.createDirectories(root);
      Path probe = Files.createTempFile(root, ".probe-", "");
      try {
        Files.write(probe, new byte[] {1});
      } finally {
        Files.deleteIfExists(probe);
      }
      return true;
    } catch (IOException e) {
      writable = false;
      warnings.accept("the cache " + root + " cannot be written (" + reason(e) + "); continuing without storing "
          + "new results in it — pass --cache DIR (or set DEEPFIG_CACHE) to a writable folder");
      return false;
    }
  }

  /** The entry's folder if it exists and is complete (and the cache is not forced). */
  public Optional<Path> lookup(String stage, String key) {
    Path dir = root.resolve(stage).resolve(key);
    if (force || !isComplete(dir)) return Optional.empty();
    return Optional.of(dir);
  }

  /**
   * Writes an entry atomically and returns its folder: this run's, another run's that completed it first (never
   * replaced, unless forced), or, when the cache cannot be written, a scratch folder outside it that lives until the
   * JVM exits.
   */
  public Stored store(String stage, String key, Writer writer) {
    try {
      if (!writable) return storeOutside(stage, writer);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the " + stage + " stage's results", e);
    }
    try {
      return storeInCache(stage, key, writer);
    } catch (IOException | UncheckedIOException e) {
      UncheckedIOException failure = e instanceof UncheckedIOException u ? u
          : new UncheckedIOException("cannot write cache entry " + root.resolve(stage).resolve(key), (IOException) e);
      Stored outside;
      try {
        outside = storeOutside(stage, writer);
      } catch (IOException | UncheckedIOException again) {
        failure.addSuppressed(again);
        throw failure; // fails outside the cache too: the writer's own failure, not the cache's
      }
      writable = false;
      warnings.accept("cannot store in the cache " + root + " (" + reason(failure.getCause()) + "); continuing "
          + "without caching — free some space or pass --cache DIR to a writable folder");
      return outside;
    }
  }

  private Stored storeInCache(String stage, String key, Writer writer) throws IOException {
    Path dir = root.resolve(stage).resolve(key);
    Files.createDirectories(dir.getParent());
    Path tmp = Files.createTempDirectory(dir.getParent(), key + ".tmp-");
    try {
      writer.write(tmp);
      Files.writeString(tmp.resolve(COMPLETE), key);
      if (!force && isComplete(dir)) return new Stored(dir, Origin.OTHER_RUN);
      // an entry left by an interrupted non-atomic write, or (forced) the one being recomputed
      if (Files.exists(dir)) moveAsideAndDelete(dir);
      try {
        AtomicFiles.move(tmp, dir, false); // rename(2): fails on a non-empty folder, never merges
        return new Stored(dir, Origin.THIS_RUN);
      } catch (IOException e) {
        if (isComplete(dir)) return new Stored(dir, Origin.OTHER_RUN); // another run renamed its entry in first
        throw e;
      }
    } finally {
      if (Files.exists(tmp)) AtomicFiles.deleteTree(tmp);
    }
  }

  private Stored storeOutside(String stage, Writer writer) throws IOException {
    Path dir = Files.createTempDirectory(scratch(), stage + "-");
    try {
      writer.write(dir);
      return new Stored(dir, Origin.UNCACHED);
    } catch (IOException | RuntimeException e) {
      AtomicFiles.deleteTree(dir);
      throw e;
    }
  }

  private synchronized Path scratch() throws IOException {
    if (scratch == null) {
      Path s = Files.createTempDirectory("deepfig-uncached-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          AtomicFiles.deleteTree(s);
        } catch (IOException e) {
          // a temporary folder: the system cleans it up eventually
        }
      }));
      scratch = s;
    }
    return scratch;
  }

  private static void moveAsideAndDelete(Path dir) throws IOException {
    Path aside = dir.resolveSibling(dir.getFileName() + ".old-" + Long.toHexString(System.nanoTime()));
    try {
      AtomicFiles.move(dir, aside, false);
    } catch (NoSuchFileException e) {
      return; // another run moved it first
    }
    AtomicFiles.deleteTree(aside);
  }

  private static boolean isComplete(Path dir) {
    return Files.isRegularFile(dir.resolve(COMPLETE));
  }

  /** What went wrong, in the operating system's words ("No space left on device", "Read-only file system"). */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) return "permission denied";
    if (e instanceof FileSystemException f && f.getFile() != null
        && (e instanceof FileAlreadyExistsException || "Not a directory".equals(f.getReason()))) {
      for (Path p = Path.of(f.getFile()); p != null; p = p.getParent()) {
        if (Files.isRegularFile(p)) return p + " is a file, not a folder";
      }
    }
    if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
    return String.valueOf(e.getMessage());
  }
}
