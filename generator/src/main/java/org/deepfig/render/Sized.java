package org.deepfig.render;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;

/**
 * A finished figure at its physical size: the drawing, laid out at screen text sizes within
 * {@link FigureStyle#layoutWidth()}, scaled by {@link FigureStyle#scale()} and centred on a canvas exactly
 * {@link FigureStyle#width()} wide. A drawing that could not be laid out that narrow is scaled down further to fit
 * (its text then ends below the style's size, which the layout checker reports).
 */
public final class Sized extends MeasuredDrawing {
  private final Drawing inner;
  private final double scale;
  private final double offsetX;

  private Sized(Drawing inner, double scale, double offsetX, double width) {
    this.inner = inner;
    this.scale = scale;
    this.offsetX = offsetX;
    this.width = width;
    this.height = Math.ceil(inner.height() * scale * 1000) / 1000;
  }

  /** {@code drawing} as {@code style} sets it; screen figures are returned unchanged. */
  public static Drawing of(Drawing drawing, FigureStyle style) {
    if (!style.fixedWidth()) return drawing;
    double scale = Math.min(style.scale(), style.width() / drawing.width());
    double offset = (style.width() - drawing.width() * scale) / 2;
    return new Sized(drawing, scale, offset, style.width());
  }

  /** The factor from layout points to finished points (below the style's scale when the drawing did not fit). */
  public double scale() {
    return scale;
  }

  /** Where a rectangle of the inner drawing (a hover area) lies on this canvas. */
  public Rectangle2D map(Rectangle2D r) {
    return new Rectangle2D.Double(offsetX + r.getX() * scale, r.getY() * scale, r.getWidth() * scale,
        r.getHeight() * scale);
  }

  @Override
  public void paint(Graphics2D g) {
    AffineTransform saved = g.getTransform();
    g.translate(offsetX, 0);
    g.scale(scale, scale);
    inner.paint(g);
    g.setTransform(saved);
  }
}
