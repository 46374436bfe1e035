package org.deepfig.analysis.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import org.deepfig.config.ModelConfig;
import org.deepfig.config.Toy2dFeature;
import org.deepfig.data.VectorSet;
import org.deepfig.model.ModelZoo;
import org.deepfig.model.Net;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Histograms of a network with hand-set weights: counts, the gradient over a fixed batch, activations. */
@Tag("slow")
class HistogramsTest {
  @Test
  void handSetWeightsGiveTheExpectedCountsGradientsAndActivations() {
    ModelConfig m = new ModelConfig(ModelConfig.Arch.MLP, null, null, List.of(2), ModelConfig.Activation.RELU);
    Net net = ModelZoo.create(m, new Shape(2), List.of("negative", "positive"), new float[] {0}, new float[] {1});
    // one training point (1, 0) of class 1
    VectorSet one = new VectorSet(new float[] {1, 0}, new int[] {1}, List.of(Toy2dFeature.X, Toy2dFeature.Y));
    try (NDManager nd = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      net.initialize(nd, DataType.FLOAT32, new Shape(1, 2));
      net.layerParameters("fc1").get(0).set(new float[] {-1, -0.5f, 0.5f, 1});
      net.layerParameters("fc1").get(1).set(new float[] {0, 0});
      net.layerParameters("fc2").get(0).set(new float[] {0, 0, 0, 0});
      net.layerParameters("fc2").get(1).set(new float[] {0, 0});

      float[] w = Histograms.weights(net, List.of("fc1")).get("fc1");
      double[] range = Histogram.range(List.of(w));
      assertThat(range).containsExactly(-1, 1);
      // bins of width 0.5 over [-1, 1]: {-1}, {-0.5}, {}, {0.5, 1} (the last bin keeps its right edge)
      assertThat(Histogram.of(w, range[0], range[1], 4).counts()).containsExactly(1, 1, 0, 2);
      assertThat(Histogram.of(w, -2, 2, 8).counts()).containsExactly(0, 0, 1, 1, 0, 1, 1, 0);

      // h = relu(W1 (1, 0)) = (0, 0.5); logits 0 so p = (0.5, 0.5); dL/dW2[c] = (p_c - y_c) h; W2 = 0 stops fc1's
      Map<String, float[]> g = Histograms.gradients(net, nd, one, 128, List.of("fc1", "fc2"));
      assertThat(g.get("fc2")).containsExactly(new float[] {0, 0.25f, 0, -0.25f}, within(1e-6f));
      assertThat(g.get("fc1")).containsExactly(new float[] {0, 0, 0, 0}, within(1e-6f));

      assertThat(Histograms.activationAfter(net, "fc1")).isEqualTo("relu1");
      assertThat(Histograms.activationAfter(net, "fc2")).isEqualTo("fc2");
      Map<String, float[]> a = Histograms.activations(net, nd, one, 0, List.of("relu1"));
      assertThat(a.get("relu1")).containsExactly(0, 0.5f);
    }
  }
}
