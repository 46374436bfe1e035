package org.deepfig.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.deepfig.UserError;
import org.deepfig.config.ModelConfig.Arch;
import org.deepfig.data.ArrayImageSet;
import org.deepfig.model.ModelZoo;
import org.deepfig.model.Net;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class EvaluationTest {
  static final List<String> THREE = List.of("a", "b", "c");

  /** Four 1×8×8 images, labels 0, 1, 2, 0. */
  static ArrayImageSet images() {
    float[] px = new float[4 * 64];
    for (int i = 0; i < px.length; i++) px[i] = (i % 17) / 17f;
    return new ArrayImageSet(1, 8, 8, px, new int[] {0, 1, 2, 0}, null);
  }

  static Net mlp(NDManager m, float mean) {
    Net net = ModelZoo.create(Arch.MLP, new Shape(1, 8, 8), THREE, new float[] {mean}, new float[] {0.5f});
    net.initialize(m, DataType.FLOAT32, new Shape(1, 1, 8, 8));
    return net;
  }

  @Test
  void finiteLogitsGiveAnAccuracy() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Evaluation e = Evaluation.of(mlp(m, 0.5f), m, images(), 3, 3, null);
      assertThat(e.accuracy()).isBetween(0.0, 1.0);
      assertThat(e.predicted()).hasSize(4);
    }
  }

  @Test
  void nonFiniteLogitsStopTheRunInsteadOfCountingAsAClass() {
    // a NaN mean makes every normalised pixel NaN, as the weights of a diverged training do
    for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY}) {
      try (NDManager m = NDManager.newBaseManager("PyTorch")) {
        assertThatThrownBy(() -> Evaluation.of(mlp(m, bad), m, images(), 3, 3, null))
            .isInstanceOf(UserError.class)
            .satisfies(e -> assertThat(((UserError) e).oneLine()).contains("NaN").contains("learning_rate")
                .doesNotContain("\n"));
      }
    }
  }
}
