package org.deepfig.render;

import java.awt.Graphics2D;

/**
 * A figure that paints itself onto any {@link Graphics2D}. Sizes are in points (1/72 inch); the SVG, PDF and PNG
 * encoders scale as they need. A drawing never writes files and never touches DJL, so it is testable without either.
 */
public interface Drawing {
  /** Width in points. */
  double width();

  /** Height in points. */
  double height();

  /** Paints the figure with its top-left corner at (0, 0). Must be deterministic: same drawing, same calls. */
  void paint(Graphics2D g);

  /** A drawing of a fixed size that {@code paint} paints (small figures, tests). */
  static Drawing of(double width, double height, java.util.function.Consumer<Graphics2D> paint) {
    return new Painted(width, height, paint);
  }

  /** {@link #of}'s drawing. */
  record Painted(double width, double height, java.util.function.Consumer<Graphics2D> painter) implements Drawing {
    @Override
    public void paint(Graphics2D g) {
      painter.accept(g);
    }
  }
}
