package org.deepfig.analysis.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.deepfig.render.Drawing;
import org.deepfig.render.Padded;
import org.deepfig.render.Panels;
import org.deepfig.render.PdfEncoder;
import org.deepfig.render.PngEncoder;
import org.deepfig.render.SvgEncoder;
import org.junit.jupiter.api.Test;

/** Panels of many points keep their files small: the dots become one image, the text stays text. */
class ScatterRasterTest {
  static Drawing panel(int n, String title) {
    SplittableRandom r = new SplittableRandom(3);
    double[] xy = new double[2 * n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 10;
      double a = 2 * Math.PI * labels[i] / 10;
      xy[2 * i] = 20 * Math.cos(a) + 3 * r.nextGaussian();
      xy[2 * i + 1] = 20 * Math.sin(a) + 3 * r.nextGaussian();
    }
    return Padded.all(Panels.row(14, List.of(new ScatterPanel(title, "t-SNE · NH 0.91 · T 0.99", xy, labels),
        new ClassLegend(EmbeddingLayoutTest.names(10), labels))), 8);
  }

  @Test
  void tenThousandPointPanelIsARasterUnder300KbWithItsTitleAsText() throws Exception {
    Drawing big = panel(10_000, "relu3 (400-d)");
    String svg = new String(new SvgEncoder().encode(big, "{}"), StandardCharsets.UTF_8);
    assertThat(svg.length()).as("SVG bytes").isLessThan(300_000);
    assertThat(svg).contains("<image").containsPattern("<text[^>]*>\\s*relu3 \\(400-d\\)</text");
    assertThat(new PdfEncoder().encode(big, "{}").length).as("PDF bytes").isLessThan(300_000);
    // below the threshold every dot is its own vector shape and no image is embedded
    String small = new String(new SvgEncoder().encode(panel(3000, "fc1 (84-d)"), "{}"), StandardCharsets.UTF_8);
    assertThat(small).doesNotContain("<image");
    assertThat(new ScatterPanel("a", "b", new double[2 * 3001], new int[3001]).rasterised()).isTrue();
    assertThat(new ScatterPanel("a", "b", new double[2 * 3000], new int[3000]).rasterised()).isFalse();
    String out = System.getProperty("deepfig.rasterPng");
    if (out != null) Files.write(Path.of(out), new PngEncoder().encode(big, 150, "{}"));
  }
}
