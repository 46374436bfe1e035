package org.deepfig.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** deepfig's own first-step check: some trainable gradient is non-zero, whatever the gradients sum to. */
@Tag("slow")
class GradientsFlowTest {
  @Test
  void gradientsThatSumToZeroFlowAndAllZeroOnesDoNot() {
    try (Model model = Model.newInstance("t", "PyTorch")) {
      Linear linear = Linear.builder().setUnits(2).build();
      model.setBlock(linear);
      linear.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3));
      for (Parameter p : linear.getParameters().values()) p.getArray().setRequiresGradient(true);
      // before any backward pass every gradient is zero
      assertThatThrownBy(() -> Training.checkGradientsFlow(model)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("every trainable gradient is zero");
      // the difference of the two outputs: gradients +x and −x, +1 and −1, summing to exactly 0
      try (GradientCollector gc = model.getNDManager().getEngine().newGradientCollector()) {
        NDArray x = model.getNDManager().create(new float[] {1, 2, 3}, new Shape(1, 3));
        NDArray out = linear.forward(new ai.djl.training.ParameterStore(model.getNDManager(), false), new NDList(x),
            true).singletonOrThrow();
        gc.backward(out.get(":, 0").sub(out.get(":, 1")).sum());
      }
      float sum = 0;
      for (Parameter p : linear.getParameters().values()) sum += p.getArray().getGradient().sum().getFloat();
      assertThat(sum).isZero();
      Training.checkGradientsFlow(model); // does not throw
    }
  }
}
