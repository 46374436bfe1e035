package org.deepfig.render;

import java.util.function.Supplier;

/**
 * How figures are set: the physical width they must fill, the text size, the typeface, the class colours, the
 * sequential colour map, panel letters and whether a figure carries its own title. One style is in force while a
 * figure is built and painted, as matplotlib's {@code rc_context} does: drawings read it when they measure text and
 * choose how many panels go in a row, so no analysis has to pass it through every constructor.
 *
 * <p>Drawings are laid out at the screen text sizes ({@link Typography}, 9 pt labels) within {@link #layoutWidth()};
 * the finished drawing is then scaled by {@link #scale()} so that labels come out at {@link #fontSize()} and the
 * canvas exactly {@link #width()} wide (see {@link Sized}). Text never ends below {@link #MIN_TEXT} points: while laying
 * out, {@link Typography} raises any smaller size to {@code MIN_TEXT / scale()}.
 *
 * @param name the size's name (screen, column, page, slide, custom), for captions and errors
 * @param width canvas width in points, or 0 for screen figures, which keep their natural width
 * @param fontSize the size of labels in the finished figure, in points (ticks are 5/6 of it, titles 11/9)
 * @param titles whether figures draw their own title (journals set titles in the caption)
 */
public record FigureStyle(String name, double width, double fontSize, FontFaces faces, Palette palette,
    ColourMap sequential, boolean panelLetters, boolean titles) {
  /** The smallest text any figure may carry, in points. */
  public static final double MIN_TEXT = 6;
  /** Label size at which drawings are laid out. */
  public static final double LAYOUT_FONT = 9;
  /** Screen figures wrap their panels within this width (10 inches); their canvas keeps its natural width. */
  public static final double SCREEN_LAYOUT_WIDTH = 720;

  private static final ThreadLocal<FigureStyle> CURRENT = new ThreadLocal<>();

  public FigureStyle {
    if (width < 0 || !Double.isFinite(width)) throw new IllegalArgumentException("width must be >= 0, got " + width);
    if (!(fontSize >= MIN_TEXT)) throw new IllegalArgumentException("font size must be >= 6 pt, got " + fontSize);
  }

  /** Screen figures: natural width, 9 pt labels, the default palette and map, titles drawn. */
  public static FigureStyle screen() {
    return new FigureStyle("screen", 0, LAYOUT_FONT, FontFaces.dejaVuSans(), Palette.DEFAULT, null, false,
        true);
  }

  /** The style in force on this thread: the one {@link #apply} set, or {@link #screen()}. */
  public static FigureStyle current() {
    FigureStyle s = CURRENT.get();
    return s == null ? Defaults.SCREEN : s;
  }

  /** Runs {@code work} (building or painting a figure) with this style in force, then restores the previous one. */
  public <T> T apply(Supplier<T> work) {
    FigureStyle previous = CURRENT.get();
    CURRENT.set(this);
    try {
      return work.get();
    } finally {
      if (previous == null) CURRENT.remove();
      else CURRENT.set(previous);
    }
  }

  /** Finished size over layout size: 8/9 for 8 pt column figures, 2 for 18 pt slides, 1 on screen. */
  public double scale() {
    return fontSize / LAYOUT_FONT;
  }

  /** The width, in layout points, that a drawing's panels and charts must fit in. */
  public double layoutWidth() {
    return width == 0 ? SCREEN_LAYOUT_WIDTH : width / scale();
  }

  /** Whether the canvas is made exactly {@link #width()} wide (every size but screen). */
  public boolean fixedWidth() {
    return width > 0;
  }

  /** A figure's own title under this style: {@code title}, or null when titles go in the caption. */
  public static String figureTitle(String title) {
    return current().titles() ? title : null;
  }

  private static final class Defaults {
    static final FigureStyle SCREEN = screen();
  }
}
