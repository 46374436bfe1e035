package org.deepfig.analysis.embedding;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.deepfig.render.LayoutChecker;
import org.deepfig.render.Padded;
import org.deepfig.render.Panels;
import org.junit.jupiter.api.Test;

/** The t-SNE drawings under stress: one image, 100 classes with 40-character names. */
class EmbeddingLayoutTest {
  static List<String> names(int n) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) names.add(String.format("a class name of exactly forty chars %04d", i));
    return names;
  }

  @Test
  void onePointPanelAndImageGrid() {
    double[] xy = {0.5, -2};
    int[] labels = {0};
    LayoutChecker.assertClean("one-point panel", Padded.all(Panels.row(14, List.of(
        new ScatterPanel("relu4 · before training", "NH 0.00", xy, labels), new ClassLegend(names(1), labels))), 8));
    LayoutChecker.assertClean("one-image grid", new ImageGrid("Inputs at their t-SNE positions · fc3", xy, labels,
        25, i -> new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB)));
  }

  @Test
  void hundredLongClassNames() {
    int n = 300;
    double[] xy = new double[2 * n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      xy[2 * i] = Math.cos(i) * i;
      xy[2 * i + 1] = Math.sin(i) * i;
      labels[i] = i % 100;
    }
    LayoutChecker.assertClean("100 classes", Padded.all(Panels.row(14, List.of(
        new ScatterPanel("fc3 (10-d)", "t-SNE · NH 0.50 · T 0.90", xy, labels), new ClassLegend(names(100), labels))), 8));
  }
}
