package org.deepfig.analysis.training;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deepfig.data.Toy2dDataset;
import org.deepfig.render.CornerTitle;
import org.deepfig.render.Drawing;
import org.deepfig.render.MeasuredDrawing;
import org.deepfig.render.FigureStyle;
import org.deepfig.render.Rasters;
import org.deepfig.render.TextAnchor;
import org.deepfig.render.TextAnchor.Align;
import org.deepfig.render.Typography;

/**
 * The TensorFlow Playground's picture of a small perceptron: a column per layer (the input features, each hidden
 * layer, the output), every unit a small map of its activation over the input plane, lines between units for the
 * weights (red positive, blue negative, wider for larger), and the output as a large map of the positive class's
 * probability with the points on top and its 0.5 boundary. The classes have the palette's colours (the Playground's
 * orange and blue); units are coloured between the same two.
 */
final class PlaygroundDrawing {
  /** The two classes' colours: the style's palette, as every other figure of the report draws the classes. */
  static Color negative() {
    return FigureStyle.current().palette().colour(0);
  }

  static Color positive() {
    return FigureStyle.current().palette().colour(1);
  }

  /** A weight's sign, as the weights figure draws it: the diverging map's ends (blue negative, red positive). */
  static Color sign(double w) {
    return org.deepfig.render.ColourMap.diverging().colour(w >= 0 ? 0.9 : 0.1);
  }
  private static final double UNIT = 30;
  private static final double UNIT_GAP = 7;
  private static final double COLUMN_GAP = 50;
  private static final double OUTPUT = 150;
  private static final double MARGIN = 6;

  private PlaygroundDrawing() {}

  /** The points drawn on the output map: coordinates and class (0 or 1). */
  record Points(float[] x, float[] y, int[] label) {}

  /**
   * Colour of t in [-1, 1]: class 0's colour below 0, white at 0, class 1's above; {@code strength} lightens the
   * ends.
   */
  static int rgb(double t, double strength) {
    double s = Math.max(-1, Math.min(1, t)) * strength;
    Color end = s < 0 ? negative() : positive();
    double a = Math.abs(s);
    int r = (int) Math.round(255 + (end.getRed() - 255) * a);
    int g = (int) Math.round(255 + (end.getGreen() - 255) * a);
    int b = (int) Math.round(255 + (end.getBlue() - 255) * a);
    return (r << 16) | (g << 8) | b;
  }

  /** An n×n map of values already scaled to [-1, 1]. */
  static BufferedImage image(float[] values, int n, double scale, double offset, double strength) {
    BufferedImage img = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
    for (int p = 0; p < n * n; p++) img.setRGB(p % n, p / n, rgb((values[p] - offset) / scale, strength));
    return img;
  }

  static double maxAbs(float[]... maps) {
    double m = 0;
    for (float[] v : maps) for (float x : v) m = Math.max(m, Math.abs(x));
    return m == 0 ? 1 : m;
  }

  /** The output map alone: the plane coloured by P(class 1), the points, the boundary; a header and a footer. */
  static final class Output implements Drawing {
    private final float[] p;
    private final int n;
    private final Points points;
    private final String header;
    private final String footer;
    private final double side;

    Output(float[] p, int n, Points points, String header, String footer, double side) {
      this.p = p;
      this.n = n;
      this.points = points;
      this.header = header;
      this.footer = footer;
      this.side = side;
    }

    @Override
    public double width() {
      return side + 2 * MARGIN;
    }

    @Override
    public double height() {
      return side + 2 * MARGIN + 2 * (Typography.lineHeight(Typography.tick()) + 3);
    }

    @Override
    public void paint(Graphics2D g) {
      Font f = Typography.tick();
      double line = Typography.lineHeight(f) + 3;
      g.setColor(Color.BLACK);
      TextAnchor.draw(g, header, f, MARGIN + side / 2, MARGIN + Typography.capHeight(f), Align.CENTRE);
      double top = MARGIN + line;
      plane(g, p, n, points, MARGIN, top, side);
      g.setColor(Color.BLACK);
      TextAnchor.draw(g, footer, f, MARGIN + side / 2, top + side + line - 2, Align.CENTRE);
    }
  }

