package org.deepfig.analysis.activations;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import org.deepfig.Progress;
import org.deepfig.analysis.RunContext;
import org.deepfig.config.ModelConfig.Arch;
import org.deepfig.data.Dataset;
import org.deepfig.data.ShapesDataset;
import org.deepfig.model.ModelZoo;
import org.deepfig.model.Net;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class DeadUnitsTest {
  @Test
  void unitsWithAHugeNegativeBiasAreExactlyTheDeadOnes() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Dataset d = ShapesDataset.generate(1, 10, 64, 16);
      Net net = ModelZoo.create(Arch.MLP, new Shape(3, 16, 16), d.classNames(), new float[] {0.5f},
          new float[] {0.5f});
      net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 16, 16));
      // fc1 weights 0 and bias +1 except units 3, 7 and 200 (bias −5): those can never be positive
      NDArray w = net.layerBlock("fc1").orElseThrow().getParameters().get("weight").getArray();
      w.set(w.zerosLike().toFloatArray());
      NDArray b = net.layerBlock("fc1").orElseThrow().getParameters().get("bias").getArray();
      float[] bias = new float[256];
      java.util.Arrays.fill(bias, 1f);
      bias[3] = bias[7] = bias[200] = -5f;
      b.set(bias);
      RunContext ctx = new RunContext(null, null, d, net, null, null, null, null, m, Progress.SILENT);
      Map<String, boolean[]> alive = DeadUnits.alive(net, ctx, d.test(), 64, List.of("relu1"), "test");
      boolean[] a = alive.get("relu1");
      assertThat(DeadUnits.dead(a)).isEqualTo(3);
      assertThat(a[3]).isFalse();
      assertThat(a[7]).isFalse();
      assertThat(a[200]).isFalse();
      assertThat(a[4]).isTrue();
    }
  }

  @Test
  void topChannelsAreOrderedByMeanActivation() {
    // three channels of 2 positions: means 1.5, 4, 0.5 → order 1, 0, 2
    float[] chw = {1, 2, 3, 5, 0, 1};
    assertThat(ChannelChoice.top(chw, 3, 2, 2)).containsExactly(1, 0);
    assertThat(ChannelChoice.random(10, 4, 7)).hasSize(4).doesNotHaveDuplicates()
        .isEqualTo(ChannelChoice.random(10, 4, 7));
  }
}
