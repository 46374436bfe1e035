package org.deepfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reading folders deepfig does not own (a templates folder, a report folder copied into a site) without being led
 * out of them: a symbolic link whose target lies outside the folder is refused with a {@link UserError} naming the
 * link, so {@code report/x.png -> /etc/shadow} can never publish that file.
 */
public final class SafeTree {
  private SafeTree() {}

  /** Refuses any symbolic link below {@code root} that leads outside it (or nowhere). */
  public static void refuseLinksOut(Path root, String what) {
    for (Path p : walk(root)) {
      if (Files.isSymbolicLink(p)) inside(root, p, what);
    }
  }

  /** {@code file}, after checking that it (following links) lies inside {@code root}. */
  public static Path inside(Path root, Path file, String what) {
    Path real;
    Path realRoot;
    try {
      realRoot = root.toRealPath();
      real = file.toRealPath();
    } catch (IOException e) {
      throw new UserError(file.toString(), "a symbolic link in the " + what + " leads nowhere",
          "remove the link, or replace it with a copy of the file");
    }
    if (!real.startsWith(realRoot)) {
      throw new UserError(file.toString(), "a symbolic link in the " + what + " leads out of it (to " + real
          + "); deepfig does not follow links out of a folder", "replace the link with a copy of the file you mean");
    }
    return real;
  }

  /**
   * Copies the files and folders below {@code from} into {@code to}; a link is refused when it leads out of
   * {@code from}, and copied as the file it names when it stays inside.
   */
  public static void copyTree(Path from, Path to, String what) throws IOException {
    refuseLinksOut(from, what);
    for (Path p : walk(from)) {
      Path target = to.resolve(from.relativize(p).toString());
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(target);
      } else if (Files.isSymbolicLink(p) && Files.isDirectory(p)) {
        throw new UserError(p.toString(), "the " + what + " holds a symbolic link to a folder",
            "replace the link with the folder itself");
      } else {
        Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  private static List<Path> walk(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      return s.toList();
    } catch (IOException | UncheckedIOException e) {
      throw new UserError(root.toString(), "cannot read the " + what(root) + ": " + e.getMessage(),
          "check the folder's permissions");
    }
  }

  private static String what(Path root) {
    return "folder " + root.getFileName();
  }
}
