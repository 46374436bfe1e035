package org.deepfig.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.deepfig.UserError;
import org.deepfig.probe.Activations;
import org.deepfig.probe.Probe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A TorchScript CNN through DJL against PyTorch's own numbers for the same input (see TorchScriptFixture). */
@Tag("slow")
class TorchScriptNetworkTest {
  static final List<String> TEN = IntStream.range(0, 10).mapToObj(i -> "c" + i).toList();
  static final Shape BATCH = new Shape(2, 3, 32, 32);
  static final float[] HALF = {0.5f};
  static TorchScriptNetwork small;
  static TorchScriptNetwork bare;
  static NDManager manager;
  static JsonNode ref;

  @BeforeAll
  static void load() {
    Path d = TorchScriptFixture.dir();
    ref = TorchScriptFixture.reference();
    small = TorchScriptNetwork.load(d.resolve("small.pt"), Device.cpu(), new Shape(3, 32, 32), TEN, HALF, HALF);
    bare = TorchScriptNetwork.load(d.resolve("bare.pt"), Device.cpu(), new Shape(3, 32, 32), TEN, HALF, HALF);
    manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
  }

  @AfterAll
  static void close() {
    if (manager != null) manager.close();
    if (small != null) small.model().close();
    if (bare != null) bare.model().close();
  }

  static float[] input() {
    return TorchScriptFixture.floats(ref.get("input"));
  }

  static int[] targets() {
    return new int[] {ref.get("targets").get(0).asInt(), ref.get("targets").get(1).asInt()};
  }

