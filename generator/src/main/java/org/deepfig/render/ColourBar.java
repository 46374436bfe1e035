package org.deepfig.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A vertical colour bar with labelled ticks on its right and an optional label reading upwards beside them. It always
 * labels its minimum and maximum (and 0 when the range crosses it), with nice values in between where they do not
 * crowd those. Its size includes every label: the tick labels at the ends stick out above and below the ramp by
 * {@link #inset()}, so a parent aligning the ramp with something else shifts it up by that much.
 */
public final class ColourBar implements Drawing {
  static final double BAR_WIDTH = 10;
  private static final double TICK_LENGTH = 3;
  private static final double GAP = 2;

  /** A tick: its value and its label. */
  public record Tick(double value, String label) {}

  private final ColourMap map;
  private final Normalisation shown;
  private final String label;
  private final double barHeight;
  private final List<Tick> ticks;

  /**
   * @param height the ramp's height in points; raised to the label's length when the label is longer
   */
  public ColourBar(ColourMap map, Normalisation normalisation, String label, double height) {
    this.map = map;
    this.label = label == null || label.isEmpty() ? null : label;
    // a constant map paints everything at the ramp's middle; show a range around the value so both ends are labelled
    this.shown = normalisation.min() == normalisation.max() ? around(normalisation.min()) : normalisation;
    double minHeight = 2.5 * Typography.lineHeight(Typography.tick());
    if (this.label != null) minHeight = Math.max(minHeight, Typography.width(Typography.label(), this.label));
    this.barHeight = Math.max(height, minHeight);
    this.ticks = ticksFor(shown, barHeight);
  }

  private static Normalisation around(double v) {
    double d = v == 0 ? 1 : Math.abs(v) * 0.1;
    return new Normalisation(v - d, v + d);
  }

  /** Min and max, 0 inside the range, and nice values at least a label's height away from those. */
  static List<Tick> ticksFor(Normalisation n, double height) {
    double lo = n.min();
    double hi = n.max();
    int decimals = Math.max(0, Math.min(8, 1 - (int) Math.floor(Math.log10(hi - lo))));
    NiceTicks nice = NiceTicks.between(lo, hi, Math.max(2, (int) (height / 30) + 1));
    decimals = Math.max(decimals, nice.decimals());
    double room = Typography.lineHeight(Typography.tick()) + 1;
    double perUnit = height / (hi - lo);
    List<Double> values = new ArrayList<>(List.of(lo, hi));
    List<Double> candidates = new ArrayList<>();
    if (lo < 0 && hi > 0) candidates.add(0.0);
    candidates.addAll(nice.values());
    for (double v : candidates) {
      boolean crowded = false;
      for (double f : values) crowded |= Math.abs(v - f) * perUnit < room;
      if (!crowded) values.add(v);
    }
    values.sort(Double::compare);
    List<Tick> out = new ArrayList<>();
    for (double v : values) out.add(new Tick(v, format(v, decimals)));
    return List.copyOf(out);
  }

  private static String format(double v, int decimals) {
    String s = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    return s.equals("-0") ? "0" : s;
  }

  public List<Tick> ticks() {
    return ticks;
  }

  /** The ramp's height in points (at least its label's length). */
  public double rampHeight() {
    return barHeight;
  }

  /** How far the end labels stick out above and below the ramp. */
  public static double inset() {
    return Typography.capHeight(Typography.tick()) / 2 + 1;
  }

  @Override
  public double width() {
    Font font = Typography.tick();
    double labels = 0;
    for (Tick t : ticks) labels = Math.max(labels, Typography.width(font, t.label()));
    double labelColumn = label == null ? 0 : GAP * 2 + Typography.lineHeight(Typography.label());
    return BAR_WIDTH + TICK_LENGTH + GAP + labels + labelColumn;
  }

  @Override
  public double height() {
    return barHeight + 2 * inset();
  }

  @Override
  public void paint(Graphics2D g) {
    SvgGroups.paint(g, SvgGroups.COLOUR_BAR, bar -> {
      Graphics2D inner = (Graphics2D) bar.create();
      try {
        inner.translate(0, inset());
        paintBar(inner);
      } finally {
        inner.dispose();
      }
    });
  }

  private void paintBar(Graphics2D g) {
    BufferedImage ramp = new BufferedImage(1, 256, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < 256; i++) ramp.setRGB(0, 255 - i, map.rgb(i / 255.0));
    Rasters.draw(g, ramp, 0, 0, BAR_WIDTH, barHeight);
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(0.5f));
    g.draw(new Rectangle2D.Double(0, 0, BAR_WIDTH, barHeight));

    Font font = Typography.tick();
    double labelsWidth = 0;
    for (Tick t : ticks) {
      double y = barHeight * (1 - shown.apply(t.value()));
      g.draw(new Line2D.Double(BAR_WIDTH, y, BAR_WIDTH + TICK_LENGTH, y));
      labelsWidth = Math.max(labelsWidth, Typography.width(font, t.label()));
    }
    SvgGroups.paint(g, SvgGroups.COLOUR_BAR_TICKS, t -> {
      for (Tick tick : ticks) {
        double y = barHeight * (1 - shown.apply(tick.value()));
        TextAnchor.drawMiddle(t, tick.label(), font, BAR_WIDTH + TICK_LENGTH + GAP, y, TextAnchor.Align.START);
      }
    });
    if (label != null) {
      Font lf = Typography.label();
      double x = BAR_WIDTH + TICK_LENGTH + GAP + labelsWidth + GAP * 2 + Typography.lineHeight(lf) / 2;
      TextAnchor.drawRotated(g, label, lf, x, barHeight / 2, -90, TextAnchor.Align.CENTRE);
    }
  }
}
