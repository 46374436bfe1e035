package org.deepfig.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

/** Small drawings shared by the render tests. */
final class SampleDrawings {
  static final List<String> DIGITS = List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");

  private SampleDrawings() {}

  /** Shapes, text in both weights and a raster: everything an encoder has to carry. */
  static Drawing mixed() {
    return Drawing.of(200, 120, g -> {
      g.setColor(new Color(0x1f77b4));
      g.fill(new Rectangle2D.Double(10, 40, 60, 50));
      g.setColor(new Color(0xd62728));
      g.fill(new Ellipse2D.Double(90, 40, 50, 50));
      g.setColor(Color.BLACK);
      g.setStroke(new BasicStroke(1.5f));
      g.draw(new Line2D.Double(10, 100, 190, 100));
      TextAnchor.draw(g, "Saliency", Typography.title(), 10, 20, TextAnchor.Align.START);
      TextAnchor.draw(g, "epoch 7", Typography.label(), 190, 20, TextAnchor.Align.END);
      float[] map = {0f, 1f, 0.5f, 0.25f};
      Rasters.draw(g, Rasters.ofMap(map, 2, 2, ColourMap.viridis()), 150, 40, 40, 40);
    });
  }

  static HeatmapDrawing confusion() {
    int[][] counts = new int[10][10];
    for (int i = 0; i < 10; i++) {
      for (int j = 0; j < 10; j++) counts[i][j] = i == j ? 900 + 9 * i : (i * 7 + j * 3) % 13;
    }
    counts[4][9] = 61;
    counts[7][2] = 34;
    return HeatmapDrawing.confusionMatrix(counts, DIGITS);
  }

  static ChartDrawing lossCurves() {
    int epochs = 12;
    double[] x = new double[epochs];
    double[] train = new double[epochs];
    double[] test = new double[epochs];
    for (int e = 0; e < epochs; e++) {
      x[e] = e + 1;
      train[e] = 2.3 * Math.exp(-0.45 * e) + 0.04;
      test[e] = 2.3 * Math.exp(-0.4 * e) + 0.07 + 0.004 * e;
    }
    return Charts.line(new Charts.Frame("LeNet-5 on MNIST", "epoch", "cross-entropy loss", 320, 200),
        List.of(new Charts.Series("train", x, train), new Charts.Series("test", x, test)));
  }

  static ChartDrawing perClassAccuracy() {
    return Charts.bar(new Charts.Frame("Accuracy per class", "class", "accuracy", 320, 200), DIGITS,
        List.of(new Charts.Bars("test", new double[] {0.99, 0.99, 0.98, 0.97, 0.98, 0.97, 0.98, 0.97, 0.96, 0.95})));
  }

  static ChartDrawing embedding() {
    java.util.Random random = new java.util.Random(7);
    int n = 600;
    double[] x = new double[n];
    double[] y = new double[n];
    int[] c = new int[n];
    for (int i = 0; i < n; i++) {
      c[i] = i % 10;
      double angle = c[i] * 2 * Math.PI / 10;
      x[i] = 10 * Math.cos(angle) + random.nextGaussian() * 1.6;
      y[i] = 10 * Math.sin(angle) + random.nextGaussian() * 1.6;
    }
    return Charts.scatter(new Charts.Frame("t-SNE of penultimate layer", null, null, 320, 240), x, y, c, DIGITS);
  }

  /** A ring "digit" with a saliency blob, shown raw, as a map and as an overlay. */
  static TileGrid tiles() {
    int n = 28;
    float[] digit = new float[n * n];
    float[] saliency = new float[n * n];
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        double r = Math.hypot(x - 13.5, y - 13.5);
        digit[y * n + x] = (float) Math.max(0, 1 - Math.abs(r - 8) / 2.5);
        saliency[y * n + x] = (float) (Math.exp(-(Math.pow(x - 18, 2) + Math.pow(y - 9, 2)) / 18) - 0.3 * Math.exp(-(Math.pow(x - 8, 2) + Math.pow(y - 18, 2)) / 10));
      }
    }
    java.awt.image.BufferedImage input = Rasters.ofImage(digit, 1, n, n);
    java.awt.image.BufferedImage heat = Rasters.ofMap(saliency, n, n, ColourMap.diverging());
    float[] magnitude = new float[n * n];
    for (int i = 0; i < magnitude.length; i++) magnitude[i] = Math.abs(saliency[i]);
    java.awt.image.BufferedImage mag = Rasters.ofMap(magnitude, n, n, ColourMap.inferno());
    return new TileGrid("Saliency for class \"zero\"", List.of(
        new TileGrid.Tile(input, "input"),
        new TileGrid.Tile(heat, "gradient (signed)"),
        new TileGrid.Tile(mag, "magnitude"),
        new TileGrid.Tile(Rasters.overlay(input, mag, 0.6), "overlay")), 4, 72);
  }
}
