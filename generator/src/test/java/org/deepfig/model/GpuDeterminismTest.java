package org.deepfig.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CUDA determinism record, without a GPU: nothing on a CPU, the settings and their gaps on a GPU. */
class GpuDeterminismTest {
  @Test
  void aCpuRunAppliesAndRecordsNothing() {
    assertThat(GpuDeterminism.apply(Device.cpu(), Map.of(GpuDeterminism.CUBLAS, ":4096:8"))).isEmpty();
  }

  @Test
  void aGpuRunRecordsBenchmarkOffTheCublasWorkspaceAndThatCudnnDeterminismCannotBeSet() {
    Map<String, String> s = GpuDeterminism.settings(Map.of(GpuDeterminism.CUBLAS, ":4096:8"));
    assertThat(s).containsEntry("cudnn_benchmark", "false").containsEntry(GpuDeterminism.CUBLAS, ":4096:8");
    assertThat(s.get("cudnn_deterministic")).startsWith("not settable through DJL 0.36");
    assertThat(GpuDeterminism.warning(s)).isNull();
    Map<String, String> unset = GpuDeterminism.settings(Map.of());
    assertThat(unset).containsEntry(GpuDeterminism.CUBLAS, "unset");
    assertThat(GpuDeterminism.warning(unset)).isEqualTo("warning: CUBLAS_WORKSPACE_CONFIG is not set, so cuBLAS may "
        + "pick non-deterministic reductions: export CUBLAS_WORKSPACE_CONFIG=:4096:8 before starting deepfig "
        + "(./deepfig does)");
  }
}