  /** Paints the output plane at (x, y), side {@code s}: probability colours, 0.5 boundary, points, frame. */
  static void plane(Graphics2D g, float[] p, int n, Points points, double x, double y, double s) {
    Rasters.draw(g, image(p, n, 0.5, 0.5, 0.7), x, y, s, s);
    Graphics2D g2 = (Graphics2D) g.create();
    try {
      g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g2.clip(new Rectangle2D.Double(x, y, s, s));
      g2.setColor(new Color(0x33, 0x33, 0x33));
      g2.setStroke(new BasicStroke(0.8f));
      double cell = s / n;
      java.awt.geom.Path2D.Double boundary = new java.awt.geom.Path2D.Double();
      // the 0.5 boundary: a segment across each cell edge where the probability crosses 0.5 (marching squares)
      for (int r = 0; r + 1 < n; r++) {
        for (int c = 0; c + 1 < n; c++) {
          List<double[]> cross = new ArrayList<>();
          int[][] corners = {{r, c}, {r, c + 1}, {r + 1, c + 1}, {r + 1, c}};
          for (int k = 0; k < 4; k++) {
            int[] a = corners[k];
            int[] b = corners[(k + 1) % 4];
            double va = p[a[0] * n + a[1]] - 0.5;
            double vb = p[b[0] * n + b[1]] - 0.5;
            if ((va < 0) != (vb < 0)) {
              double t = va / (va - vb);
              double rr = a[0] + t * (b[0] - a[0]);
              double cc = a[1] + t * (b[1] - a[1]);
              cross.add(new double[] {x + (cc + 0.5) * cell, y + (rr + 0.5) * cell});
            }
          }
          for (int k = 0; k + 1 < cross.size(); k += 2) {
            boundary.moveTo(cross.get(k)[0], cross.get(k)[1]);
            boundary.lineTo(cross.get(k + 1)[0], cross.get(k + 1)[1]);
          }
        }
      }
      g2.draw(boundary); // one path: a few kB of SVG rather than a line element per cell
      double e = Toy2dDataset.EXTENT;
      double radius = Math.max(1.2, s / 90);
      g2.setStroke(new BasicStroke(0.4f));
      for (int i = 0; i < points.label().length; i++) {
        double px = x + (points.x()[i] + e) / (2 * e) * s;
        double py = y + (e - points.y()[i]) / (2 * e) * s;
        Ellipse2D dot = new Ellipse2D.Double(px - radius, py - radius, 2 * radius, 2 * radius);
        g2.setColor(points.label()[i] == 1 ? positive() : negative());
        g2.fill(dot);
        g2.setColor(Color.WHITE);
        g2.draw(dot);
      }
    } finally {
      g2.dispose();
    }
    g.setColor(new Color(0x55, 0x55, 0x55));
    g.setStroke(new BasicStroke(0.5f));
    g.draw(new Rectangle2D.Double(x, y, s, s));
  }

  /** The network laid out as the Playground draws it. */
  static final class Network extends MeasuredDrawing {
    private final PlaneMaps maps;
    private final List<String> featureLabels;
    private final float[][] featureMaps;
    private final Points points;
    private final int maxUnits;
    private final CornerTitle title;
    private final List<double[]> columns = new ArrayList<>(); // per column: x, then each unit's top y
    private final double labelWidth;
    private final double top;
    private final double outputX;
    private final double outputY;

    Network(PlaneMaps maps, List<String> featureLabels, float[][] featureMaps, Points points, int maxUnits,
        String title) {
      this.maps = maps;
      this.featureLabels = featureLabels;
      this.featureMaps = featureMaps;
      this.points = points;
      this.maxUnits = maxUnits;
      this.title = CornerTitle.of(title, MARGIN);
      Font tick = Typography.tick();
      labelWidth = Typography.widest(tick, featureLabels) + 4;
      double line = Typography.lineHeight(tick);
      top = this.title.bottom() + 2 * line + 4;
      List<Integer> counts = new ArrayList<>();
      counts.add(featureLabels.size());
      for (String l : maps.layers()) counts.add(Math.min(maxUnits, maps.maps().get(l).length));
      double tallest = OUTPUT;
      for (int c : counts) tallest = Math.max(tallest, c * UNIT + (c - 1) * UNIT_GAP);
      double x = MARGIN + labelWidth;
      for (int c : counts) {
        double h = c * UNIT + (c - 1) * UNIT_GAP;
        double[] col = new double[c + 1];
        col[0] = x;
        for (int u = 0; u < c; u++) col[u + 1] = top + (tallest - h) / 2 + u * (UNIT + UNIT_GAP);
        columns.add(col);
        x += UNIT + COLUMN_GAP;
      }
      outputX = x;
      outputY = top + (tallest - OUTPUT) / 2;
      double axisRoom = Typography.lineHeight(tick) + 4;
      width = outputX + OUTPUT + 4 + Typography.width(tick, "−6") + MARGIN;
      height = Math.max(top + tallest, outputY + OUTPUT + axisRoom) + MARGIN;
    }

