package org.deepfig.analysis.transfer;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.List;
import org.deepfig.model.Network;

/**
 * Copies the parameters of named layers from one network into another of the same architecture, in place (the
 * arrays keep their identity, so a trainer that already holds them sees the new values), and freezes them or leaves
 * them trainable.
 */
final class LayerCopy {
  private LayerCopy() {}

  /**
   * Copies every parameter of {@code layers} from {@code from} into {@code to}; frozen ones stop taking gradients
   * (the optimiser then leaves them alone), others keep what their layer had (running statistics never train).
   */
  static void copy(Network from, Network to, List<String> layers, boolean freeze) {
    for (String layer : layers) {
      Block src = from.layerBlock(layer).orElseThrow(() -> new IllegalStateException("no layer " + layer));
      Block dst = to.layerBlock(layer).orElseThrow(() -> new IllegalStateException("no layer " + layer));
      var srcParams = src.getParameters();
      var dstParams = dst.getParameters();
      for (int i = 0; i < srcParams.size(); i++) {
        Pair<String, Parameter> s = srcParams.get(i);
        Parameter d = dstParams.get(i).getValue();
        copyValues(s.getValue().getArray(), d.getArray());
        if (freeze) d.freeze(true);
      }
    }
  }

  private static void copyValues(NDArray src, NDArray dst) {
    if (!src.getShape().equals(dst.getShape())) {
      throw new IllegalStateException("parameter shapes differ: " + src.getShape() + " vs " + dst.getShape());
    }
    dst.set(src.toFloatArray());
  }
}
