package org.deepfig.analysis.saliency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.stream.IntStream;
import org.deepfig.config.ModelConfig.Arch;
import org.deepfig.model.ModelZoo;
import org.deepfig.model.Net;
import org.deepfig.probe.Probe;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.deepfig.train.SeededInitializer;

@Tag("slow")
class SaliencyMethodsTest {
  static final List<String> TEN = IntStream.range(0, 10).mapToObj(Integer::toString).toList();
  static final SaliencySpec SPEC = org.deepfig.config.Declared.create(SaliencySpec.class, null, null, null, null,
      null, 64, 2, 2, SaliencySpec.Baseline.ZERO, null, null, null);

  static Net mlp(NDManager m, int side) {
    Net net = ModelZoo.create(Arch.MLP, new Shape(1, side, side), TEN, new float[] {0f}, new float[] {1f});
    net.initialize(m, DataType.FLOAT32, new Shape(1, 1, side, side));
    for (String l : List.of("fc1", "fc2", "fc3")) {
      for (var p : net.layerBlock(l).orElseThrow().getParameters()) {
        var a = p.getValue().getArray();
        a.set(new float[(int) a.size()]);
      }
    }
    return net;
  }

  static void set(Net net, String layer, int row, int cols, float... w) {
    var a = net.layerBlock(layer).orElseThrow().getParameters().get("weight").getArray();
    float[] v = a.toFloatArray();
    System.arraycopy(w, 0, v, row * cols, w.length);
    a.set(v);
  }

  static SaliencyContext ctx(Net net, NDManager m, int side) {
    return new SaliencyContext(net, new Probe(net, m), m, 1, side, side, SPEC, 1, new float[] {1f});
  }

