package org.deepfig.analysis.patches;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import org.deepfig.config.ModelConfig.Arch;
import org.deepfig.data.ArrayImageSet;
import org.deepfig.data.Dataset;
import org.deepfig.data.ShapesDataset;
import org.deepfig.model.Net;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class TopKScanTest {
  /**
   * LeNet-5 on 28 px whose conv1 channel 0 is 1 at the kernel centre and 0 elsewhere, the other channels and all
   * biases 0: channel 0's output is the (normalised) pixel itself.
   */
  static Net centrePixelLenet(NDManager m) {
    Net net = ReceptiveFieldTest.net(m, Arch.LENET5, new Shape(1, 28, 28));
    NDArray w = net.layerBlock("conv1").orElseThrow().getParameters().get("weight").getArray();
    float[] weights = new float[6 * 25];
    weights[12] = 1;
    w.set(weights);
    net.layerBlock("conv1").orElseThrow().getParameters().get("bias").getArray().set(new float[6]);
    return net;
  }

  @Test
  void aCentrePixelDetectorFindsTheBrightestPixelsAtTheirPositions() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Net net = centrePixelLenet(m);
      // 12 black images; image i has one pixel of brightness (i+1)/12 at (i+3, 2i+1)
      int n = 12;
      float[] px = new float[n * 28 * 28];
      for (int i = 0; i < n; i++) px[i * 784 + (i + 3) * 28 + (2 * i + 1)] = (i + 1) / 12f;
      ArrayImageSet set = new ArrayImageSet(1, 28, 28, px, new int[n], null);
      Map<String, List<List<TopKScan.Hit>>> hits = TopKScan.scan(net, m, set, n, List.of("conv1"), 4, 5, null);
      List<TopKScan.Hit> top = hits.get("conv1").get(0);
      assertThat(top).hasSize(4);
      for (int r = 0; r < 4; r++) {
        int i = n - 1 - r; // brightest first
        assertThat(top.get(r).image()).isEqualTo(i);
        // conv1 is padded by 2, so map position = pixel position
        assertThat(top.get(r).y()).isEqualTo(i + 3);
        assertThat(top.get(r).x()).isEqualTo(2 * i + 1);
        assertThat(top.get(r).value()).isEqualTo(((i + 1) / 12f - 0.5f) / 0.5f);
      }
    }
  }

  @Test
  void resultDoesNotDependOnTheBatchSize() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Dataset d = ShapesDataset.generate(3, 10, 150, 32);
      Net net = ReceptiveFieldTest.net(m, Arch.LENET5, new Shape(3, 32, 32));
      List<String> layers = List.of("conv1", "conv2", "pool2");
      var a = TopKScan.scan(net, m, d.test(), 150, layers, 9, 7, null);
      var b = TopKScan.scan(net, m, d.test(), 150, layers, 9, 64, null);
      var c = TopKScan.scan(net, m, d.test(), 150, layers, 9, 150, null);
      for (String l : layers) {
        for (int ch = 0; ch < a.get(l).size(); ch++) {
          List<int[]> ia = a.get(l).get(ch).stream().map(h -> new int[] {h.image(), h.y(), h.x()}).toList();
          List<int[]> ib = b.get(l).get(ch).stream().map(h -> new int[] {h.image(), h.y(), h.x()}).toList();
          List<int[]> ic = c.get(l).get(ch).stream().map(h -> new int[] {h.image(), h.y(), h.x()}).toList();
          assertThat(ib).as(l + " ch " + ch).usingRecursiveFieldByFieldElementComparator().isEqualTo(ia);
          assertThat(ic).as(l + " ch " + ch).usingRecursiveFieldByFieldElementComparator().isEqualTo(ia);
        }
      }
    }
  }

  @Test
  void topKKeepsTheLargestInOrderAndEarlierOnTies() {
    TopKScan.TopK t = new TopKScan.TopK(3);
    t.offer(1, 0, 0, 0);
    t.offer(5, 1, 0, 0);
    t.offer(3, 2, 0, 0);
    t.offer(5, 3, 0, 0); // ties with image 1: goes after it
    t.offer(0.5f, 4, 0, 0);
    assertThat(t.hits().stream().map(TopKScan.Hit::image).toList()).containsExactly(1, 3, 2);
  }
}