    @Override
    public void paint(Graphics2D g) {
      Font tick = Typography.tick();
      double line = Typography.lineHeight(tick);
      title.paint(g);
      double headerBase = top - 4 - line;
      weights(g);
      // the feature column
      double[] fc = columns.get(0);
      g.setColor(Color.BLACK);
      TextAnchor.draw(g, "features", tick, fc[0] + UNIT / 2, headerBase, Align.CENTRE);
      for (int i = 0; i < featureMaps.length; i++) {
        double s = maxAbs(featureMaps[i]);
        Rasters.draw(g, image(featureMaps[i], maps.n(), s, 0, 1), fc[0], fc[i + 1], UNIT, UNIT);
        frame(g, fc[0], fc[i + 1]);
        g.setColor(Color.BLACK);
        TextAnchor.drawMiddle(g, featureLabels.get(i), tick, fc[0] - 3, fc[i + 1] + UNIT / 2, Align.END);
      }
      for (int k = 0; k < maps.layers().size(); k++) {
        String layer = maps.layers().get(k);
        float[][] units = maps.maps().get(layer);
        double[] col = columns.get(k + 1);
        String kind = maps.activationNames().get(k);
        double scale = kind.equals("Tanh") ? 1 : kind.equals("Sigmoid") ? 0.5 : maxAbs(units);
        double offset = kind.equals("Sigmoid") ? 0.5 : 0;
        g.setColor(Color.BLACK);
        TextAnchor.draw(g, layer, tick, col[0] + UNIT / 2, headerBase, Align.CENTRE);
        String count = units.length + (units.length == 1 ? " unit" : " units")
            + (units.length > maxUnits ? " (" + maxUnits + " shown)" : "");
        TextAnchor.draw(g, count, tick, col[0] + UNIT / 2, headerBase + line, Align.CENTRE);
        for (int u = 0; u + 1 < col.length; u++) {
          Rasters.draw(g, image(units[u], maps.n(), scale, offset, 1), col[0], col[u + 1], UNIT, UNIT);
          frame(g, col[0], col[u + 1]);
        }
      }
      g.setColor(Color.BLACK);
      TextAnchor.draw(g, "output: P(positive)", tick, outputX + OUTPUT / 2, headerBase + line, Align.CENTRE);
      plane(g, maps.output(), maps.n(), points, outputX, outputY, OUTPUT);
      // axis ends: −6 and 6 under the plane, and on its right
      g.setColor(Color.BLACK);
      double base = outputY + OUTPUT + 2 + Typography.capHeight(tick);
      String lo = "−" + fmt(Toy2dDataset.EXTENT);
      String hi = fmt(Toy2dDataset.EXTENT);
      TextAnchor.draw(g, lo, tick, outputX, base, Align.START);
      TextAnchor.draw(g, "x", tick, outputX + OUTPUT / 2, base, Align.CENTRE);
      TextAnchor.draw(g, hi, tick, outputX + OUTPUT, base, Align.END);
      TextAnchor.drawMiddle(g, hi, tick, outputX + OUTPUT + 3, outputY + 4, Align.START);
      TextAnchor.drawMiddle(g, "y", tick, outputX + OUTPUT + 3, outputY + OUTPUT / 2, Align.START);
      TextAnchor.drawMiddle(g, lo, tick, outputX + OUTPUT + 3, outputY + OUTPUT - 4, Align.START);
    }

    private static String fmt(double v) {
      return String.format(Locale.ROOT, "%.0f", v);
    }

    private static void frame(Graphics2D g, double x, double y) {
      g.setColor(new Color(0x99, 0x99, 0x99));
      g.setStroke(new BasicStroke(0.4f));
      g.draw(new Rectangle2D.Double(x, y, UNIT, UNIT));
    }

    /** Lines from each unit to each unit of the next column: colour by sign, width by size (per column pair). */
    private void weights(Graphics2D g) {
      Graphics2D g2 = (Graphics2D) g.create();
      try {
        g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        for (int k = 0; k < maps.weights().size(); k++) {
          float[][] w = maps.weights().get(k);
          double[] from = columns.get(k);
          boolean toOutput = k + 1 >= columns.size();
          double[] to = toOutput ? null : columns.get(k + 1);
          double max = 0;
          for (float[] row : w) max = Math.max(max, maxAbs(row));
          int targets = toOutput ? 1 : to.length - 1;
          for (int j = 0; j < targets; j++) {
            double tx = toOutput ? outputX : to[0];
            double ty = toOutput ? outputY + OUTPUT / 2 : to[j + 1] + UNIT / 2;
            for (int i = 0; i + 1 < from.length; i++) {
              double v = w[j][i];
              g2.setColor(sign(v));
              g2.setStroke(new BasicStroke((float) (0.2 + 2.6 * Math.abs(v) / max)));
              g2.draw(new Line2D.Double(from[0] + UNIT, from[i + 1] + UNIT / 2, tx, ty));
            }
          }
        }
      } finally {
        g2.dispose();
      }
    }
  }
}