  @Test
  void guidedBackpropPassesOnlyWherePositiveInputAndPositiveGradientDeconvnetOnlyPositiveGradient() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Net net = mlp(m, 2);
      // h0 = x0 − x1, h1 = x2, h2 = x3 − 5 (bias); g0 = h0 − h1 + h2; class 0 = g0
      set(net, "fc1", 0, 4, 1, -1, 0, 0);
      set(net, "fc1", 1, 4, 0, 0, 1, 0);
      set(net, "fc1", 2, 4, 0, 0, 0, 1);
      float[] b1 = new float[256];
      b1[2] = -5;
      net.layerBlock("fc1").orElseThrow().getParameters().get("bias").getArray().set(b1);
      set(net, "fc2", 0, 256, 1, -1, 1);
      set(net, "fc3", 0, 128, 1);
      float[] x = {4, 1, 1, 0}; // h = (3, 1, −5→0), g0 = 2
      SaliencyContext s = ctx(net, m, 2);
      int[] t = {0};
      // vanilla: d g0/dx = d(h0 − h1)/dx = (1, −1, −1, 0); h2 is inactive so x3 gets nothing
      assertThat(GradientMethods.gradient(s, x, 1, t)).containsExactly(1f, -1f, -1f, 0f);
      // guided: at relu1, h1's incoming gradient −1 is negative → blocked; h2's input is negative → blocked
      assertThat(ModifiedBackprop.raw(s, x, 1, t, ModifiedBackprop.Rule.GUIDED)).containsExactly(1f, -1f, 0f, 0f);
      // deconvnet: only the gradient's sign matters: h1 blocked, h2 (gradient +1, input < 0) passes
      assertThat(ModifiedBackprop.raw(s, x, 1, t, ModifiedBackprop.Rule.DECONVNET))
          .containsExactly(1f, -1f, 0f, 1f);
    }
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void everyMethodWorksOnEveryZooModelIncludingTheResidualOne(Arch arch) {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      int c = arch == Arch.MLP ? 1 : 3;
      int side = 16;
      float[] half = new float[c];
      java.util.Arrays.fill(half, 0.5f);
      Net net = ModelZoo.create(arch, new Shape(c, side, side), TEN, half, half);
      net.setInitializer(new SeededInitializer(11), Parameter.Type.WEIGHT);
      net.initialize(m, DataType.FLOAT32, new Shape(1, c, side, side));
      SaliencySpec spec = org.deepfig.config.Declared.create(SaliencySpec.class, null, null, null, 4,
          null, 8, 4, 2, null, null, null, null);
      SaliencyContext s = new SaliencyContext(net, new Probe(net, m), m, c, side, side, spec, 1, half);
      float[] x = new float[2 * c * side * side];
      java.util.SplittableRandom r = new java.util.SplittableRandom(5);
      for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
      boolean spatial = GradCam.defaultLayer(s) != null;
      assertThat(spatial).isEqualTo(arch != Arch.MLP);
      for (SaliencySpec.Method name : SaliencySpec.ALL) {
        Attribution a = Saliency.method(name);
        if (a instanceof GradCam && !spatial) continue; // the figure says so in a sentence
        float[] map = a.attribute(s, x, 2, new int[] {1, 6});
        assertThat(map).as(arch + " " + name).hasSize(2 * side * side);
        double energy = 0;
        for (float v : map) {
          assertThat(Float.isFinite(v)).as(arch + " " + name + " finite").isTrue();
          energy += Math.abs(v);
        }
        assertThat(energy).as(arch + " " + name + " not all zero").isGreaterThan(0);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void integratedGradientsSumToTheOutputDifference(Arch arch) {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Net net = ModelZoo.create(arch, new Shape(1, 28, 28), TEN, new float[] {0.5f}, new float[] {0.5f});
      net.setInitializer(new SeededInitializer(3), Parameter.Type.WEIGHT);
      net.initialize(m, DataType.FLOAT32, new Shape(1, 1, 28, 28));
      SaliencyContext s = new SaliencyContext(net, new Probe(net, m), m, 1, 28, 28, SPEC, 1, new float[] {0.5f});
      float[] x = new float[2 * 784];
      java.util.SplittableRandom r = new java.util.SplittableRandom(4);
      for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
      int[] t = {3, 7};
      float[] a = GradientMethods.IntegratedGradients.raw(s, x, 2, t, 1024);
      float[] fx = s.probe().logits(x, s.shape(2));
      float[] f0 = s.probe().logits(new float[x.length], s.shape(2));
      for (int i = 0; i < 2; i++) {
        double sum = 0;
        for (int p = 0; p < 784; p++) sum += a[i * 784 + p];
        double diff = fx[i * 10 + t[i]] - f0[i * 10 + t[i]];
        // completeness (Sundararajan et al. 2017, prop. 1) up to the trapezoid rule's error, which for ReLU and
        // max-pool kinks along the path shrinks like 1/steps (64 steps: up to 8% on the untrained VGG, 1024: 1.5%)
        assertThat(sum).as(arch + " image " + i).isCloseTo(diff, within(0.02 * Math.abs(diff) + 2e-3));
      }
    }
  }

  @Test
  void occludingARegionTheModelIgnoresGivesZero() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Net net = mlp(m, 8);
      // fc1 unit 0 reads only the left half (columns 0–3); class 0 = that unit
      float[] w = new float[64];
      for (int y = 0; y < 8; y++) for (int x = 0; x < 4; x++) w[y * 8 + x] = 0.1f * (1 + y + x);
      set(net, "fc1", 0, 64, w);
      set(net, "fc2", 0, 256, 1);
      set(net, "fc3", 0, 128, 1);
      float[] img = new float[64];
      for (int i = 0; i < 64; i++) img[i] = 1;
      float[] map = new Occlusion().attribute(ctx(net, m, 8), img, 1, new int[] {0});
      for (int y = 0; y < 8; y++) {
        for (int x = 4; x < 8; x++) assertThat(map[y * 8 + x]).as("(%d, %d)", y, x).isZero();
        assertThat(map[y * 8]).as("(%d, 0)", y).isGreaterThan(0f);
      }
    }
  }

  @Test
  void gradCamUpsamplesBilinearlyAndScoresWorkByHand() {
    // 2×2 → 4×4 with aligned centres: corners keep their values, the middle is their mean
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      float[] up = GradCam.bilinear(m, new float[] {0, 4, 8, 12, 1, 1, 1, 1}, 2, 2, 2, 4, 4);
      assertThat(up).hasSize(32);
      assertThat(up[0]).isEqualTo(0f);
      assertThat(up[15]).isEqualTo(12f);
      assertThat(up[5]).isCloseTo(3f, within(1e-6f)); // (1,1): 0.75·0.75·0 + 0.75·0.25·4 + 0.25·0.75·8 + … = 3
      assertThat(up[1]).isCloseTo(1f, within(1e-6f)); // (0,1): row 0 clamped, 0.75·0 + 0.25·4 = 1
      assertThat(up[6]).isCloseTo(5f, within(1e-6f)); // (1,2): 0.75·(0.25·0 + 0.75·4) + 0.25·(0.25·8 + 0.75·12) = 5
      for (int p = 16; p < 32; p++) assertThat(up[p]).as("second map, pixel %d", p - 16).isCloseTo(1f, within(1e-6f));
    }
    // pointing game and mass: map peaks at pixel 5, mask covers pixels 5 and 6
    byte[] mask = new byte[16];
    mask[5] = mask[6] = 1;
    float[] map = new float[16];
    map[5] = 3;
    map[0] = 1;
    assertThat(Scores.pointingHit(map, mask, 4, 4, 0)).isTrue();
    assertThat(Scores.massInMask(map, mask)).isCloseTo(0.75, within(1e-12));
    assertThat(Scores.spearman(new float[] {1, 2, 3}, new float[] {10, 20, 30})).isCloseTo(1, within(1e-12));
    assertThat(Scores.spearman(new float[] {1, 2, 3}, new float[] {3, 2, 1})).isCloseTo(-1, within(1e-12));
    assertThat(Scores.ssim(map, map)).isCloseTo(1, within(1e-9));
    assertThat(Scores.auc(new float[] {1, 0.5f, 0})).isCloseTo(0.5, within(1e-9));
  }
}
