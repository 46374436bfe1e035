package org.deepfig.analysis.lesion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deepfig.Progress;
import org.deepfig.config.ModelConfig.Arch;
import org.deepfig.data.ArrayImageSet;
import org.deepfig.model.LayerNode;
import org.deepfig.model.ModelZoo;
import org.deepfig.model.Net;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Lesion studies checked on paper: chance, zero outgoing weights, one unit per class, above-only = full forward. */
@Tag("slow")
class LesionTest {
  private static final int K = 10;

  private static List<String> classes(int k) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < k; i++) out.add("class" + i);
    return out;
  }

  /** {@code perClass} random images of each of K classes (labels i mod K: a balanced set). */
  private static ArrayImageSet balanced(int c, int side, int perClass, long seed) {
    int n = K * perClass;
    Random r = new Random(seed);
    float[] px = new float[n * c * side * side];
    for (int i = 0; i < px.length; i++) px[i] = r.nextFloat();
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) labels[i] = i % K;
    return new ArrayImageSet(c, side, side, px, labels, null);
  }

  private static Net lenet(NDManager m) {
    Net net = ModelZoo.create(Arch.LENET5, new Shape(1, 28, 28), classes(K), new float[] {0.5f},
        new float[] {0.5f});
    net.initialize(m, DataType.FLOAT32, new Shape(1, 1, 28, 28));
    return net;
  }

  @Test
  void ablatingEveryChannelOfTheFirstLayerGivesChanceAccuracy() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Net net = lenet(m);
      ArrayImageSet test = balanced(1, 28, 6, 1);
      // curve points 2: none ablated and all six ablated; every image then gets the same prediction, which is right
      // for exactly the 6 images of one class: 6 / 60 = 1 / K
      LayerLesion r = LayerLesion.measure(net, m, test, test.size(), "conv1", null, K, 2, 3, 16, Progress.SILENT);
      assertThat(r.ablated()).containsExactly(0, 6);
      for (double[] curve : r.curves().values()) {
        assertThat(curve[0]).isEqualTo(r.base());
        assertThat(curve[1]).isEqualTo(1.0 / K);
      }
    }
  }

  @Test
  void aChannelWhoseOutgoingWeightsAreZeroChangesNothing() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Net net = lenet(m);
      ArrayImageSet test = balanced(1, 28, 8, 2);
      // conv2 reads conv1's channel 3 with zero weights: ablating it (zero or mean) changes no logit
      NDArray w = net.layerBlock("conv2").orElseThrow().getParameters().get("weight").getArray();
      float[] v = w.toFloatArray(); // 16 × 6 × 5 × 5
      for (int o = 0; o < 16; o++) for (int j = 0; j < 25; j++) v[(o * 6 + 3) * 25 + j] = 0;
      w.set(v);
      float[] mean = LesionScan.means(net, m, test, test.size(), List.of("conv1"), 32, null).get("conv1");
      for (float[] fill : new float[][] {null, mean}) {
        LayerLesion r = LayerLesion.measure(net, m, test, test.size(), "conv1", fill, K, 0, 3, 32, Progress.SILENT);
        assertThat(r.accuracy()[3]).isEqualTo(r.base());
        for (int k = 0; k < K; k++) assertThat(r.classDrop()[3][k]).isEqualTo(0.0);
      }
    }
  }

  /**
   * A hand-built MLP on 1×1×K images: image of class k is 1 at pixel k and 0.1 at pixel k+1; fc1 unit k copies pixel
   * k, fc2 and fc3 copy unit k to logit k. Units K… of fc1 are active (bias 0.1, weights 0.3) but have zero outgoing
   * weights. Ablating unit k < K makes logit k+1 win for class k only: a diagonal of 100-point drops, zeros elsewhere,
   * and zero drops for the units with no outgoing weights.
   */
  @Test
  void oneUnitPerClassGivesADiagonalMap() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Net net = ModelZoo.create(Arch.MLP, new Shape(1, 1, K), classes(K), new float[] {0f}, new float[] {1f});
      net.initialize(m, DataType.FLOAT32, new Shape(1, 1, 1, K));
      float[] w1 = new float[256 * K];
      float[] b1 = new float[256];
      for (int u = 0; u < 256; u++) {
        for (int i = 0; i < K; i++) w1[u * K + i] = u < K ? (u == i ? 1 : 0) : 0.3f;
        b1[u] = u < K ? 0 : 0.1f;
      }
      set(net, "fc1", w1, b1);
      float[] w2 = new float[128 * 256];
      for (int j = 0; j < K; j++) w2[j * 256 + j] = 1;
      set(net, "fc2", w2, new float[128]);
      float[] w3 = new float[K * 128];
      for (int k = 0; k < K; k++) w3[k * 128 + k] = 1;
      set(net, "fc3", w3, new float[K]);
      int per = 3;
      float[] px = new float[K * per * K];
      int[] labels = new int[K * per];
      for (int i = 0; i < K * per; i++) {
        labels[i] = i % K;
        px[i * K + labels[i]] = 1f;
        px[i * K + (labels[i] + 1) % K] = 0.1f;
      }
      ArrayImageSet test = new ArrayImageSet(1, 1, K, px, labels, null);
      // units 0…K−1, and three of the units with no outgoing weights (one scan of all 256 would cost 25 times more)
      int[] units = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100, 255};
      boolean[][] ablations = new boolean[units.length + 1][256];
      for (int i = 0; i < units.length; i++) ablations[i + 1][units[i]] = true;
      LesionScan.Counts c = LesionScan.scan(net, m, test, test.size(), "fc1", null, ablations, K, 8, null);
      assertThat(c.accuracy(0)).isEqualTo(1.0);
      for (int i = 0; i < units.length; i++) {
        for (int k = 0; k < K; k++) {
          assertThat(c.classAccuracy(0, k) - c.classAccuracy(i + 1, k)).as("unit %d, class %d", units[i], k)
              .isEqualTo(units[i] == k ? 1.0 : 0.0);
        }
      }
      assertThat(c.accuracy(1)).isCloseTo(1.0 - 1.0 / K, within(1e-12));
      assertThat(Lesion.defaultLayers(net.graph())).containsExactly("fc1", "fc2");
    }
  }

  private static void set(Net net, String layer, float[] w, float[] b) {
    net.layerBlock(layer).orElseThrow().getParameters().get("weight").getArray().set(w);
    net.layerBlock(layer).orElseThrow().getParameters().get("bias").getArray().set(b);
  }

  /**
   * Resuming above a layer gives the full forward pass's logits: LeNet-5's layers of each kind, and in the ResNet a
   * plain layer, a block's body (first and last), its projection shortcut, the addition and the block's ReLU.
   */
  @Test
  void aboveOnlyEqualsTheFullForwardPassWithTheAblation() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Net lenet = lenet(m);
      Net resnet = ModelZoo.create(Arch.RESNET, new Shape(3, 16, 16), classes(K), new float[] {0.5f},
          new float[] {0.5f});
      resnet.initialize(m, DataType.FLOAT32, new Shape(1, 3, 16, 16));
      int checked = 0;
      for (Net net : List.of(lenet, resnet)) {
        Shape in = new Shape(4).addAll(net.graph().inputShape());
        Random r = new Random(5);
        float[] px = new float[(int) in.size()];
        for (int i = 0; i < px.length; i++) px[i] = r.nextFloat();
        for (LayerNode node : net.graph().layers()) {
          if (!Lesion.ablatable(node) || !CHECKED.contains(node.name())) continue;
          try (NDManager sub = m.newSubManager()) {
            ParameterStore ps = new ParameterStore(sub, false);
            NDArray x = sub.create(px, in);
            float[] keep = new float[node.channels()];
            for (int c = 0; c < keep.length; c++) keep[c] = c % 3 == 1 ? 0 : 1;
            Shape ks = node.isSpatial() ? new Shape(1, keep.length, 1, 1) : new Shape(1, keep.length);
            NDArray mask = sub.create(keep, ks);
            Net.Resume at = net.capture(ps, x, node.name());
            float[] above = net.forwardAbove(ps, at, at.output().mul(mask)).toFloatArray();
            float[] full = net.forward(ps, x, false, (n, i, out) -> n.name().equals(node.name()) ? out.mul(mask)
                : out).toFloatArray();
            assertThat(above).as(node.name()).containsExactly(full, within(1e-5f));
            checked++;
          }
        }
      }
      assertThat(checked).isEqualTo(15); // conv1 and relu1 are in both networks
    }
  }

  private static final java.util.Set<String> CHECKED = java.util.Set.of("conv1", "relu1", "pool2", "fc1", "fc2",
      "res1.conv1", "res2.bn2", "res2.proj", "res2.proj_bn", "res2.add", "res2.relu", "res3.relu", "gap");

  /**
   * An imported TorchScript model: one forward_replacing pass gives the logits of the two-pass tap route, a
   * lesion scan through it equals one through taps, and the default layers leave out the classifier.
   */
  @Test
  void torchScriptReplacingPassEqualsTheTapRoute() {
    java.nio.file.Path d = org.deepfig.model.TorchScriptFixture.dir();
    float[] half = {0.5f, 0.5f, 0.5f};
    org.deepfig.model.TorchScriptNetwork ts = org.deepfig.model.TorchScriptNetwork.load(d.resolve("small.pt"),
        ai.djl.Device.cpu(), new Shape(3, 32, 32), classes(K), half, half);
    try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu(), "PyTorch")) {
      assertThat(Lesion.defaultLayers(ts.graph())).containsExactly("conv1", "conv2");
      ArrayImageSet test = balanced(3, 32, 2, 9);
      float[] px = new float[test.size() * test.imageLength()];
      test.copyImages(0, test.size(), px, 0);
      ParameterStore ps = new ParameterStore(m, false);
      NDArray x = m.create(px, new Shape(test.size(), 3, 32, 32));
      NDArray mask = m.create(new float[] {1, 0, 1, 1, 0, 1, 1, 1}, new Shape(1, 8, 1, 1));
      float[] taps = ts.forward(ps, x, false, (n, i, out) -> n.name().equals("conv2") ? out.mul(mask) : out)
          .toFloatArray();
      NDArray[] seen = new NDArray[1];
      ts.forward(ps, x, false, (n, i, out) -> {
        if (n.name().equals("conv2")) seen[0] = out;
        return out;
      });
      assertThat(ts.forwardReplacing(x, "conv2", seen[0].mul(mask)).toFloatArray()).containsExactly(taps,
          within(1e-5f));
      boolean[][] ablations = {new boolean[8], {false, true, false, false, true, false, false, false}};
      LesionScan.Counts c = LesionScan.scan(ts, m, test, test.size(), "conv2", null, ablations, K, 7, null);
      float[] pred = taps;
      int right = 0;
      for (int i = 0; i < test.size(); i++) {
        int best = 0;
        for (int k = 1; k < K; k++) if (pred[i * K + k] > pred[i * K + best]) best = k;
        if (best == test.label(i)) right++;
      }
      assertThat(c.accuracy(1)).isEqualTo((double) right / test.size());
    } finally {
      ts.model().close();
    }
  }

  /**
   * The estimate on paper, LeNet-5 on 28×28: fc2 has 84 units, so 85 passes (the intact network too) of only fc3
   * (840 of 416,520 multiply-adds, counted at the 10% floor for per-layer overheads) over 100 images, plus the
   * captures of both scans (2 × 100); with curve_points 3 another 3 × 3 passes; mode mean adds the 60 training
   * images.
   */
  @Test
  void costCountsTheLayersAboveOnAZooNetwork() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Net net = lenet(m);
      org.deepfig.data.Dataset d = new org.deepfig.data.Dataset("x", classes(K), balanced(1, 28, 6, 1),
          balanced(1, 28, 10, 2), List.of());
      Lesion kind = new Lesion();
      assertThat(kind.cost(org.deepfig.config.Declared.create(LesionSpec.class, List.of("fc2"), LesionSpec.Mode.ZERO, 0, 0, 0, null), d, net).forwardImages())
          .isCloseTo(200 + 85 * 100 * 0.1, within(1e-9));
      assertThat(kind.cost(org.deepfig.config.Declared.create(LesionSpec.class, List.of("fc2"), LesionSpec.Mode.MEAN, 0, 3, 0, null), d, net).forwardImages())
          .isCloseTo(200 + (85 + 9) * 100 * 0.1 + 60, within(1e-9));
      assertThat(Lesion.above(net.graph(), "conv1") / org.deepfig.analysis.architecture.Macs.total(net.graph()))
          .isCloseTo(1 - 117_600.0 / 416_520, within(1e-12));
    }
  }

  @Test
  void curvePointsAreEvenlySpacedCounts() {
    assertThat(LayerLesion.points(6, 2)).containsExactly(0, 6);
    assertThat(LayerLesion.points(120, 11)).containsExactly(0, 12, 24, 36, 48, 60, 72, 84, 96, 108, 120);
    assertThat(LayerLesion.points(3, 11)).containsExactly(0, 1, 2, 3);
  }
}
