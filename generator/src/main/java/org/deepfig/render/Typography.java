package org.deepfig.render;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The one typeface of every figure: DejaVu Sans, regular and bold, loaded from the jar rather than from the system so
 * that text metrics (and hence layout) are the same on every machine, and so the PDF encoder can embed exactly the
 * font that was measured. Sizes are in points.
 */
public final class Typography {
  public static final float TITLE_SIZE = 11f;
  public static final float LABEL_SIZE = 9f;
  public static final float TICK_SIZE = 7.5f;
  public static final float CAPTION_SIZE = 8f;

  /** Classpath locations of the bundled font files, for encoders that embed them. */
  public static final String REGULAR_RESOURCE = "/deepfig/fonts/DejaVuSans.ttf";
  public static final String BOLD_RESOURCE = "/deepfig/fonts/DejaVuSans-Bold.ttf";

  /**
   * Layout is measured in this context, never in the Graphics2D at hand: SVG, PDF and PNG graphics report slightly
   * different metrics (hinting, integer advances), and a figure must lay out identically in all three.
   */
  public static final FontRenderContext MEASURE = new FontRenderContext(new AffineTransform(), true, true);

  private static final Font REGULAR = load(REGULAR_RESOURCE);
  // Font.createFont reports PLAIN even for the bold file; marking it BOLD lets the SVG say font-weight="bold". Java2D
  // does not embolden it a second time, because the file's own OS/2 style is already bold.
  private static final Font BOLD = load(BOLD_RESOURCE).deriveFont(Font.BOLD);

  private Typography() {}

  public static Font regular(float size) {
    return REGULAR.deriveFont(Font.PLAIN, size);
  }

  public static Font bold(float size) {
    return BOLD.deriveFont(Font.BOLD, size);
  }

  public static Font title() {
    return bold(TITLE_SIZE);
  }

  public static Font label() {
    return regular(LABEL_SIZE);
  }

  public static Font tick() {
    return regular(TICK_SIZE);
  }

  public static Font caption() {
    return regular(CAPTION_SIZE);
  }

  /** The bundled faces at size 1, keyed by {@link Font#getFontName()} in the encoders that map fonts by name. */
  public static List<Font> faces() {
    return List.of(REGULAR, BOLD);
  }

  /** The resource a face was loaded from. */
  public static String resourceOf(Font face) {
    return face.getFontName().equals(BOLD.getFontName()) ? BOLD_RESOURCE : REGULAR_RESOURCE;
  }

  /** Advance width of {@code text} in points. */
  public static double width(Font font, String text) {
    return font.getStringBounds(text, MEASURE).getWidth();
  }

  /** Height of capital letters above the baseline, for centring text vertically on a point. */
  public static double capHeight(Font font) {
    Rectangle2D b = font.createGlyphVector(MEASURE, "H").getVisualBounds();
    return b.getHeight();
  }

  /** Distance between baselines of consecutive lines. */
  public static double lineHeight(Font font) {
    return font.getLineMetrics("Hg", MEASURE).getHeight();
  }

  private static Font load(String resource) {
    try (InputStream in = Typography.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("font missing from the jar: " + resource);
      return Font.createFont(Font.TRUETYPE_FONT, in).deriveFont(1f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (FontFormatException e) {
      throw new IllegalStateException("bundled font is corrupt: " + resource, e);
    }
  }
}
