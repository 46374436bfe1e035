package org.deepfig.model;

import ai.djl.ndarray.NDArray;

/**
 * A hook on every layer's output during a forward pass: record activations, or replace an output (for example by a
 * leaf that requires a gradient, to take gradients with respect to a hidden layer). The probe's one primitive.
 */
@FunctionalInterface
public interface Taps {
  Taps NONE = (layer, input, output) -> output;

  /**
   * Called after {@code layer} computed {@code output} from {@code input}; returns the array the rest of the network
   * sees (usually {@code output} itself).
   */
  NDArray tap(LayerNode layer, NDArray input, NDArray output);
}
