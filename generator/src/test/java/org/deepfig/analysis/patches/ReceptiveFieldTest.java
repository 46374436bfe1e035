package org.deepfig.analysis.patches;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.deepfig.config.ModelConfig.Arch;
import org.deepfig.model.LayerNode;
import org.deepfig.model.Net;
import org.deepfig.probe.Probe;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Tag("slow")
class ReceptiveFieldTest {
  static Net net(NDManager m, Arch arch, Shape in) {
    return org.deepfig.model.ModelZooTest.init(m, arch, in);
  }

  @Test
  void lenetConv2FieldIsFourteenPixels() {
    // On paper (28×28 input, conv1 padded by 2): conv1 5×5/1 → size 5, jump 1, first −2;
    // pool1 2×2/2 → size 5 + 1·1 = 6, jump 2, first −2; conv2 5×5/1 → size 6 + 4·2 = 14, jump 2, first −2;
    // pool2 2×2/2 → size 14 + 1·2 = 16, jump 4.
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Map<String, ReceptiveField> rf = ReceptiveField.analytic(net(m, Arch.LENET5, new Shape(1, 28, 28)).graph());
      assertThat(rf.get("conv1")).isEqualTo(new ReceptiveField(5, 1, -2));
      assertThat(rf.get("pool1")).isEqualTo(new ReceptiveField(6, 2, -2));
      assertThat(rf.get("conv2")).isEqualTo(new ReceptiveField(14, 2, -2));
      assertThat(rf.get("relu2")).isEqualTo(rf.get("conv2"));
      assertThat(rf.get("pool2")).isEqualTo(new ReceptiveField(16, 4, -2));
      // conv2's unit (3, 4) sees rows −2+6 … 17 and columns −2+8 … 19
      assertThat(rf.get("conv2").clipped(3, 4, 28, 28)).containsExactly(4, 6, 18, 20);
    }
  }

  @Test
  void resnet50FieldsThroughTheSidecarGeometryAreTheOnesDerivedOnPaper() {
    // torchvision's ResNet-50 as its sidecar lists it (224 px). On paper:
    // conv1 7×7/2 pad 3: size 7, jump 2, first −3; bn1 and relu keep it;
    // maxpool 3×3/2 pad 1: size 7 + 2·2 = 11, jump 4, first −3 − 1·2 = −5;
    // layer1.0.conv1 1×1 keeps it; layer1.0.conv2 3×3 pad 1: 11 + 2·4 = 19, first −5 − 4 = −9;
    // layer1.0.relu3 (the addition): union of the main path (19, 4, −9) and the 1×1 downsample (11, 4, −5);
    // layer1.1 and layer1.2 add a 3×3 each: (27, 4, −13), (35, 4, −17);
    // layer2.0.conv2 3×3/2 pad 1 on (35, 4, −17): 35 + 2·4 = 43, jump 8, first −17 − 4 = −21;
    // layer2.0.downsample.0 1×1/2: (35, 8, −17); layer2.0.relu3: from −21 to max(−21 + 43, −17 + 35) = 22.
    Map<String, ReceptiveField> rf = ReceptiveField.analytic(org.deepfig.model.Resnet50Layers.graph(224));
    assertThat(rf.get("relu")).isEqualTo(new ReceptiveField(7, 2, -3));
    assertThat(rf.get("maxpool")).isEqualTo(new ReceptiveField(11, 4, -5));
    assertThat(rf.get("layer1.0.conv2")).isEqualTo(new ReceptiveField(19, 4, -9));
    assertThat(rf.get("layer1.0.downsample.1")).isEqualTo(new ReceptiveField(11, 4, -5));
    assertThat(rf.get("layer1.0.relu3")).isEqualTo(new ReceptiveField(19, 4, -9));
    assertThat(rf.get("layer1.2.relu3")).isEqualTo(new ReceptiveField(35, 4, -17));
    assertThat(rf.get("layer2.0.conv2")).isEqualTo(new ReceptiveField(43, 8, -21));
    assertThat(rf.get("layer2.0.downsample.0")).isEqualTo(new ReceptiveField(35, 8, -17));
    assertThat(rf.get("layer2.0.relu3")).isEqualTo(new ReceptiveField(43, 8, -21));
    // layer2.0.conv2's unit (3, 5) sees rows −21 + 3·8 = 3 … 45 and columns −21 + 5·8 = 19 … 61
    assertThat(rf.get("layer2.0.conv2").clipped(3, 5, 224, 224)).containsExactly(3, 19, 46, 62);
    // the global average pool and the classifier have no field; every spatial layer has one
    assertThat(rf).doesNotContainKeys("avgpool", "fc").hasSize(156);
  }

  @ParameterizedTest
  @EnumSource(value = Arch.class, names = {"LENET5", "VGG", "RESNET"})
  void gradientSupportEqualsTheAnalyticFieldForEverySpatialLayer(Arch arch) {
    Shape in = arch == Arch.LENET5 ? new Shape(1, 28, 28) : new Shape(3, 32, 32);
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Net net = net(m, arch, in);
      Map<String, ReceptiveField> rf = ReceptiveField.analytic(net.graph());
      Probe probe = new Probe(net, m);
      for (LayerNode n : net.graph().layers()) {
        if (!rf.containsKey(n.name())) continue;
        int y = (int) n.outputShape().get(1) / 2;
        int x = (int) n.outputShape().get(2) / 2;
        int[] measured = GradientSupport.of(probe, in, n.name(), y, x, 48, 7);
        int[] derived = rf.get(n.name()).clipped(y, x, (int) in.get(1), (int) in.get(2));
        assertThat(measured).as(arch + " " + n.name()).containsExactly(derived);
        ReceptiveField derivedField = rf.get(n.name());
        if (derivedField.size() <= in.get(1) / 2) { // the centre unit's field fits in the image: measured exactly
          assertThat(GradientSupport.field(probe, in, n.name(), (int) n.outputShape().get(1),
              (int) n.outputShape().get(2), 7)).as(arch + " " + n.name() + " measured field").isEqualTo(derivedField);
        }
      }
    }
  }
}
