package org.deepfig.render;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The regular and bold face of a figure's typeface, each with the bytes of its font file so that the PDF encoder can
 * embed exactly the font that was measured. DejaVu Sans is bundled in the jar; any other family comes from a TrueType
 * or OpenType file the user names ({@code output.font}).
 *
 * @param family the family name, as the SVG's font-family says
 */
public record FontFaces(String family, Font regular, Font bold, Source regularSource, Source boldSource) {

  /** Where a face's file comes from: a resource inside the jar, or a file. */
  public record Source(String resource, Path file) {
    public InputStream open() throws IOException {
      if (file != null) return Files.newInputStream(file);
      InputStream in = FontFaces.class.getResourceAsStream(resource);
      if (in == null) throw new IOException("font missing from the jar: " + resource);
      return in;
    }

    @Override
    public String toString() {
      return file != null ? file.toString() : resource;
    }
  }

  public FontFaces {
    Objects.requireNonNull(regular);
    Objects.requireNonNull(bold);
  }

  /** The bundled DejaVu Sans (the default). */
  public static FontFaces dejaVuSans() {
    return Bundled.DEJAVU;
  }

  /**
   * Faces from font files. {@code boldFile} may be null: the regular face is then emboldened by the renderers, which
   * the PDF encoder cannot embed as its own face, so it reuses the regular file.
   *
   * @throws IllegalArgumentException with a one-line reason when a file is not a readable TrueType/OpenType font
   */
  public static FontFaces of(Path regularFile, Path boldFile) {
    Font regular = load(new Source(null, regularFile));
    Font bold = boldFile == null ? regular.deriveFont(Font.BOLD) : load(new Source(null, boldFile)).deriveFont(Font.BOLD);
    Source b = new Source(null, boldFile == null ? regularFile : boldFile);
    return new FontFaces(regular.getFamily(), regular, bold, new Source(null, regularFile), b);
  }

  /** The source of {@code face}, matched by font name (how the PDF encoder finds a face). */
  public Source sourceOf(Font face) {
    return face.getFontName().equals(bold.getFontName()) && !bold.getFontName().equals(regular.getFontName())
        ? boldSource : regularSource;
  }

  static Font load(Source source) {
    try (InputStream in = source.open()) {
      return Font.createFont(Font.TRUETYPE_FONT, in).deriveFont(1f);
    } catch (IOException e) {
      if (source.file() == null) throw new UncheckedIOException(e);
      throw new IllegalArgumentException("cannot read font file " + source + ": " + e.getMessage(), e);
    } catch (FontFormatException e) {
      throw new IllegalArgumentException("not a TrueType or OpenType font: " + source, e);
    }
  }

  private static final class Bundled {
    static final FontFaces DEJAVU = bundled();

    private static FontFaces bundled() {
      Source regular = new Source(Typography.REGULAR_RESOURCE, null);
      Source bold = new Source(Typography.BOLD_RESOURCE, null);
      // Font.createFont reports PLAIN even for the bold file; marking it BOLD lets the SVG say font-weight="bold".
      // Java2D does not embolden it a second time, because the file's own OS/2 style is already bold.
      return new FontFaces("DejaVu Sans", load(regular), load(bold).deriveFont(Font.BOLD), regular, bold);
    }
  }
}
