package org.deepfig.render;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The render building blocks under inputs that break naive layouts: class names of 40 characters, 100 classes, 512
 * channels, a single image, a class with zero counts, a constant or tiny value range. Each must pass the
 * {@link LayoutChecker}.
 */
class StressLayoutTest {
  static final String LONG = "a class name of exactly forty characters";

  static List<String> names(int n, boolean longNames) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) names.add(longNames ? LONG.substring(0, 36) + String.format("%04d", i) : "c" + i);
    return names;
  }

  @Test
  void confusionMatrixWithLongNamesAndAnEmptyClass() {
    int[][] counts = new int[6][6];
    for (int i = 0; i < 6; i++) for (int j = 0; j < 6; j++) counts[i][j] = i == 2 ? 0 : i == j ? 40 : j;
    LayoutChecker.assertClean("confusion, long names", HeatmapDrawing.confusionMatrix(counts, names(6, true)));
  }

  @Test
  void confusionMatrixOfHundredClasses() {
    int[][] counts = new int[100][100];
    for (int i = 0; i < 100; i++) counts[i][i] = 20 + i;
    LayoutChecker.assertClean("confusion, 100 classes", HeatmapDrawing.confusionMatrix(counts, names(100, false)));
  }

  @Test
  void lineChartWithLongSeriesNamesAndOnePoint() {
    LayoutChecker.assertClean("line, long names", Charts.line(new Charts.Frame("Loss", "epoch", "loss", 300, 220),
        List.of(new Charts.Series(LONG, new double[] {1}, new double[] {2.3}),
            new Charts.Series(LONG + " (test)", new double[] {1}, new double[] {2.4}))));
  }

  @Test
  void lineChartOverNamedSteps() {
    List<String> layers = List.of("input", "relu1", "relu2", "a layer with a long name", "fc3");
    double[] x = {0, 1, 2, 3, 4};
    LayoutChecker.assertClean("line over layers", Charts.line(new Charts.Frame("NH", "layer", "hit", 420, 240),
        List.of(new Charts.Series("trained", x, new double[] {0.1, 0.3, 0.5, 0.6, 0.9}),
            new Charts.Series("untrained", x, new double[] {0.1, 0.1, 0.1, 0.12, 0.11})), layers));
  }

  @Test
  void barChartsWithZeroBarsLongAndManyCategories() {
    LayoutChecker.assertClean("bars, all zero", Charts.bar(new Charts.Frame("Dead", "layer", "%", 420, 230),
        List.of("relu1", "relu2", "relu3"), List.of(new Charts.Bars("before", new double[3]),
            new Charts.Bars("after", new double[] {0, 18.3, 13.1})), v -> String.format("%.1f", v)));
    LayoutChecker.assertClean("bars, long categories", Charts.bar(new Charts.Frame("Dead", "layer", "%", 420, 230),
        names(5, true), List.of(new Charts.Bars("after", new double[] {1, 2, 3, 4, 5})), v -> "" + v));
    double[] hundred = new double[100];
    for (int i = 0; i < 100; i++) hundred[i] = i % 7;
    LayoutChecker.assertClean("bars, 100 categories", Charts.bar(new Charts.Frame("Per class", "class", "n", 420,
        230), names(100, true), List.of(new Charts.Bars("n", hundred)), v -> "" + v));
  }

  @Test
  void scatterOfHundredLongNamedClasses() {
    int n = 400;
    double[] x = new double[n];
    double[] y = new double[n];
    int[] c = new int[n];
    for (int i = 0; i < n; i++) {
      x[i] = Math.cos(i);
      y[i] = Math.sin(i * 1.3);
      c[i] = i % 100;
    }
    LayoutChecker.assertClean("scatter, 100 classes", Charts.scatter(new Charts.Frame("t-SNE", null, null, 320, 240),
        x, y, c, names(100, true)));
  }

  @Test
  void tileGridsOfOneImageAndOf512() {
    BufferedImage img = new BufferedImage(5, 5, BufferedImage.TYPE_INT_RGB);
    LayoutChecker.assertClean("one tile, long title", new TileGrid("conv2, output channel 0: 6 kernels of 5×5",
        List.of(new TileGrid.Tile(img, "#0")), 8, 36));
    LayoutChecker.assertClean("one tile, long caption", new TileGrid(null,
        List.of(new TileGrid.Tile(img, "true: " + LONG + " · predicted: " + LONG)), 1, 72));
    List<TileGrid.Tile> many = new ArrayList<>(Collections.nCopies(512, new TileGrid.Tile(img, "#511")));
    LayoutChecker.assertClean("512 tiles", new TileGrid("512 kernels", many, 16, 36));
  }

  @Test
  void colourBarsOfConstantTinyAndDivergingRanges() {
    for (Normalisation n : List.of(new Normalisation(0, 0), new Normalisation(0, 0.04), new Normalisation(2, 2),
        new Normalisation(-0.31, 0.31), new Normalisation(0.1234, 1.8765), new Normalisation(-3e-5, 7e-4))) {
      for (double h : new double[] {20, 30, 120}) {
        LayoutChecker.assertClean("colour bar " + n + " " + h, new ColourBar(ColourMap.viridis(), n, "activation", h));
      }
    }
  }
}
