package org.deepfig.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.deepfig.config.ModelConfig.Arch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Tag("slow")
public class ModelZooTest {
  static final List<String> TEN = IntStream.range(0, 10).mapToObj(Integer::toString).toList();

  /** A zoo network for ten classes, initialised for one image of {@code input}'s shape. */
  public static Net init(NDManager m, Arch arch, Shape input) {
    Net net = ModelZoo.create(arch, input, TEN, new float[] {0.5f}, new float[] {0.5f});
    net.initialize(m, DataType.FLOAT32, new Shape(1).addAll(input));
    return net;
  }

  @Test
  void lenet5LayerShapesAndParametersMatchThePaperArithmetic() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      LayerGraph g = init(m, Arch.LENET5, new Shape(1, 28, 28)).graph();
      assertThat(g.names()).containsExactly("conv1", "relu1", "pool1", "conv2", "relu2", "pool2", "flatten", "fc1",
          "relu3", "fc2", "relu4", "fc3");
      assertThat(g.layer("conv1").outputShape()).isEqualTo(new Shape(6, 28, 28));
      assertThat(g.layer("pool1").outputShape()).isEqualTo(new Shape(6, 14, 14));
      assertThat(g.layer("conv2").outputShape()).isEqualTo(new Shape(16, 10, 10));
      assertThat(g.layer("pool2").outputShape()).isEqualTo(new Shape(16, 5, 5));
      assertThat(g.layer("fc1").outputShape()).isEqualTo(new Shape(120));
      // conv1: 6·(1·5·5)+6 = 156; conv2: 16·(6·5·5)+16 = 2416; fc1: 400·120+120; fc2: 120·84+84; fc3: 84·10+10
      assertThat(g.layer("conv1").parameters()).isEqualTo(156);
      assertThat(g.layer("conv2").parameters()).isEqualTo(2416);
      assertThat(g.totalParameters()).isEqualTo(156 + 2416 + 48120 + 10164 + 850);
      assertThat(g.layer("conv2").geometry()).isEqualTo(new Geometry(5, 1, 0, 1));
      assertThat(g.layer("conv2").inputs()).containsExactly("pool1");
    }
  }

  @Test
  void resnetHasResidualAdditionsWithTwoInputs() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      LayerGraph g = init(m, Arch.RESNET, new Shape(3, 32, 32)).graph();
      assertThat(g.layer("res1.add").inputs()).containsExactly("res1.bn2", "relu1");
      assertThat(g.layer("res2.add").inputs()).containsExactly("res2.bn2", "res2.proj_bn");
      assertThat(g.layer("res2.relu").outputShape()).isEqualTo(new Shape(32, 16, 16));
      assertThat(g.layer("res3.relu").outputShape()).isEqualTo(new Shape(64, 8, 8));
      assertThat(g.layer("res2.conv1").group()).isEqualTo("res2");
      assertThat(g.output().outputShape()).isEqualTo(new Shape(10));
    }
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void everyZooModelTapsEveryLayerInGraphOrderWithItsShape(Arch arch) {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Shape input = arch == Arch.MLP || arch == Arch.LENET5 ? new Shape(1, 28, 28) : new Shape(3, 32, 32);
      Net net = init(m, arch, input);
      List<String> seen = Collections.synchronizedList(new ArrayList<>());
      NDArray x = m.randomUniform(0, 1, new Shape(2).addAll(input));
      NDArray logits = net.forward(new ParameterStore(m, false), x, false, (layer, in, out) -> {
        assertThat(out.getShape().slice(1)).as(layer.name()).isEqualTo(layer.outputShape());
        seen.add(layer.name());
        return out;
      });
      assertThat(seen).isEqualTo(net.graph().names());
      assertThat(logits.getShape()).isEqualTo(new Shape(2, 10));
    }
  }

  @Test
  void replacingATappedOutputChangesTheResult() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Net net = init(m, Arch.LENET5, new Shape(1, 28, 28));
      NDArray x = m.randomUniform(0, 1, new Shape(1, 1, 28, 28));
      ParameterStore ps = new ParameterStore(m, false);
      NDArray zeroed = net.forward(ps, x, false, (l, in, out) -> l.name().equals("relu4") ? out.zerosLike() : out);
      // with relu4 zeroed, the logits are fc3's bias alone
      NDArray bias = net.layerBlock("fc3").orElseThrow().getParameters().get("bias").getArray();
      assertThat(zeroed.squeeze().toFloatArray()).containsExactly(bias.toFloatArray());
    }
  }
}
