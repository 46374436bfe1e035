package org.deepfig.analysis.saliency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.deepfig.config.ModelConfig.Arch;
import org.deepfig.model.ModelZoo;
import org.deepfig.model.Net;
import org.deepfig.probe.Activations;
import org.deepfig.probe.Probe;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.deepfig.train.SeededInitializer;

/** The projection of a unit to the pixels, against what its weights say on paper. */
@Tag("slow")
class ProjectionsTest {
  static final List<String> TEN = IntStream.range(0, 10).mapToObj(Integer::toString).toList();

  @Test
  void aFirstLayerUnitProjectsToItsKernelOverItsReceptiveFieldAndAReluPassesItOnlyWhenActive() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      float std = 0.25f;
      Net net = ModelZoo.create(Arch.LENET5, new Shape(1, 28, 28), TEN, new float[] {0.5f}, new float[] {std});
      net.setInitializer(new SeededInitializer(9), Parameter.Type.WEIGHT);
      net.initialize(m, DataType.FLOAT32, new Shape(1, 1, 28, 28));
      assertThat(Projections.supported(net)).isTrue();
      float[] x = new float[2 * 784];
      Random r = new Random(3);
      for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
      Shape s = new Shape(2, 1, 28, 28);
      // image 0: conv1 channel 4 at (10, 12); image 1: channel 1 at (0, 27), whose field is clipped by the border
      int[] ch = {4, 1};
      int[] ys = {10, 0};
      int[] xs = {12, 27};
      float[] g = Projections.guided(net, m, x, s, new float[] {std}, "conv1", ch, ys, xs);
      float[] w = net.layerBlock("conv1").orElseThrow().getParameters().get("weight").getArray().toFloatArray();
      // conv1 is 5×5 with padding 2 (LeNet-5 on 28×28): unit (y, x) reads pixels y−2..y+2, x−2..x+2, and the
      // pixels were normalised by (p − 0.5) / std before it, so ∂unit/∂pixel = w / std inside the field, 0 outside
      for (int i = 0; i < 2; i++) {
        for (int py = 0; py < 28; py++) {
          for (int px = 0; px < 28; px++) {
            int ky = py - ys[i] + 2;
            int kx = px - xs[i] + 2;
            boolean inside = ky >= 0 && ky < 5 && kx >= 0 && kx < 5;
            float expected = inside ? w[ch[i] * 25 + ky * 5 + kx] / std : 0f;
            assertThat(g[i * 784 + py * 28 + px]).as("image %d pixel (%d, %d)", i, py, px)
                .isCloseTo(expected, within(1e-5f));
          }
        }
      }
      // through relu1: the same kernel where the unit is active, nothing where it is not
      Activations a = new Probe(net, m).activations(x, s, List.of("conv1"));
      float[] pre = a.of("conv1");
      float[] viaRelu = Projections.guided(net, m, x, s, new float[] {std}, "relu1", ch, ys, xs);
      boolean[] seen = new boolean[2];
      for (int i = 0; i < 2; i++) {
        boolean active = pre[i * 6 * 784 + ch[i] * 784 + ys[i] * 28 + xs[i]] > 0;
        for (int p = 0; p < 784; p++) {
          assertThat(viaRelu[i * 784 + p]).isCloseTo(active ? g[i * 784 + p] : 0f, within(1e-6f));
        }
        seen[active ? 1 : 0] = true;
      }
      assertThat(seen).as("one unit inactive, one active").containsExactly(true, true);
    }
  }
}
