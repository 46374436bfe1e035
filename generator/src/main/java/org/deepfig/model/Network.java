package org.deepfig.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Optional;

/**
 * A classifier deepfig can look inside: a forward pass with {@link Taps} on named layers, and its layer graph.
 * Zoo networks ({@link Net}) and imported TorchScript models both implement it; input is a batch of images in [0, 1]
 * (N×C×H×W) — normalisation happens inside, so gradients are with respect to the pixels the user sees.
 */
public interface Network {
  /** The DJL block to train or save; its parameters are the network's. */
  Block block();

  /** Forward pass returning logits (N×classes), calling {@code taps} on each visible layer's output. */
  NDArray forward(ParameterStore ps, NDArray images, boolean training, Taps taps);

  LayerGraph graph();

  List<String> classNames();

  /** The DJL block of a named layer, for its weights; empty when the model does not expose it. */
  default Optional<Block> layerBlock(String name) {
    return Optional.empty();
  }

  /**
   * A named layer's weight tensor (a convolution's out×in×k×k, a linear layer's out×in), read-only; empty when the
   * layer has none or the model does not expose it.
   */
  default Optional<NDArray> layerWeight(String name) {
    return layerBlock(name).map(b -> b.getParameters().get("weight")).filter(p -> p.isInitialized())
        .map(p -> p.getArray());
  }

  /**
   * A named layer's parameter tensors (weight, bias, …, in the model's order), live: writing into them changes the
   * network. Empty when the layer has none or the model does not expose them.
   */
  default List<NDArray> layerParameters(String name) {
    return layerBlock(name).map(b -> b.getParameters().values().stream().map(p -> p.getArray()).toList())
        .orElse(List.of());
  }

  /** Whether the network was loaded from a file (not built and trained by deepfig); see {@link Capabilities}. */
  default boolean imported() {
    return false;
  }

  /** Throws a {@code UserError} unless every named layer is visible; see {@link Capabilities#requireLayers}. */
  default void requireLayers(String analysis, java.util.Collection<String> layers) {
    Capabilities.requireLayers(this, analysis, layers);
  }

  /**
   * Bytes one image's forward pass holds at once, at most: the input and every layer's output in float32 (a DJL
   * block's intermediate arrays live until its manager closes); {@code taps} when the pass records layers. What
   * {@link org.deepfig.probe.BatchBudget} divides its budget by.
   */
  default long bytesPerImage(boolean taps) {
    long values = graph().inputShape().size();
    for (LayerNode n : graph().layers()) values += n.outputShape().size();
    return 4 * values;
  }

  /** Why some layers are not visible (an imported model exported without its layers), or null if all are. */
  default String visibilityNote() {
    return null;
  }
}
