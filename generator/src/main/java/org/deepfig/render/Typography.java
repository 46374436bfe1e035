package org.deepfig.render;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;

/**
 * The typeface of every figure, at the sizes drawings are laid out with (9 pt labels). The faces come from the
 * {@linkplain FigureStyle#current() style in force} (DejaVu Sans, bundled in the jar, unless {@code output.font} names
 * another), loaded from files rather than from the system so that text metrics (and hence layout) are the same on
 * every machine, and so the PDF encoder can embed exactly the font that was measured. Sizes are in points; a size
 * that would end below {@link FigureStyle#MIN_TEXT} once the figure is scaled to its paper size is raised to it.
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

  private Typography() {}

  public static Font regular(float size) {
    FigureStyle s = FigureStyle.current();
    return s.faces().regular().deriveFont(Font.PLAIN, size(s, size));
  }

  public static Font bold(float size) {
    FigureStyle s = FigureStyle.current();
    return s.faces().bold().deriveFont(Font.BOLD, size(s, size));
  }

  /** {@code size}, or the smallest size that still ends at {@link FigureStyle#MIN_TEXT} points after scaling. */
  private static float size(FigureStyle s, float size) {
    return (float) Math.max(size, FigureStyle.MIN_TEXT / s.scale());
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

  /** Advance width of {@code text} in points. */
  public static double width(Font font, String text) {
    return font.getStringBounds(text, MEASURE).getWidth();
  }

  /** The width of the widest of {@code texts} in {@code font} (0 for none): a column of labels. */
  public static double widest(Font font, Iterable<String> texts) {
    double w = 0;
    for (String s : texts) w = Math.max(w, width(font, s));
    return w;
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
}
