package org.deepfig.analysis.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.deepfig.config.ModelConfig;
import org.deepfig.config.Toy2dFeature;
import org.deepfig.data.VectorSet;
import org.deepfig.model.ModelZoo;
import org.deepfig.model.Net;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The playground's maps of a network whose output is a hand-set linear function of (x, y). */
@Tag("slow")
class PlaygroundTest {
  @Test
  void aLinearOutputPutsTheBoundaryOnItsLine() {
    // fc1: h0 = relu(z), h1 = relu(-z) with z = x - 2y + 1; fc2: logit1 - logit0 = h0 - h1 = z, exactly linear
    ModelConfig m = new ModelConfig(ModelConfig.Arch.MLP, null, null, List.of(2), ModelConfig.Activation.RELU);
    Net net = ModelZoo.create(m, new Shape(2), List.of("negative", "positive"), new float[] {0}, new float[] {1});
    VectorSet points = new VectorSet(new float[] {0, 0}, new int[] {0}, List.of(Toy2dFeature.X, Toy2dFeature.Y));
    try (NDManager nd = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      net.initialize(nd, DataType.FLOAT32, new Shape(1, 2));
      set(net.layerParameters("fc1"), new float[] {1, -2, -1, 2}, new float[] {1, -1});
      set(net.layerParameters("fc2"), new float[] {0, 0, 1, -1}, new float[] {0, 0});
      int n = 24;
      PlaneMaps maps = PlaneMaps.of(net, nd, points, n);
      assertThat(maps.layers()).containsExactly("relu1");
      int above = 0;
      for (int r = 0; r < n; r++) {
        for (int c = 0; c < n; c++) {
          double x = PlaneMaps.coordinate(c, n);
          double y = -PlaneMaps.coordinate(r, n); // row 0 is the top of the plane
          double z = x - 2 * y + 1;
          float p = maps.output()[r * n + c];
          assertThat((double) p).isCloseTo(1 / (1 + Math.exp(-z)), within(1e-5));
          assertThat(p > 0.5).as("(%s, %s)", x, y).isEqualTo(z > 0);
          if (z > 0) above++;
          assertThat((double) maps.maps().get("relu1")[0][r * n + c]).isCloseTo(Math.max(0, z), within(1e-4));
          assertThat((double) maps.maps().get("relu1")[1][r * n + c]).isCloseTo(Math.max(0, -z), within(1e-4));
        }
      }
      // the line x - 2y + 1 = 0 crosses the square [-6, 6]²: about half the cells lie on its positive side
      assertThat(above).isBetween(n * n / 2 - n, n * n / 2 + n);
      assertThat(maps.weights().get(0)[0]).containsExactly(1, -2);
      assertThat(maps.weights().get(1)[0]).containsExactly(1, -1); // positive minus negative logit's weights
    }
  }

  @Test
  void theMapRunsFromOneClassColourThroughWhiteToTheOther() {
    // the default palette (Okabe-Ito): class 0 blue, class 1 orange, as the other figures draw the classes
    assertThat(PlaygroundDrawing.rgb(-1, 1)).isEqualTo(0x0072B2);
    assertThat(PlaygroundDrawing.rgb(1, 1)).isEqualTo(0xE69F00);
    assertThat(PlaygroundDrawing.rgb(0, 1)).isEqualTo(0xFFFFFF);
  }

  private static void set(List<NDArray> params, float[] weight, float[] bias) {
    params.get(0).set(weight);
    params.get(1).set(bias);
  }
}
