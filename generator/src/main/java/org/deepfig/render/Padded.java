package org.deepfig.render;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;

/** A drawing with blank space around it: a margin to the canvas edge, or an offset to align it with a neighbour. */
public final class Padded implements Drawing {
  private final Drawing inner;
  private final double top;
  private final double right;
  private final double bottom;
  private final double left;

  private Padded(Drawing inner, double top, double right, double bottom, double left) {
    if (top < 0 || right < 0 || bottom < 0 || left < 0) throw new IllegalArgumentException("negative padding");
    this.inner = inner;
    this.top = top;
    this.right = right;
    this.bottom = bottom;
    this.left = left;
  }

  /** The same space on every side. */
  public static Padded all(Drawing inner, double margin) {
    return new Padded(inner, margin, margin, margin, margin);
  }

  /** Space above only: moves a drawing down inside a row of top-aligned panels. */
  public static Padded top(Drawing inner, double top) {
    return new Padded(inner, Math.max(0, top), 0, 0, 0);
  }

  /** Space on the right only: a margin for a drawing whose last part ends at its edge. */
  public static Padded right(Drawing inner, double right) {
    return new Padded(inner, 0, right, 0, 0);
  }

  @Override
  public double width() {
    return left + inner.width() + right;
  }

  @Override
  public double height() {
    return top + inner.height() + bottom;
  }

  @Override
  public void paint(Graphics2D g) {
    AffineTransform saved = g.getTransform();
    g.translate(left, top);
    inner.paint(g);
    g.setTransform(saved);
  }
}
