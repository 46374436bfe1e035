package org.deepfig.analysis.embedding;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.util.List;
import org.deepfig.render.Drawing;
import org.deepfig.render.Palette;
import org.deepfig.render.TextAnchor;
import org.deepfig.render.Typography;

/**
 * Class colours and names shared by scatter panels: a column beside them (its top level with the plots), or, when
 * placed below them, rows of as many columns as the width takes.
 */
final class ClassLegend implements Drawing {
  private static final double ROW = 12;
  private static final double COLUMN_GAP = 10;
  private final List<String> names;
  private final double entryWidth;
  private final int columns;
  private final double top;

  /** A single column, starting level with the plots of panels beside it. */
  ClassLegend(List<String> names) {
    this(names, 0);
  }

  /** @param width 0 for a single column beside the panels; else the width of the rows below them */
  ClassLegend(List<String> names, double width) {
    this.names = List.copyOf(names);
    double w = 0;
    for (String n : names) w = Math.max(w, Typography.width(Typography.caption(), n));
    this.entryWidth = 14 + w + 4;
    this.columns = width <= 0 ? 1
        : (int) Math.max(1, Math.min(names.size(), Math.floor((width + COLUMN_GAP) / (entryWidth + COLUMN_GAP))));
    this.top = width <= 0 ? 30 : 2;
  }

  /** Beside {@code panels} when both fit the style's width, else in rows below them. */
  static Drawing withPanels(Drawing panels, List<String> names, double gap) {
    ClassLegend column = new ClassLegend(names);
    if (panels.width() + gap + column.width() <= org.deepfig.render.FigureStyle.current().layoutWidth()) {
      return org.deepfig.render.Panels.row(gap, List.of(panels, column));
    }
    return org.deepfig.render.Panels.column(gap, List.of(panels, new ClassLegend(names, panels.width())));
  }

  private int rows() {
    return (names.size() + columns - 1) / columns;
  }

  @Override
  public double width() {
    return columns * entryWidth + (columns - 1) * COLUMN_GAP;
  }

  @Override
  public double height() {
    return top + ROW * rows();
  }

  @Override
  public void paint(Graphics2D g) {
    for (int c = 0; c < names.size(); c++) {
      double y = top + ROW * (c / columns) + ROW / 2;
      double x = (c % columns) * (entryWidth + COLUMN_GAP);
      g.setColor(Palette.categorical(c));
      g.fill(new Ellipse2D.Double(x + 2, y - 3.5, 7, 7));
      g.setColor(Color.BLACK);
      TextAnchor.drawMiddle(g, names.get(c), Typography.caption(), x + 14, y, TextAnchor.Align.START);
    }
  }
}
