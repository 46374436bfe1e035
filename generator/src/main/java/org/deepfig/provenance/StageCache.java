package org.deepfig.provenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Results of expensive stages (training, scans) stored under {@code root/stage/key/}, where the key is a hash of
 * exactly the inputs the stage reads. An entry is written into a temporary folder and renamed into place, and a
 * {@code COMPLETE} marker is its last file, so a run killed half-way never leaves an entry that looks valid.
 */
public final class StageCache {
  /** Writes the files of an entry into the given folder. */
  @FunctionalInterface
  public interface Writer {
    void write(Path dir) throws IOException;
  }

  private static final String COMPLETE = "COMPLETE";
  private final Path root;
  private final boolean force;

  /** @param force ignore existing entries (recompute and overwrite) */
  public StageCache(Path root, boolean force) {
    this.root = root;
    this.force = force;
  }

  public Path root() {
    return root;
  }

  /** The entry's folder if it exists and is complete (and the cache is not forced). */
  public Optional<Path> lookup(String stage, String key) {
    Path dir = root.resolve(stage).resolve(key);
    if (force || !Files.isRegularFile(dir.resolve(COMPLETE))) return Optional.empty();
    return Optional.of(dir);
  }

  /** Writes an entry atomically and returns its folder. */
  public Path store(String stage, String key, Writer writer) {
    Path dir = root.resolve(stage).resolve(key);
    try {
      Files.createDirectories(dir.getParent());
      Path tmp = Files.createTempDirectory(dir.getParent(), key + ".tmp-");
      try {
        writer.write(tmp);
        Files.writeString(tmp.resolve(COMPLETE), key);
        if (Files.exists(dir)) deleteTree(dir);
        try {
          Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
          Files.move(tmp, dir, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        if (Files.exists(tmp)) deleteTree(tmp);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write cache entry " + dir, e);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
