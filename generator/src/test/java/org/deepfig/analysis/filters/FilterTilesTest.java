package org.deepfig.analysis.filters;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterTilesTest {
  @Test
  void colourFilterTilesMapWeightsToRgbWithSharedOrPerFilterScale() {
    // two 3×1×1 filters: (−1, 0, 1) and (0, 0.5, 0) — out=2, in=3, k=1
    float[] w = {-1, 0, 1, 0, 0.5f, 0};
    List<BufferedImage> shared = FilterTiles.firstLayer(w, 2, 3, 1, true);
    // shared range [−1, 1]: −1 → 0, 0 → 127/128, 1 → 255
    assertThat(rgb(shared.get(0))).containsExactly(0, 128, 255);
    assertThat(rgb(shared.get(1))).containsExactly(128, 191, 128);
    List<BufferedImage> per = FilterTiles.firstLayer(w, 2, 3, 1, false);
    // filter 1 alone spans [0, 0.5]: 0 → 0, 0.5 → 255
    assertThat(rgb(per.get(1))).containsExactly(0, 255, 0);
  }

  @Test
  void greyFiltersAndDeeperKernelsUseTheirMaps() {
    // one 1×2×2 filter with weights 0, 1, 2, 3: grey ramp from black to white
    List<BufferedImage> grey = FilterTiles.firstLayer(new float[] {0, 1, 2, 3}, 1, 1, 2, true);
    assertThat(grey.get(0).getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x000000);
    assertThat(grey.get(0).getRGB(1, 1) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    // deeper: filter 1 of 2, two input channels of 1×1: +2 and −2 → the diverging map's ends; 0 would be white
    float[] w = {9, 9, 2, -2};
    List<BufferedImage> k = FilterTiles.kernelsOf(w, 2, 2, 1, 1, true);
    int pos = k.get(0).getRGB(0, 0);
    int neg = k.get(1).getRGB(0, 0);
    assertThat((pos >> 16) & 0xFF).isGreaterThan(pos & 0xFF); // positive: red
    assertThat(neg & 0xFF).isGreaterThan((neg >> 16) & 0xFF); // negative: blue
  }

  private static int[] rgb(BufferedImage img) {
    int p = img.getRGB(0, 0);
    return new int[] {(p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF};
  }
}
