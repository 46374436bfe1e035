package org.deepfig.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/**
 * A vertical colour bar with nice ticks on its right and an optional label reading upwards beside them. Its width
 * follows from its tick labels, so a parent can lay it out before painting.
 */
public final class ColourBar implements Drawing {
  static final double BAR_WIDTH = 10;
  private static final double TICK_LENGTH = 3;
  private static final double GAP = 2;

  private final ColourMap map;
  private final Normalisation normalisation;
  private final String label;
  private final double height;
  private final NiceTicks ticks;

  public ColourBar(ColourMap map, Normalisation normalisation, String label, double height) {
    this.map = map;
    this.normalisation = normalisation;
    this.label = label;
    this.height = height;
    this.ticks = NiceTicks.between(normalisation.min(), normalisation.max(), Math.max(2, (int) (height / 30) + 1));
  }

  public NiceTicks ticks() {
    return ticks;
  }

  @Override
  public double width() {
    Font font = Typography.tick();
    double labels = 0;
    for (String s : ticks.labels()) labels = Math.max(labels, Typography.width(font, s));
    double labelColumn = label == null ? 0 : GAP * 2 + Typography.lineHeight(Typography.label());
    return BAR_WIDTH + TICK_LENGTH + GAP + labels + labelColumn;
  }

  @Override
  public double height() {
    return height;
  }

  @Override
  public void paint(Graphics2D g) {
    SvgGroups.paint(g, SvgGroups.COLOUR_BAR, this::paintBar);
  }

  private void paintBar(Graphics2D g) {
    BufferedImage ramp = new BufferedImage(1, 256, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < 256; i++) ramp.setRGB(0, 255 - i, map.rgb(i / 255.0));
    Rasters.draw(g, ramp, 0, 0, BAR_WIDTH, height);
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(0.5f));
    g.draw(new Rectangle2D.Double(0, 0, BAR_WIDTH, height));

    Font font = Typography.tick();
    double labelsWidth = 0;
    for (int i = 0; i < ticks.values().size(); i++) {
      double y = height * (1 - normalisation.apply(ticks.values().get(i)));
      g.draw(new Line2D.Double(BAR_WIDTH, y, BAR_WIDTH + TICK_LENGTH, y));
      labelsWidth = Math.max(labelsWidth, Typography.width(font, ticks.labels().get(i)));
    }
    SvgGroups.paint(g, SvgGroups.COLOUR_BAR_TICKS, t -> {
      for (int i = 0; i < ticks.values().size(); i++) {
        double y = height * (1 - normalisation.apply(ticks.values().get(i)));
        TextAnchor.drawMiddle(t, ticks.labels().get(i), font, BAR_WIDTH + TICK_LENGTH + GAP, y,
            TextAnchor.Align.START);
      }
    });
    if (label != null) {
      Font lf = Typography.label();
      double x = BAR_WIDTH + TICK_LENGTH + GAP + labelsWidth + GAP * 2 + Typography.lineHeight(lf) / 2;
      TextAnchor.drawRotated(g, label, lf, x, height / 2, -90, TextAnchor.Align.CENTRE);
    }
  }
}
