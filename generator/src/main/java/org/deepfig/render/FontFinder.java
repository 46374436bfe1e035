package org.deepfig.render;

import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the faces {@code output.font} names: a .ttf/.otf file (relative to the config's folder), or a family
 * installed on this machine, found by reading the font files under the usual font folders (not through the
 * platform's font list, which gives no file to embed in a PDF). The regular face is the one whose name is the family
 * (or "Family Regular/Book/Roman"); the bold face "Family Bold". Files are taken in sorted path order, so the same
 * machine always picks the same file.
 */
public final class FontFinder {
  private static final List<Path> SYSTEM_FOLDERS = List.of(Path.of("/usr/share/fonts"),
      Path.of("/usr/local/share/fonts"), Path.of(System.getProperty("user.home", "/nonexistent"), ".local/share/fonts"),
      Path.of(System.getProperty("user.home", "/nonexistent"), ".fonts"));

  private FontFinder() {}

  /**
   * The faces for {@code spec} (null: the bundled DejaVu Sans).
   *
   * @throws IllegalArgumentException naming what was looked for and how to fix it
   */
  public static FontFaces find(String spec, Path configDir) {
    return find(spec, configDir, SYSTEM_FOLDERS);
  }

  static FontFaces find(String spec, Path configDir, List<Path> folders) {
    if (spec == null || spec.equalsIgnoreCase("DejaVu Sans")) return FontFaces.dejaVuSans();
    String lower = spec.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".ttf") || lower.endsWith(".otf")) {
      Path file = configDir.resolve(spec).normalize();
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("font file not found: " + file + " (give a .ttf or .otf file relative to "
            + "the config file, or a family name such as DejaVu Serif)");
      }
      return FontFaces.of(file, boldSibling(file).orElse(null));
    }
    Path regular = null;
    Path bold = null;
    List<String> families = new ArrayList<>();
    for (Path file : fontFiles(folders)) {
      Font f;
      try {
        f = FontFaces.load(new FontFaces.Source(null, file));
      } catch (IllegalArgumentException e) {
        continue; // an unreadable file among the system's fonts is not the user's problem
      }
      families.add(f.getFamily(Locale.ROOT));
      if (!f.getFamily(Locale.ROOT).equalsIgnoreCase(spec)) continue;
      String style = f.getFontName(Locale.ROOT).substring(Math.min(f.getFontName(Locale.ROOT).length(),
          f.getFamily(Locale.ROOT).length())).trim().toLowerCase(Locale.ROOT);
      if (regular == null && (style.isEmpty() || style.equals("regular") || style.equals("book") || style.equals("roman"))) {
        regular = file;
      } else if (bold == null && style.equals("bold")) {
        bold = file;
      }
    }
    if (regular == null) {
      String known = String.join(", ", families.stream().distinct().sorted().limit(12).toList());
      throw new IllegalArgumentException("font family '" + spec + "' is not installed here (installed: " + known
          + "); name one of those or a .ttf file");
    }
    return FontFaces.of(regular, bold);
  }

  /** {@code Name-Bold.ttf} or {@code NameBold.ttf} beside {@code Name-Regular.ttf} / {@code Name.ttf}, if there. */
  private static Optional<Path> boldSibling(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = name.substring(0, dot);
    String ext = name.substring(dot);
    List<String> candidates = stem.contains("Regular")
        ? List.of(stem.replace("Regular", "Bold") + ext)
        : List.of(stem + "-Bold" + ext, stem + "Bold" + ext, stem + "-bold" + ext);
    return candidates.stream().map(file::resolveSibling).filter(Files::isRegularFile).findFirst();
  }

  private static List<Path> fontFiles(List<Path> folders) {
    List<Path> out = new ArrayList<>();
    for (Path folder : folders) {
      if (!Files.isDirectory(folder)) continue;
      try (Stream<Path> s = Files.walk(folder)) {
        s.filter(p -> {
          String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
          return (n.endsWith(".ttf") || n.endsWith(".otf")) && Files.isRegularFile(p);
        }).forEach(out::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list fonts in " + folder, e);
      }
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }
}
