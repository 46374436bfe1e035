package org.deepfig.analysis.training;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.util.List;
import org.deepfig.render.ColourMap;
import org.deepfig.render.Drawing;
import org.deepfig.render.CornerTitle;
import org.deepfig.render.NiceTicks;
import org.deepfig.render.TextAnchor;
import org.deepfig.render.TextAnchor.Align;
import org.deepfig.render.Typography;

/**
 * A grid of ridgeline plots: a row per layer, a column per quantity (weights, gradients, activations); in each cell
 * one ridge per snapshot, earliest at the top, all on the cell's shared x axis and each scaled to its own highest
 * bin, coloured from the first snapshot to the last along the sequential map.
 */
final class Ridgelines implements Drawing {
  private static final double CELL_W = 160;
  private static final double ROW = 11;
  private static final double RIDGE = 24;
  private static final double GAP_X = 18;
  private static final double GAP_Y = 10;
  private static final double MARGIN = 6;

  /** A cell: its histograms (one per snapshot, on one range), or null when the quantity is not available. */
  record Cell(List<Histogram> ridges) {}

  private final List<String> rowNames;
  private final List<String> columnNames;
  private final List<String> ridgeNames;
  private final Cell[][] cells;
  private final CornerTitle title;
  private final double labelW;
  private final double top;
  private final double cellH;
  private final double axisH;

  Ridgelines(List<String> rowNames, List<String> columnNames, List<String> ridgeNames, Cell[][] cells, String title) {
    this.rowNames = rowNames;
    this.columnNames = columnNames;
    this.ridgeNames = ridgeNames;
    this.cells = cells;
    this.title = CornerTitle.of(title, MARGIN);
    Font tick = Typography.tick();
    labelW = Typography.widest(tick, ridgeNames) + 4;
    double line = Typography.lineHeight(tick);
    top = this.title.bottom() + line + 2;
    cellH = line + 2 + (ridgeNames.size() - 1) * ROW + RIDGE;
    axisH = 3 + line + 1;
  }

  @Override
  public double width() {
    return MARGIN + labelW + columnNames.size() * CELL_W + (columnNames.size() - 1) * GAP_X + MARGIN;
  }

  @Override
  public double height() {
    return top + rowNames.size() * (cellH + axisH) + (rowNames.size() - 1) * GAP_Y + MARGIN;
  }

  @Override
  public void paint(Graphics2D g) {
    Font tick = Typography.tick();
    Font label = Typography.label();
    double line = Typography.lineHeight(tick);
    title.paint(g);
    double left = MARGIN + labelW;
    for (int c = 0; c < columnNames.size(); c++) {
      TextAnchor.draw(g, columnNames.get(c), label, left + c * (CELL_W + GAP_X) + CELL_W / 2, top - 3,
          Align.CENTRE);
    }
    ColourMap map = ColourMap.sequential(ColourMap.viridis());
    for (int r = 0; r < rowNames.size(); r++) {
      double y0 = top + r * (cellH + axisH + GAP_Y);
      g.setColor(Color.BLACK);
      TextAnchor.draw(g, rowNames.get(r), Typography.bold(Typography.TICK_SIZE), left, y0 + line - 2, Align.START);
      double ridgeTop = y0 + line + 2;
      for (int k = 0; k < ridgeNames.size(); k++) {
        g.setColor(Color.BLACK);
        TextAnchor.draw(g, ridgeNames.get(k), tick, left - 3, ridgeTop + k * ROW + RIDGE, Align.END);
      }
      for (int c = 0; c < columnNames.size(); c++) {
        double x0 = left + c * (CELL_W + GAP_X);
        Cell cell = cells[r][c];
        if (cell == null) {
          g.setColor(new Color(0x77, 0x77, 0x77));
          TextAnchor.drawMiddle(g, "not available", tick, x0 + CELL_W / 2, ridgeTop + (cellH - line) / 2,
              Align.CENTRE);
          continue;
        }
        paintCell(g, cell, x0, ridgeTop, map);
        axis(g, cell.ridges().get(0), x0, ridgeTop + (ridgeNames.size() - 1) * ROW + RIDGE);
      }
    }
  }

  private void paintCell(Graphics2D g, Cell cell, double x0, double y0, ColourMap map) {
    Graphics2D g2 = (Graphics2D) g.create();
    try {
      g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      int n = cell.ridges().size();
      for (int k = 0; k < n; k++) {
        Histogram h = cell.ridges().get(k);
        double base = y0 + k * ROW + RIDGE;
        long max = Math.max(1, h.max());
        int bins = h.counts().length;
        double bw = CELL_W / bins;
        Path2D.Double p = new Path2D.Double();
        p.moveTo(x0, base);
        for (int b = 0; b < bins; b++) {
          double y = base - RIDGE * h.counts()[b] / max;
          p.lineTo(x0 + b * bw, y);
          p.lineTo(x0 + (b + 1) * bw, y);
        }
        p.lineTo(x0 + CELL_W, base);
        p.closePath();
        Color fill = map.colour(n == 1 ? 0.5 : 0.1 + 0.8 * k / (n - 1));
        g2.setColor(new Color(fill.getRed(), fill.getGreen(), fill.getBlue(), 215));
        g2.fill(p);
        g2.setColor(Color.WHITE);
        g2.setStroke(new BasicStroke(0.6f));
        g2.draw(p);
      }
    } finally {
      g2.dispose();
    }
  }

  private static void axis(Graphics2D g, Histogram h, double x0, double y) {
    Font tick = Typography.tick();
    g.setColor(new Color(0x55, 0x55, 0x55));
    g.setStroke(new BasicStroke(0.5f));
    g.draw(new Line2D.Double(x0, y, x0 + CELL_W, y));
    NiceTicks t = NiceTicks.between(h.lo(), h.hi(), 4);
    for (int most = 5; t.values().size() < 2 && most <= 9; most++) t = NiceTicks.between(h.lo(), h.hi(), most);
    List<String> labels = t.labels();
    double lastEnd = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < t.values().size(); i++) {
      double x = x0 + (t.values().get(i) - h.lo()) / (h.hi() - h.lo()) * CELL_W;
      double half = Typography.width(tick, labels.get(i)) / 2;
      double start = Math.max(x0, Math.min(x - half, x0 + CELL_W - 2 * half));
      if (start < lastEnd + 4) continue; // ticks too close to label
      g.draw(new Line2D.Double(x, y, x, y + 2));
      g.setColor(Color.BLACK);
      TextAnchor.draw(g, labels.get(i), tick, start, y + 3 + Typography.capHeight(tick), Align.START);
      g.setColor(new Color(0x55, 0x55, 0x55));
      lastEnd = start + 2 * half;
    }
  }
}
