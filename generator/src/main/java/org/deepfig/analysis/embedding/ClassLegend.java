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
 * A column of class colours and names, shared by a row of scatter panels: the classes the points have, each in its
 * class's colour (an ImageNet model's 1,000 names would make the legend 12,000 px tall for the ten a folder holds).
 */
final class ClassLegend implements Drawing {
  private static final double ROW = 12;
  private final List<String> names;
  private final int[] classes;
  private final double width;

  ClassLegend(List<String> names, int[] labels) {
    this.classes = java.util.Arrays.stream(labels).distinct().sorted().toArray();
    List<String> shown = new java.util.ArrayList<>();
    for (int c : classes) shown.add(names.get(c));
    this.names = List.copyOf(shown);
    double w = 0;
    for (String n : this.names) w = Math.max(w, Typography.width(Typography.caption(), n));
    this.width = 14 + w + 4;
  }

  @Override
  public double width() {
    return width;
  }

  @Override
  public double height() {
    return 30 + ROW * names.size();
  }

  @Override
  public void paint(Graphics2D g) {
    for (int c = 0; c < names.size(); c++) {
      double y = 30 + ROW * c + ROW / 2;
      g.setColor(Palette.categorical(classes[c]));
      g.fill(new Ellipse2D.Double(2, y - 3.5, 7, 7));
      g.setColor(Color.BLACK);
      TextAnchor.drawMiddle(g, names.get(c), Typography.caption(), 14, y, TextAnchor.Align.START);
    }
  }
}
