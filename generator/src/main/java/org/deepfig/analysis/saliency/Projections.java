package org.deepfig.analysis.saliency;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.deepfig.model.Network;

/** Zeiler & Fergus's projection of single units back to pixel space, for figures outside this package. */
public final class Projections {
  private Projections() {}

  /**
   * Guided backpropagation (Springenberg et al. 2015) of one unit per image, {@code layer}'s channel
   * {@code channel[i]} at ({@code y[i]}, {@code x[i]}) for image i, to the pixels: n × C × H × W.
   */
  public static float[] guided(Network network, NDManager manager, float[] images, Shape batchShape, float[] std,
      String layer, int[] channel, int[] y, int[] x) {
    return ModifiedBackprop.ofUnits(network, manager, images, batchShape, std, layer, channel, y, x,
        ModifiedBackprop.Rule.GUIDED);
  }

  /** Whether {@code network} lets a modified backward pass run layer by layer (zoo models do, TorchScript not). */
  public static boolean supported(Network network) {
    return network.visibilityNote() == null && network.graph().layers().stream()
        .filter(l -> l.kind() != org.deepfig.model.LayerKind.RELU && l.kind() != org.deepfig.model.LayerKind.ADD)
        .allMatch(l -> network.layerBlock(l.name()).isPresent());
  }
}
