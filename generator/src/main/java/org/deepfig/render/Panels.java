package org.deepfig.render;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.util.List;

/** Drawings laid side by side (a row) or stacked (a column), top-aligned, with a gap between them. */
public final class Panels implements Drawing {
  private final List<Drawing> parts;
  private final boolean row;
  private final double gap;

  private Panels(List<Drawing> parts, boolean row, double gap) {
    if (parts.isEmpty()) throw new IllegalArgumentException("no panels");
    this.parts = List.copyOf(parts);
    this.row = row;
    this.gap = gap;
  }

  public static Panels row(double gap, List<? extends Drawing> parts) {
    return new Panels(List.copyOf(parts), true, gap);
  }

  public static Panels column(double gap, List<? extends Drawing> parts) {
    return new Panels(List.copyOf(parts), false, gap);
  }

  @Override
  public double width() {
    return row ? sum(true) : max(true);
  }

  @Override
  public double height() {
    return row ? max(false) : sum(false);
  }

  private double sum(boolean widths) {
    double s = gap * (parts.size() - 1);
    for (Drawing d : parts) s += widths ? d.width() : d.height();
    return s;
  }

  private double max(boolean widths) {
    double m = 0;
    for (Drawing d : parts) m = Math.max(m, widths ? d.width() : d.height());
    return m;
  }

  @Override
  public void paint(Graphics2D g) {
    AffineTransform saved = g.getTransform();
    double offset = 0;
    for (Drawing d : parts) {
      g.setTransform(saved);
      if (row) g.translate(offset, 0);
      else g.translate(0, offset);
      d.paint(g);
      offset += (row ? d.width() : d.height()) + gap;
    }
    g.setTransform(saved);
  }
}
