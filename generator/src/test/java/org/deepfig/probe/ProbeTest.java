package org.deepfig.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.deepfig.config.ModelConfig.Arch;
import org.deepfig.model.ModelZoo;
import org.deepfig.model.Net;
import org.junit.jupiter.api.Test;

class ProbeTest {
  static final List<String> TEN = IntStream.range(0, 10).mapToObj(Integer::toString).toList();

  @Test
  void inputGradientMatchesFiniteDifferences() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      // seeded weights: a fixed network whose ReLUs do not change side within ±eps at the checked pixels
      ai.djl.engine.Engine.getEngine("PyTorch").setRandomSeed(1);
      Net net = ModelZoo.create(Arch.MLP, new Shape(1, 6, 6), TEN, new float[] {0.5f}, new float[] {0.5f});
      net.initialize(m, DataType.FLOAT32, new Shape(1, 1, 6, 6));
      Probe probe = new Probe(net, m);
      float[] x = new float[36];
      Random r = new Random(1);
      for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
      Shape s = new Shape(1, 1, 6, 6);
      int target = 3;
      float[] grad = probe.inputGradient(x, s, logits -> Probe.sumOfTargets(logits, new int[] {target}));
      double eps = 1e-3;
      for (int i : new int[] {0, 7, 20, 35}) {
        float[] plus = x.clone();
        float[] minus = x.clone();
        plus[i] += eps;
        minus[i] -= eps;
        double fd = (probe.logits(plus, s)[target] - probe.logits(minus, s)[target]) / (2 * eps);
        assertThat((double) grad[i]).as("pixel " + i).isCloseTo(fd, within(2e-3));
      }
    }
  }

  @Test
  void layerGradientOfTheLogitsIsTheLastLayersWeightRow() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Net net = ModelZoo.create(Arch.LENET5, new Shape(1, 28, 28), TEN, new float[] {0.5f}, new float[] {0.5f});
      net.initialize(m, DataType.FLOAT32, new Shape(1, 1, 28, 28));
      Probe probe = new Probe(net, m);
      float[] x = new float[28 * 28];
      Probe.LayerGradient lg = probe.layerGradient(x, new Shape(1, 1, 28, 28), "relu4",
          logits -> Probe.sumOfTargets(logits, new int[] {2}));
      // d logit_2 / d relu4 = row 2 of fc3's weight (10×84)
      float[] w = net.layerBlock("fc3").orElseThrow().getParameters().get("weight").getArray().toFloatArray();
      for (int j = 0; j < 84; j++) assertThat(lg.gradient()[j]).isCloseTo(w[2 * 84 + j], within(1e-6f));
      Activations a = probe.activations(x, new Shape(1, 1, 28, 28), List.of("conv2", "relu4"));
      assertThat(a.shape("conv2")).isEqualTo(new Shape(1, 16, 10, 10));
      assertThat(a.of("relu4")).containsExactly(lg.activation());
    }
  }
}
