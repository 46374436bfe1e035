package org.deepfig.probe;

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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.deepfig.train.SeededInitializer;

@Tag("slow")
class ProbeTest {
  static final List<String> TEN = IntStream.range(0, 10).mapToObj(Integer::toString).toList();

  @Test
  void inputGradientMatchesFiniteDifferences() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      // seeded weights: a fixed network whose ReLUs do not change side within ±eps at the checked pixels
      Net net = ModelZoo.create(Arch.MLP, new Shape(1, 6, 6), TEN, new float[] {0.5f}, new float[] {0.5f});
      net.setInitializer(new SeededInitializer(1), Parameter.Type.WEIGHT);
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

  /**
   * Convolution and max-pooling: the input gradient of a logit against finite differences at every pixel, and the
   * same gradient twice. This is the check that caught oneDNN's AVX2/AVX-512 convolution backward (README, Known
   * problems): LeNet-5's first convolution has 6 output channels, which that kernel gets wrong. FullInstructionSetTest
   * runs it again without the oneDNN cap, where it passes only through ConvKernels.
   */
  @ParameterizedTest
  @EnumSource(value = Arch.class, names = {"LENET5", "VGG", "RESNET"})
  void convolutionInputGradientMatchesFiniteDifferencesAndRepeats(Arch arch) {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Shape input = new Shape(1, 28, 28);
      Net net = ModelZoo.create(arch, input, TEN, new float[] {0.5f}, new float[] {0.5f});
      // seeded He-normal weights (not libtorch's process-wide generator); for seeds 1 to 14 the gradient agrees
      // with finite differences wherever the slope is defined, and only how many pixels sit at a kink varies (8
      // for LeNet-5 here, 48 for seed 5, the bound is 39)
      net.setInitializer(new SeededInitializer(13), Parameter.Type.WEIGHT);
      net.initialize(m, DataType.FLOAT32, new Shape(1).addAll(input));
      Probe probe = new Probe(net, m);
      int len = 28 * 28;
      float[] x = new float[len];
      Random r = new Random(2);
      for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
      Shape s = new Shape(1, 1, 28, 28);
      int target = 4;
      float[] grad = probe.inputGradient(x, s, logits -> Probe.sumOfTargets(logits, new int[] {target}));
      float[] again = probe.inputGradient(x, s, logits -> Probe.sumOfTargets(logits, new int[] {target}));
      assertThat(again).as("the same gradient twice").containsExactly(grad);
      double maxAbs = 0;
      for (float g : grad) maxAbs = Math.max(maxAbs, Math.abs(g));
      assertThat(maxAbs).isGreaterThan(1e-3);
      double tol = 0.01 * maxAbs + 1e-4;
      float eps = 1e-3f;
      int kinks = 0;
      List<String> off = new java.util.ArrayList<>();
      int chunk = 32; // pixels per batch: the image itself, then each pixel nudged up and down
      for (int from = 0; from < len; from += chunk) {
        int to = Math.min(len, from + chunk);
        int b = 1 + 2 * (to - from);
        float[] batch = new float[b * len];
        for (int j = 0; j < b; j++) System.arraycopy(x, 0, batch, j * len, len);
        for (int i = from; i < to; i++) {
          batch[(1 + 2 * (i - from)) * len + i] += eps;
          batch[(2 + 2 * (i - from)) * len + i] -= eps;
        }
        float[] logits = probe.logits(batch, new Shape(b, 1, 28, 28));
        double f0 = logits[target];
        for (int i = from; i < to; i++) {
          double right = (logits[(1 + 2 * (i - from)) * 10 + target] - f0) / eps;
          double left = (f0 - logits[(2 + 2 * (i - from)) * 10 + target]) / eps;
          // a ReLU or max-pool that switches within ±eps of this pixel: the one-sided slopes differ, no derivative
          if (Math.abs(right - left) > tol) {
            kinks++;
            continue;
          }
          double central = (right + left) / 2;
          if (Math.abs(grad[i] - central) > tol) off.add("pixel " + i + ": " + grad[i] + " vs " + central);
        }
      }
      // LeNet-5 agrees everywhere; the untrained VGG and ResNet, with 32–128 channels per layer, have a few pixels
      // with several kinks inside ±eps whose slopes average out (their differences approach the gradient as eps
      // shrinks to 3e-4, where float32 rounding takes over). The oneDNN bug put LeNet-5 off at over 400 pixels.
      assertThat(off).as("pixels where the gradient disagrees with finite differences").hasSizeLessThanOrEqualTo(
          arch == Arch.LENET5 ? 0 : len / 100);
      assertThat(kinks).as("pixels skipped as kinks").isLessThan(arch == Arch.LENET5 ? len / 20 : len / 3);
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
      // the same activation; within float32 rounding only, since where oneDNN's convolution backward is wrong
      // (ConvKernels route NATIVE) the gradient pass runs its forward through libtorch's own convolution
      float[] plain = a.of("relu4");
      assertThat(lg.activation()).hasSameSizeAs(plain);
      for (int j = 0; j < plain.length; j++) {
        assertThat(lg.activation()[j]).isCloseTo(plain[j], within(1e-5f * Math.max(1, Math.abs(plain[j]))));
      }
    }
  }
}
