package org.deepfig.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.deepfig.config.ModelConfig;
import org.deepfig.config.Toy2dFeature;
import org.deepfig.model.LayerGraph;
import org.deepfig.model.LayerKind;
import org.deepfig.model.ModelZoo;
import org.deepfig.model.Net;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The Playground's data sets, checked against their definitions; the mlp's hidden widths and activation. */
@Tag("slow")
class Toy2dDatasetTest {
  static final List<Toy2dFeature> XY = List.of(Toy2dFeature.X, Toy2dFeature.Y);

  @Test
  void withoutNoiseEveryLabelFollowsItsDataSetsRule() {
    VectorSet xor = (VectorSet) Toy2dDataset.generate("xor", 1, 300, 100, 0, XY).train();
    VectorSet circles = (VectorSet) Toy2dDataset.generate("circles", 1, 300, 100, 0, XY).train();
    int positives = 0;
    for (int i = 0; i < 300; i++) {
      assertThat(xor.label(i)).isEqualTo(xor.x(i) * xor.y(i) >= 0 ? 1 : 0);
      assertThat(Math.abs(xor.x(i))).isBetween(0.3f, 5.3f);
      double r = Math.hypot(circles.x(i), circles.y(i));
      assertThat(circles.label(i)).isEqualTo(r < 2.5 ? 1 : 0);
      assertThat(r < 2.5 || (r >= 3.5 && r <= 5)).isTrue(); // the inner disc or the ring, nothing between
      positives += circles.label(i);
    }
    assertThat(positives).isBetween(120, 180); // half of 400 points, shuffled into the two splits
  }

  @Test
  void spiralPointsLieOnTheirArmsAndGaussianBlobsAroundTheirCentres() {
    VectorSet s = (VectorSet) Toy2dDataset.generate("spiral", 3, 200, 200, 0, XY).train();
    for (int i = 0; i < s.size(); i++) {
      double r = Math.hypot(s.x(i), s.y(i));
      double t = 1.75 * 2 * Math.PI * r / 5 + (s.label(i) == 1 ? 0 : Math.PI); // the angle its radius gives
      assertThat(s.x(i)).isCloseTo((float) (r * Math.sin(t)), within(1e-3f));
      assertThat(s.y(i)).isCloseTo((float) (r * Math.cos(t)), within(1e-3f));
    }
    VectorSet g = (VectorSet) Toy2dDataset.generate("gaussian", 3, 2000, 10, 0, XY).train();
    double[] sum = new double[2];
    int[] count = new int[2];
    for (int i = 0; i < g.size(); i++) {
      sum[g.label(i)] += g.x(i) + g.y(i);
      count[g.label(i)]++;
    }
    assertThat(sum[1] / count[1] / 2).isCloseTo(2, within(0.1)); // the blob at (2, 2)
    assertThat(sum[0] / count[0] / 2).isCloseTo(-2, within(0.1));
  }

  @Test
  void theSeedFixesThePointsAndFeaturesAreComputedFromThem() {
    List<Toy2dFeature> all = List.of(Toy2dFeature.values());
    Dataset a = Toy2dDataset.generate("spiral", 5, 50, 50, 0.3, all);
    Dataset b = Toy2dDataset.generate("spiral", 5, 50, 50, 0.3, all);
    assertThat(a.test().gather(new int[] {0, 7})).containsExactly(b.test().gather(new int[] {0, 7}));
    VectorSet t = (VectorSet) a.test();
    assertThat(t.vectors()).isTrue();
    assertThat(t.sampleDims()).containsExactly(7);
    float x = t.x(4), y = t.y(4);
    assertThat(t.image(4)).containsExactly(new float[] {x, y, x * x, y * y, x * y, (float) Math.sin(x),
        (float) Math.sin(y)}, within(1e-5f));
  }

  @Test
  void theMlpTakesHiddenWidthsAndAnActivation() {
    ModelConfig m = new ModelConfig(ModelConfig.Arch.MLP, null, null, List.of(8, 8), ModelConfig.Activation.TANH);
    Net net = ModelZoo.create(m, new Shape(7), List.of("a", "b"), new float[] {0}, new float[] {1});
    try (NDManager nd = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      net.initialize(nd, DataType.FLOAT32, new Shape(1, 7));
      LayerGraph g = net.graph();
      assertThat(g.names()).containsExactly("flatten", "fc1", "tanh1", "fc2", "tanh2", "fc3");
      assertThat(g.layer("tanh1").kind()).isEqualTo(LayerKind.TANH);
      assertThat(g.layer("fc1").parameters()).isEqualTo(7 * 8 + 8);
      assertThat(g.layer("fc2").parameters()).isEqualTo(8 * 8 + 8);
      assertThat(g.layer("fc3").parameters()).isEqualTo(8 * 2 + 2);
    }
  }
}
