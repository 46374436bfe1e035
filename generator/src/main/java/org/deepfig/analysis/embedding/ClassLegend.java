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
 * Class colours and names shared by scatter panels, for the classes the points have (an ImageNet model's 1,000
 * names would make the legend 12,000 px tall for the ten a folder holds): a column beside the panels (its top level
 * with the plots), or, when placed below them, rows of as many columns as the width takes.
 */
public final class ClassLegend implements Drawing {
  private static final double ROW = 12;
  private static final double COLUMN_GAP = 10;
  private final List<String> names;
  private final int[] classes;
  private final double entryWidth;
  private final int columns;
  private final double top;

  /** A single column, starting level with the plots of panels beside it. */
  ClassLegend(List<String> names, int[] labels) {
    this(names, labels, 0);
  }

  /** @param width 0 for a single column beside the panels; else the width of the rows below them */
  ClassLegend(List<String> names, int[] labels, double width) {
    this.classes = java.util.Arrays.stream(labels).distinct().sorted().toArray();
    List<String> shown = new java.util.ArrayList<>();
    for (int c : classes) shown.add(names.get(c));
    this.names = List.copyOf(shown);
    this.entryWidth = 14 + Typography.widest(Typography.caption(), this.names) + 4;
    this.columns = width <= 0 ? 1
        : (int) Math.max(1, Math.min(this.names.size(), Math.floor((width + COLUMN_GAP) / (entryWidth + COLUMN_GAP))));
    this.top = width <= 0 ? 30 : 2;
  }

  /** Beside {@code panels} when both fit the style's width, else in rows below them. */
  public static Drawing withPanels(Drawing panels, List<String> names, int[] labels, double gap) {
    ClassLegend column = new ClassLegend(names, labels);
    if (panels.width() + gap + column.width() <= org.deepfig.render.FigureStyle.current().layoutWidth()) {
      return org.deepfig.render.Panels.row(gap, List.of(panels, column));
    }
    return org.deepfig.render.Panels.column(gap, List.of(panels, new ClassLegend(names, labels, panels.width())));
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
      g.setColor(Palette.categorical(classes[c]));
      g.fill(new Ellipse2D.Double(x + 2, y - 3.5, 7, 7));
      g.setColor(Color.BLACK);
      TextAnchor.drawMiddle(g, names.get(c), Typography.caption(), x + 14, y, TextAnchor.Align.START);
    }
  }
}
