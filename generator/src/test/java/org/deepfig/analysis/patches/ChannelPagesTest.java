package org.deepfig.analysis.patches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deepfig.UserError;
import org.deepfig.config.ChannelPick;
import org.deepfig.data.ArrayImageSet;
import org.deepfig.model.Net;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Layers with thousands of channels: which channels top-patches shows, on how many pages, and the mean scan. */
@Tag("slow")
class ChannelPagesTest {
  static TopPatchesSpec spec(ChannelPick channels, Integer top) {
    return org.deepfig.config.Declared.create(TopPatchesSpec.class, null, 4, channels, top, null, null, null, null, null);
  }

  /** 2,048 channels: channel c's top activation is (c * 7919) mod 2048, its mean activation 2047 − c. */
  static List<List<TopKScan.Hit>> hits(int c) {
    List<List<TopKScan.Hit>> out = new ArrayList<>();
    for (int i = 0; i < c; i++) out.add(List.of(new TopKScan.Hit((i * 7919) % c, 0, 0, 0)));
    return out;
  }

  @Test
  void byDefaultSixteenOfTwoThousandChannelsByTopActivationOnOnePage() {
    List<Integer> chosen = TopPatches.chooseChannels(spec(null, null), hits(2048), null, "layer4");
    assertThat(chosen).hasSize(16);
    // 7919 is odd, so c ↦ 7919·c mod 2048 is a bijection: the highest values are 2047, 2046, …
    for (int r = 0; r < 16; r++) assertThat((chosen.get(r) * 7919) % 2048).isEqualTo(2047 - r);
    assertThat(TopPatches.pages(chosen)).hasSize(1);
  }

  @Test
  void topNByMeanActivationAndListedChannelsAsListed() {
    double[] mean = new double[2048];
    for (int c = 0; c < 2048; c++) mean[c] = 2047 - c;
    mean[1500] = 5000; // the strongest on average, though its top activation is ordinary
    List<Integer> top = TopPatches.chooseChannels(spec(null, 5), hits(2048), mean, "layer4");
    assertThat(top).containsExactly(1500, 0, 1, 2, 3);
    List<Integer> listed = TopPatches.chooseChannels(spec(new ChannelPick(null, List.of(2047, 3, 1024)), null),
        hits(2048), mean, "layer4");
    assertThat(listed).containsExactly(2047, 3, 1024);
    assertThatThrownBy(() -> TopPatches.chooseChannels(spec(new ChannelPick(null, List.of(2048)), null), hits(2048),
        mean, "layer4")).isInstanceOf(UserError.class).hasMessageContaining("channel 2048 does not exist: layer4 has "
            + "2048 channels");
  }

  @Test
  void manyChannelsArePagedSixtyFourAFigure() {
    List<Integer> all = TopPatches.chooseChannels(spec(ChannelPick.count(2048), null), hits(2048), null, "l");
    List<List<Integer>> pages = TopPatches.pages(all);
    assertThat(pages).hasSize(32).allMatch(p -> p.size() == TopPatchesSpec.PAGE);
    assertThat(TopPatches.pages(all.subList(0, 130)).stream().map(List::size)).containsExactly(64, 64, 2);
    assertThat(pages.stream().flatMap(List::stream).toList()).isEqualTo(all);
  }

  @Test
  void theScanAlsoGivesEachChannelsMeanActivation() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Net net = TopKScanTest.centrePixelLenet(m); // conv1 channel 0 = the normalised pixel, the others 0
      int n = 5;
      float[] px = new float[n * 784];
      double sum = 0;
      for (int i = 0; i < px.length; i++) {
        px[i] = ((i * 37) % 101) / 100f;
        sum += px[i];
      }
      ArrayImageSet set = new ArrayImageSet(1, 28, 28, px, new int[n], null);
      Map<String, double[]> means = new HashMap<>();
      TopKScan.scan(net, m, set, n, List.of("conv1"), 2, 2, null, means);
      // each output position is (pixel − 0.5) / 0.5, so the mean is 2·mean(pixels) − 1
      assertThat(means.get("conv1")[0]).isCloseTo(2 * sum / px.length - 1, org.assertj.core.data.Offset.offset(1e-5));
      for (int c = 1; c < 6; c++) assertThat(means.get("conv1")[c]).isZero();
    }
  }
}
