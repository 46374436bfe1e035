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
}
