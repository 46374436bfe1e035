package org.deepfig.analysis.saliency;

import org.deepfig.analysis.saliency.SaliencySpec.Method;

/**
 * One attribution method (a strategy). {@link #attribute} returns, for each of the n images, a map over the
 * input (n × C × H × W, same layout as the images) or, for coarse methods, already reduced to n × H × W. What each
 * method is (its name, whether its maps are signed, what it needs of the network) is stated here once, by the
 * {@link Method} it computes.
 */
interface Attribution {
  /** The method this computes. */
  Method method();

  /** The method's name as configs and figures spell it. */
  default String name() {
    return method().toString();
  }

  /** Whether the map has a meaningful sign (shown in a diverging colour map) or is a magnitude. */
  default boolean signed() {
    return switch (method()) {
      case GRADIENT_TIMES_INPUT, OCCLUSION, INTEGRATED_GRADIENTS -> true;
      case GRADIENT, GUIDED_BACKPROP, DECONVNET, SMOOTHGRAD, GRAD_CAM, GUIDED_GRAD_CAM -> false;
    };
  }

  /** Whether it needs to see inside the network (layer blocks, ReLUs); imported models may not allow that. */
  default boolean needsInternals() {
    return switch (method()) {
      case GUIDED_BACKPROP, DECONVNET, GRAD_CAM, GUIDED_GRAD_CAM -> true;
      case GRADIENT, GRADIENT_TIMES_INPUT, OCCLUSION, SMOOTHGRAD, INTEGRATED_GRADIENTS -> false;
    };
  }

  /**
   * Whether it runs the network's layer blocks one by one (a modified backward pass): a TorchScript model shows its
   * layers' outputs but not their blocks, so these methods cannot run on it.
   */
  default boolean needsLayerBlocks() {
    return switch (method()) {
      case GUIDED_BACKPROP, DECONVNET, GUIDED_GRAD_CAM -> true;
      case GRADIENT, GRADIENT_TIMES_INPUT, OCCLUSION, SMOOTHGRAD, INTEGRATED_GRADIENTS, GRAD_CAM -> false;
    };
  }

  /** n × H × W maps for display and scoring. */
  float[] attribute(SaliencyContext s, float[] images, int n, int[] targets);
}
