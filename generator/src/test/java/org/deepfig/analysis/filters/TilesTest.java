package org.deepfig.analysis.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.deepfig.UserError;
import org.deepfig.config.ChannelPick;
import org.junit.jupiter.api.Test;

/** A filter with 2,048 input channels shows a readable number of kernels, and which. */
class TilesTest {
  static FiltersSpec spec(ChannelPick tiles) {
    return org.deepfig.config.Declared.create(FiltersSpec.class, "conv", 1, null, null, tiles);
  }

  @Test
  void theStrongestKernelsInIndexOrderWhenThereAreMoreThanTheCap() {
    // 2 output channels × 2048 inputs × 1×1; output channel 1's kernel c has weight (c mod 100) − 50
    int in = 2048;
    float[] w = new float[2 * in];
    for (int c = 0; c < in; c++) w[in + c] = (c % 100) - 50;
    int[] shown = Filters.shownTiles(spec(ChannelPick.count(64)), w, in, 1, in, "conv");
    assertThat(shown).hasSize(64).isSorted();
    // |(c mod 100) − 50| is largest (50) for c ≡ 0 (mod 100): 21 kernels, then 49 for c ≡ 1 or 99: 41 more, …
    for (int c : shown) assertThat(Math.abs((c % 100) - 50)).isGreaterThanOrEqualTo(48);
    assertThat(shown).contains(0, 100, 2000, 1, 99, 1999);
    // few kernels: all, in index order, as before
    assertThat(Filters.shownTiles(spec(ChannelPick.count(64)), new float[12], 6, 1, 0, "conv"))
        .containsExactly(0, 1, 2, 3, 4, 5);
  }

  @Test
  void listedTilesAreShownAndCheckedAgainstTheLayer() {
    float[] w = new float[2 * 2048];
    assertThat(Filters.shownTiles(spec(new ChannelPick(null, List.of(700, 5))), w, 2048, 1, 2048, "conv"))
        .containsExactly(5, 700);
    assertThatThrownBy(() -> Filters.shownTiles(spec(new ChannelPick(null, List.of(2048))), w, 2048, 1, 2048,
        "conv")).isInstanceOf(UserError.class).hasMessageContaining("tile 2048 does not exist");
  }
}
