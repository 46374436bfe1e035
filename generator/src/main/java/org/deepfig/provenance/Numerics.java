package org.deepfig.provenance;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What decides a computation's floating-point results besides its inputs and deepfig's code: libtorch's version,
 * the device and oneDNN's kernel cap, and where oneDNN's convolution backward is wrong, that gradients are taken
 * without it. Part of the training and figure cache keys, so an entry made by other kernels is never taken for this
 * run's.
 *
 * @param convGradients {@link Versions#CONV_GRADIENTS_NATIVE} on a CPU whose oneDNN kernels are routed around; absent
 *     otherwise, so that keys made where the kernels are right stay as they were
 */
public record Numerics(String pytorch, String device, String onednnIsa,
    @JsonInclude(JsonInclude.Include.NON_NULL) String convGradients) {

  /**
   * This process's numerics on {@code device}.
   *
   * @param nativeConvGradients whether gradients of convolutions are taken with libtorch's own kernels (the probe
   *     decides it: {@code ConvKernels.route()})
   */
  public static Numerics of(Device device, boolean nativeConvGradients) {
    boolean cpu = Device.Type.CPU.equals(device.getDeviceType());
    return new Numerics(Engine.getEngine("PyTorch").getVersion(), device.toString(), Versions.onednnIsa(),
        cpu && nativeConvGradients ? Versions.CONV_GRADIENTS_NATIVE : null);
  }
}
