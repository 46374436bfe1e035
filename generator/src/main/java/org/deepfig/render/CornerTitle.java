package org.deepfig.render;

import java.awt.Color;
import java.awt.Graphics2D;

/**
 * A figure's own title set flush left in its top-left corner, as the training figures (the playground's network,
 * the ridgelines) draw it, or nothing when the style puts titles in the caption ({@link FigureStyle#figureTitle}).
 */
public record CornerTitle(String text, double margin) {
  /** The title under the current style, {@code margin} points from the drawing's top and left edges. */
  public static CornerTitle of(String title, double margin) {
    return new CornerTitle(FigureStyle.figureTitle(title), margin);
  }

  /** Where what follows the title may start: below it and 4 points of space, or at the margin without one. */
  public double bottom() {
    return margin + (text == null ? 0 : Typography.lineHeight(Typography.title()) + 4);
  }

  /** Draws the title, if any, and leaves the colour black for the drawing's own text. */
  public void paint(Graphics2D g) {
    g.setColor(Color.BLACK);
    if (text != null) {
      TextAnchor.draw(g, text, Typography.title(), margin, margin + Typography.capHeight(Typography.title()),
          TextAnchor.Align.START);
    }
  }
}
