package org.deepfig.model;

import ai.djl.Device;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What makes a CUDA run repeatable, applied when the device is a GPU and recorded in the manifest:
 * <ul>
 *   <li>cuDNN's benchmark autotuning off ({@code torch.backends.cudnn.benchmark = False}): it picks kernels by
 *       timing them, so two runs may pick different ones. DJL exposes the switch ({@code JniUtils.setBenchmarkCuDNN});
 *   <li>{@code CUBLAS_WORKSPACE_CONFIG=:4096:8}, which cuBLAS reads when CUDA starts, so it must be in the
 *       environment before the JVM starts: the launcher {@code ./deepfig} exports it, and a GPU run without it says
 *       so in one line;
 *   <li>cuDNN's deterministic mode ({@code torch.backends.cudnn.deterministic}) and
 *       {@code torch.use_deterministic_algorithms}: DJL 0.36's JNI has no switch for either, so they stay off and the
 *       manifest says so; figures whose backward pass uses non-deterministic CUDA kernels (atomic adds in
 *       convolution and pooling gradients) may then differ in the last bits between two GPU runs, which is what
 *       {@code scripts/gpu-check.sh} measures.
 * </ul>
 * On a CPU nothing is applied or recorded: CPU runs do not depend on any of it.
 */
public final class GpuDeterminism {
  public static final String CUBLAS = "CUBLAS_WORKSPACE_CONFIG";
  public static final String CUBLAS_VALUE = ":4096:8";

  private GpuDeterminism() {}

  /** Applies the settings on a GPU device and returns what the manifest records (empty on a CPU). */
  public static Map<String, String> apply(Device device, Map<String, String> env) {
    if (!Device.Type.GPU.equals(device.getDeviceType())) return Map.of();
    ai.djl.pytorch.jni.JniUtils.setBenchmarkCuDNN(false);
    return settings(env);
  }

  /** The record for a GPU run, from the process environment {@code env}. */
  public static Map<String, String> settings(Map<String, String> env) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("cudnn_benchmark", "false");
    m.put("cudnn_deterministic", "not settable through DJL 0.36 (no JNI switch); GPU figures are compared within a "
        + "tolerance by scripts/gpu-check.sh");
    String cublas = env.get(CUBLAS);
    m.put(CUBLAS, cublas == null || cublas.isBlank() ? "unset" : cublas);
    return m;
  }

  /** One warning line for a GPU run whose environment lacks the cuBLAS setting, or null. */
  public static String warning(Map<String, String> recorded) {
    if (!"unset".equals(recorded.get(CUBLAS))) return null;
    return "warning: " + CUBLAS + " is not set, so cuBLAS may pick non-deterministic reductions: export " + CUBLAS
        + "=" + CUBLAS_VALUE + " before starting deepfig (./deepfig does)";
  }
}