  static void assertClose(float[] actual, float[] expected, float tol) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(tol));
    }
  }

  @Test
  void logitsEqualPyTorchsInEvalMode() {
    // BatchNorm's running statistics are far from a batch's own and Dropout is 0.5: train mode would not match
    float[] expected = TorchScriptFixture.floats(ref.get("logits"));
    assertClose(new Probe(small, manager).logits(input(), BATCH), expected, 1e-4f);
    assertClose(new Probe(bare, manager).logits(input(), BATCH), expected, 1e-4f);
    // twice: DJL must not have switched the module to train mode in between
    assertClose(new Probe(small, manager).logits(input(), BATCH), expected, 1e-4f);
  }

  @Test
  void inputGradientEqualsPyTorchs() {
    float[] expected = TorchScriptFixture.floats(ref.get("input_gradient"));
    float[] grad = new Probe(small, manager).inputGradient(input(), BATCH, l -> Probe.sumOfTargets(l, targets()));
    assertThat(maxAbs(expected)).isGreaterThan(1e-3f);
    assertClose(grad, expected, 1e-5f);
    assertClose(new Probe(bare, manager).inputGradient(input(), BATCH, l -> Probe.sumOfTargets(l, targets())),
        expected, 1e-5f);
    // logits after a gradient pass are still eval-mode logits
    assertClose(new Probe(small, manager).logits(input(), BATCH), TorchScriptFixture.floats(ref.get("logits")),
        1e-4f);
  }

  @Test
  void sidecarLayersAppearInTheGraphWithTheirShapes() {
    LayerGraph g = small.graph();
    assertThat(g.names()).containsExactly("conv1", "bn1", "relu1", "pool1", "conv2", "relu2", "gap", "flatten",
        "drop", "fc");
    assertThat(g.inputShape()).isEqualTo(new Shape(3, 32, 32));
    LayerNode conv2 = g.layer("conv2");
    assertThat(conv2.kind()).isEqualTo(LayerKind.CONV);
    assertThat(conv2.outputShape()).isEqualTo(new Shape(8, 8, 8)); // 32 → pool 16 → 3×3 stride 2 pad 1 → 8
    assertThat(conv2.geometry()).isEqualTo(new Geometry(3, 2, 1, 1));
    assertThat(conv2.parameters()).isEqualTo(6 * 8 * 9 + 8);
    assertThat(conv2.inputs()).containsExactly("pool1");
    assertThat(g.layer("conv1").inputs()).isEmpty();
    assertThat(g.layer("bn1").kind()).isEqualTo(LayerKind.BATCH_NORM);
    assertThat(g.layer("gap").kind()).isEqualTo(LayerKind.GLOBAL_AVG_POOL);
    assertThat(g.layer("flatten").geometry()).isNull();
    assertThat(g.output().name()).isEqualTo("fc"); // fc's output is the logits: no extra node
    assertThat(g.output().outputShape()).isEqualTo(new Shape(10));
    assertThat(g.totalParameters()).isEqualTo(456 + 12 + 440 + 90);
    assertThat(small.visibilityNote()).isNull();
    assertThat(small.imported()).isTrue();
  }

  @Test
  void tappedLayersReturnTheirActivations() {
    Activations a = new Probe(small, manager).activations(input(), BATCH, List.of("conv2", "relu2", "fc"));
    float[] conv2 = TorchScriptFixture.floats(ref.get("conv2"));
    assertThat(a.shape("conv2")).isEqualTo(new Shape(2, 8, 8, 8));
    assertClose(a.of("conv2"), conv2, 1e-5f);
    float[] relu = a.of("relu2");
    for (int i = 0; i < relu.length; i++) assertThat(relu[i]).isCloseTo(Math.max(0f, conv2[i]), within(1e-5f));
    assertClose(a.of("fc"), TorchScriptFixture.floats(ref.get("logits")), 1e-4f);
  }

  @Test
  void gradientWithRespectToAHiddenLayerEqualsPyTorchs() {
    Probe.LayerGradient lg = new Probe(small, manager).layerGradient(input(), BATCH, "conv2",
        l -> Probe.sumOfTargets(l, targets()));
    assertThat(lg.shape()).isEqualTo(new Shape(2, 8, 8, 8));
    assertClose(lg.activation(), TorchScriptFixture.floats(ref.get("conv2")), 1e-5f);
    float[] expected = TorchScriptFixture.floats(ref.get("conv2_gradient"));
    assertThat(maxAbs(expected)).isGreaterThan(1e-3f);
    assertClose(lg.gradient(), expected, 1e-6f);
    assertClose(lg.logits(), TorchScriptFixture.floats(ref.get("logits")), 1e-4f);
  }

  @Test
  void aReplacedActivationReachesTheLogits() {
    // zeroing conv2 through a tap: relu2 → gap → fc sees zeros, so the logits are fc's bias for every image
    try (NDManager m = manager.newSubManager()) {
      var x = m.create(input(), BATCH);
      float[] logits = small.forward(new ai.djl.training.ParameterStore(m, false), x, false,
          (layer, in, out) -> layer.name().equals("conv2") ? out.zerosLike() : out).toFloatArray();
      for (int k = 0; k < 10; k++) assertThat(logits[k]).isCloseTo(logits[10 + k], within(1e-6f));
      float[] normal = new Probe(small, manager).logits(input(), BATCH);
      assertThat(logits[0]).isNotCloseTo(normal[0], within(1e-3f));
    }
  }

  @Test
  void layerWeightsAreReadFromTheModulesNamedParameters() {
    var w = small.layerWeight("conv1").orElseThrow();
    assertThat(w.getShape()).isEqualTo(new Shape(6, 3, 5, 5));
    assertClose(w.toFloatArray(), TorchScriptFixture.floats(ref.get("conv1_weight")), 1e-7f);
    assertThat(bare.layerWeight("conv1")).as("a plain trace: parameters named without the wrapper").isPresent();
    assertThat(small.layerWeight("relu1")).isEmpty();
  }

  @Test
  void layerParametersAreTheModulesOwnTensorsSoWritingThemChangesTheModel() {
    List<ai.djl.ndarray.NDArray> conv1 = small.layerParameters("conv1");
    assertThat(conv1).extracting(a -> a.getShape()).containsExactly(new Shape(6, 3, 5, 5), new Shape(6));
    assertThat(small.layerParameters("bn1")).hasSize(2); // scale and shift; running statistics are buffers
    assertThat(small.layerParameters("relu1")).isEmpty();
    Probe probe = new Probe(small, manager);
    float[] before = probe.logits(input(), BATCH);
    float[] weight = conv1.get(0).toFloatArray();
    conv1.get(0).set(new float[weight.length]);
    assertThat(probe.logits(input(), BATCH)).isNotEqualTo(before);
    small.layerParameters("conv1").get(0).set(weight);
    assertThat(probe.logits(input(), BATCH)).containsExactly(before);
  }

  @Test
  void withoutSidecarOnlyLogitsAreVisibleAndAnalysesSayHowToFixIt() {
    LayerGraph g = bare.graph();
    assertThat(g.names()).containsExactly("logits");
    assertThat(g.output().outputShape()).isEqualTo(new Shape(10));
    assertThat(g.totalParameters()).isEqualTo(998);
    assertThat(bare.visibilityNote()).contains("scripts/export_torchscript.py --layers").contains("Grad-CAM");
    assertThatThrownBy(() -> bare.requireLayers("activations", List.of("conv1")))
        .isInstanceOf(UserError.class)
        .satisfies(e -> assertThat(((UserError) e).oneLine()).contains("no layer named conv1")
            .contains("use one of: logits").contains("scripts/export_torchscript.py --layers"));
    assertThat(Capabilities.missingNote(bare, "Activations", "a convolution layer", n -> n.kind() == LayerKind.CONV))
        .contains("--layers");
    assertThat(Capabilities.missingNote(small, "Activations", "a convolution layer",
        n -> n.kind() == LayerKind.CONV)).isNull();
    assertThat(Capabilities.weightsNote(small, "Filters", "conv1")).isNull();
    assertThat(Capabilities.weightsNote(small, "Filters", "relu1")).contains("TorchScript");
    small.requireLayers("activations", List.of("conv1", "fc"));
  }

  @Test
  void aCorruptOrMissingFileIsAUserError(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Path corrupt = Files.writeString(tmp.resolve("model.pt"), "not a TorchScript archive");
    assertThatThrownBy(() -> TorchScriptNetwork.load(corrupt, Device.cpu(), new Shape(3, 32, 32), TEN, HALF, HALF))
        .isInstanceOf(UserError.class).hasMessageContaining("not a TorchScript archive");
    assertThatThrownBy(() -> TorchScriptNetwork.load(tmp.resolve("nope.pt"), Device.cpu(), new Shape(3, 32, 32),
        TEN, HALF, HALF)).isInstanceOf(UserError.class).hasMessageContaining("not found");
  }

  static float maxAbs(float[] v) {
    float m = 0;
    for (float f : v) m = Math.max(m, Math.abs(f));
    return m;
  }
}
