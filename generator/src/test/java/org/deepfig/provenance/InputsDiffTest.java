package org.deepfig.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Two manifests that differ in one input: that input, and only it, is named. */
class InputsDiffTest {
  static final String MANIFEST = """
      {
        "config": {"title": "t", "seed": 3, "data": {"source": "shapes", "train_size": 300},
                   "train": {"epochs": 2, "batch_size": 32}, "figures": [{"kind": "confusion"}]},
        "config_sha256": "c0",
        "device": "cpu()",
        "versions": {"deepfig": "0.1.0", "java": "17", "djl": "0.36.0", "pytorch": "2.7.1",
                     "DNNL_MAX_CPU_ISA": "AVX"},
        "data": {"name": "shapes", "files": []},
        "checkpoint": {"cache_key": "k0", "sha256": "p0",
                       "inputs": {"code": "f0", "training_code": 1, "seed": 3,
                                  "numerics": {"device": "cpu()", "onednn_isa": "AVX", "pytorch": "2.7.1"}}},
        "figures": [{"id": "confusion", "inputs_sha256": "i0", "files": []}]
      }
      """;

  static ObjectNode manifest() throws Exception {
    return (ObjectNode) RunManifest.mapper().readTree(MANIFEST);
  }

  static List<InputsDiff.Difference> differing(Consumer<ObjectNode> edit) throws Exception {
    ObjectNode b = manifest();
    edit.accept(b);
    return InputsDiff.between(manifest(), b);
  }

  @Test
  void identicalManifestsDifferInNothing() throws Exception {
    assertThat(InputsDiff.between(manifest(), manifest())).isEmpty();
  }

  @Test
  void aConfigSectionIsNamedWithWhereInItItDiffers() throws Exception {
    List<InputsDiff.Difference> d = differing(m -> ((ObjectNode) m.at("/config/train")).put("epochs", 3));
    assertThat(d).containsExactly(new InputsDiff.Difference("config section train", "/config/train/epochs", "2",
        "3"));
    assertThat(d.get(0).describe("the report", "the re-run"))
        .isEqualTo("config section train (/config/train/epochs): 2 in the report, 3 in the re-run");
    assertThat(differing(m -> ((ObjectNode) m.at("/config/figures/0")).put("kind", "metrics")))
        .extracting(InputsDiff.Difference::input).containsExactly("config section figures");
    assertThat(differing(m -> ((ObjectNode) m.get("config")).put("seed", 4)))
        .extracting(InputsDiff.Difference::input).containsExactly("config section seed");
  }

  @Test
  void eachInputOutsideTheConfigIsNamed() throws Exception {
    assertThat(differing(m -> ((ObjectNode) m.get("checkpoint")).put("sha256", "p1")))
        .containsExactly(new InputsDiff.Difference("checkpoint", "/checkpoint/sha256", "p0", "p1"));
    assertThat(differing(m -> ((ObjectNode) m.at("/checkpoint/inputs")).put("code", "f1")))
        .containsExactly(new InputsDiff.Difference("code", "/checkpoint/inputs/code", "f0", "f1"));
    assertThat(differing(m -> ((ObjectNode) m.get("versions")).put("pytorch", "2.5.1")))
        .containsExactly(new InputsDiff.Difference("libtorch", "/versions/pytorch", "2.7.1", "2.5.1"));
    assertThat(differing(m -> m.put("device", "gpu(0)")))
        .containsExactly(new InputsDiff.Difference("device", "/device", "cpu()", "gpu(0)"));
    assertThat(differing(m -> ((ObjectNode) m.get("versions")).put("DNNL_MAX_CPU_ISA", "unset")))
        .containsExactly(new InputsDiff.Difference("oneDNN cap", "/versions/DNNL_MAX_CPU_ISA", "AVX", "unset"));
    // recorded only where oneDNN's convolution gradients are routed around: its absence is an input too
    assertThat(differing(m -> ((ObjectNode) m.get("versions")).put("conv_gradients", Versions.CONV_GRADIENTS_NATIVE)))
        .containsExactly(new InputsDiff.Difference("convolution gradients", "/versions/conv_gradients", "nothing",
            Versions.CONV_GRADIENTS_NATIVE));
  }

  @Test
  void whatAManifestOfAnEarlierVersionDoesNotRecordIsNotCompared() throws Exception {
    assertThat(differing(m -> ((ObjectNode) m.get("checkpoint")).remove("inputs"))).isEmpty();
    // the environment that is not an input (the Java version) is left to verify's notes
    assertThat(differing(m -> ((ObjectNode) m.get("versions")).put("java", "21"))).isEmpty();
  }
}
