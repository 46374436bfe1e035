package org.deepfig.provenance;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The file operations that must not leave half a result behind, in one place: a file written whole or not at all, a
 * rename that is atomic where the file system allows it, and a folder deleted without following links.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Writes {@code bytes} to a temporary file beside {@code target} and renames it over {@code target}: a reader sees
   * the old file or the new one, never a part. The file is readable by others (a figure, a cache entry are for
   * sharing; {@code createTempFile} alone makes it owner-only).
   */
  public static void write(Path target, byte[] bytes) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      Files.write(tmp, bytes);
      if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      }
      move(tmp, target, true);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Renames {@code from} to {@code to} atomically (rename(2): for a folder it fails on a non-empty target, never
   * merges), or plainly where the file system cannot do it atomically.
   *
   * @param replace whether an existing file {@code to} is replaced
   */
  public static void move(Path from, Path to, boolean replace) throws IOException {
    CopyOption[] atomic = replace
        ? new CopyOption[] {StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE}
        : new CopyOption[] {StandardCopyOption.ATOMIC_MOVE};
    try {
      Files.move(from, to, atomic);
    } catch (AtomicMoveNotSupportedException e) {
      if (replace) Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
      else Files.move(from, to);
    }
  }

  /**
   * Deletes a folder and what is in it, without following symbolic links (a link is deleted, not its target);
   * nothing when it does not exist.
   */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return;
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
