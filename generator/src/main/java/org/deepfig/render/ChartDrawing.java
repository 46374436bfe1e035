package org.deepfig.render;

import java.awt.Color;
import java.awt.Graphics2D;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * An XChart chart as a {@link Drawing}. XChart draws every string as glyph outlines, so a chart's title and axis
 * titles are drawn here instead, as real text that stays searchable in SVG and PDF; XChart draws the plot, ticks and
 * legend into the rectangle that remains.
 */
public final class ChartDrawing implements Drawing {
  private static final double MARGIN = 6;
  private static final double GAP = 4;

  private final Chart<?, ?> chart;
  private final Charts.Frame frame;

  ChartDrawing(Chart<?, ?> chart, Charts.Frame frame) {
    this.chart = chart;
    this.frame = frame;
  }

  @Override
  public double width() {
    return frame.width();
  }

  @Override
  public double height() {
    return frame.height();
  }

  @Override
  public void paint(Graphics2D g) {
    double top = MARGIN;
    double left = MARGIN;
    double bottom = frame.height() - MARGIN;
    g.setColor(Color.BLACK);
    if (frame.title() != null) {
      double baseline = top + Typography.capHeight(Typography.title());
      TextAnchor.draw(g, frame.title(), Typography.title(), frame.width() / 2, baseline, TextAnchor.Align.CENTRE);
      top = baseline + GAP * 2;
    }
    if (frame.yAxis() != null) {
      double lh = Typography.lineHeight(Typography.label());
      TextAnchor.drawRotated(g, frame.yAxis(), Typography.label(), left + lh / 2, (top + bottom) / 2, -90,
          TextAnchor.Align.CENTRE);
      left += lh;
    }
    if (frame.xAxis() != null) {
      double descent = Typography.lineHeight(Typography.label()) - Typography.capHeight(Typography.label());
      double baseline = bottom - descent / 2;
      TextAnchor.draw(g, frame.xAxis(), Typography.label(), (left + frame.width() - MARGIN) / 2, baseline,
          TextAnchor.Align.CENTRE);
      bottom = baseline - Typography.capHeight(Typography.label()) - GAP;
    }
    Graphics2D plot = (Graphics2D) g.create();
    try {
      plot.translate(left, top);
      chart.paint(plot, (int) Math.floor(frame.width() - MARGIN - left), (int) Math.floor(bottom - top));
    } finally {
      plot.dispose();
    }
  }
}
