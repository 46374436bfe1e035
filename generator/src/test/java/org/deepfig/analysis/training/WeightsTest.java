package org.deepfig.analysis.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.deepfig.render.ColourMap;
import org.junit.jupiter.api.Test;

/** Dense weights as image tiles: which units, and each weight at its pixel. */
class WeightsTest {
  @Test
  void theStrongestUnitsComeFirstAndEachWeightLandsOnItsPixel() {
    // three units of a layer reading a 1×2×3 image: norms² 1, 25, 4
    float[] w = {1, 0, 0, 0, 0, 0, /**/ 0, 3, 0, 0, 4, 0, /**/ 0, 0, 0, 0, 0, -2};
    assertThat(Weights.strongest(w, 3, 6, 2)).containsExactly(1, 2);
    assertThat(Weights.strongest(w, 3, 6, 3)).containsExactly(1, 2, 0);
    BufferedImage img = Weights.unitImage(w, 1, 6, new int[] {1, 2, 3}, 0);
    assertThat(img.getWidth()).isEqualTo(3);
    assertThat(img.getHeight()).isEqualTo(2);
    ColourMap d = ColourMap.diverging();
    // weight 3 at row 0, column 1; weight 4 (the largest, the end of the map) at row 1, column 1; zeros in the centre
    assertThat(img.getRGB(1, 1) & 0xFFFFFF).isEqualTo(d.rgb(1.0));
    assertThat(img.getRGB(1, 0) & 0xFFFFFF).isEqualTo(d.rgb(0.5 + 0.5 * 3 / 4.0));
    assertThat(img.getRGB(0, 0) & 0xFFFFFF).isEqualTo(d.rgb(0.5));
    // unit 2's lone negative weight at the last pixel, the map's negative end
    assertThat(Weights.unitImage(w, 2, 6, new int[] {1, 2, 3}, 0).getRGB(2, 1) & 0xFFFFFF).isEqualTo(d.rgb(0.0));
  }
}
