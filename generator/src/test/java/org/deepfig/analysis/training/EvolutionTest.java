package org.deepfig.analysis.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.deepfig.Progress;
import org.deepfig.analysis.RunContext;
import org.deepfig.config.ModelConfig;
import org.deepfig.config.Toy2dFeature;
import org.deepfig.data.Dataset;
import org.deepfig.data.VectorSet;
import org.deepfig.embed.Matrix;
import org.deepfig.model.ModelZoo;
import org.deepfig.model.Net;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The layer evolution embeds by default, and the features it embeds, for a network with hand-set weights. */
@Tag("slow")
class EvolutionTest {
  @Test
  void theLastHiddenLayersOutputsAreEmbedded() {
    ModelConfig m = new ModelConfig(ModelConfig.Arch.MLP, null, null, List.of(2), ModelConfig.Activation.RELU);
    Net net = ModelZoo.create(m, new Shape(2), List.of("negative", "positive"), new float[] {0}, new float[] {1});
    VectorSet two = new VectorSet(new float[] {1, 0, 0, 2}, new int[] {1, 0}, List.of(Toy2dFeature.X,
        Toy2dFeature.Y));
    try (NDManager nd = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      net.initialize(nd, DataType.FLOAT32, new Shape(1, 2));
      net.layerParameters("fc1").get(0).set(new float[] {-1, -0.5f, 0.5f, 1});
      net.layerParameters("fc1").get(1).set(new float[] {0, 0});
      assertThat(Evolution.layer(org.deepfig.config.Declared.defaults(EvolutionSpec.class), net)).isEqualTo("relu1");
      RunContext ctx = new RunContext(null, null, new Dataset("t", List.of("negative", "positive"), two, two,
          List.of()), net, null, null, null, Device.cpu(), nd, Progress.SILENT);
      Matrix x = Evolution.features(net, ctx, two, 2, "relu1");
      // (1, 0) → relu(-1, 0.5) = (0, 0.5); (0, 2) → relu(-1, 2) = (0, 2)
      assertThat(x.data()).containsExactly(new double[] {0, 0.5, 0, 2}, within(1e-6));
    }
  }
}
