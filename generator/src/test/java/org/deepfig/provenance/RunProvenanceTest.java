package org.deepfig.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's provenance table and the manifest's versions come from one value. */
class RunProvenanceTest {
  static Map<String, String> versions() {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("deepfig", "0.1.0");
    v.put("pytorch", "2.7.1");
    v.put(Versions.ONEDNN_ISA, "AVX");
    return v;
  }

  @Test
  void theRowsAreTheHashesTheCommitTheDeviceThenTheVersionsInOrder() {
    RunProvenance p = new RunProvenance("c0", "p0", null, "cpu()", versions());
    assertThat(p.rows()).containsExactly(Map.entry("Config sha256", "c0"), Map.entry("Checkpoint sha256", "p0"),
        Map.entry("Git commit", "not in a git work tree"), Map.entry("Device", "cpu()"),
        Map.entry("deepfig", "0.1.0"), Map.entry("pytorch", "2.7.1"), Map.entry("DNNL_MAX_CPU_ISA", "AVX"));
    assertThat(new RunProvenance("c0", "p0", "abc-dirty", "cpu()", versions()).rows())
        .containsEntry("Git commit", "abc-dirty");
  }

  @Test
  void theManifestsVersionsAddTheGpuSettingsInForce() {
    RunProvenance p = new RunProvenance("c0", "p0", null, "gpu(0)", versions());
    assertThat(p.manifestVersions(Map.of("CUBLAS_WORKSPACE_CONFIG", ":4096:8")))
        .containsExactly(Map.entry("deepfig", "0.1.0"), Map.entry("pytorch", "2.7.1"),
            Map.entry("DNNL_MAX_CPU_ISA", "AVX"), Map.entry("gpu.CUBLAS_WORKSPACE_CONFIG", ":4096:8"));
    assertThat(p.manifestVersions(Map.of())).isEqualTo(versions());
  }
}
