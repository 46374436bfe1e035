package org.deepfig.analysis.architecture;

import ai.djl.ndarray.types.Shape;
import org.deepfig.model.LayerGraph;
import org.deepfig.model.LayerKind;
import org.deepfig.model.LayerNode;

/**
 * Multiply-accumulate operations of one forward pass of one image: a convolution does H_out·W_out·C_out·C_in·k²,
 * a linear layer in·out; other layers are counted as free (they are cheap beside these).
 */
public final class Macs {
  private Macs() {}

  public static long of(LayerGraph g, LayerNode n) {
    if (n.kind() == LayerKind.CONV) {
      Shape out = n.outputShape();
      long inChannels = inputShape(g, n).get(0);
      long k = n.geometry().kernel();
      return out.get(0) * out.get(1) * out.get(2) * inChannels * k * k;
    }
    if (n.kind() == LayerKind.LINEAR) return inputShape(g, n).size() * n.outputShape().get(0);
    return 0;
  }

  static Shape inputShape(LayerGraph g, LayerNode n) {
    if (n.inputs().isEmpty()) return g.inputShape();
    String first = n.inputs().get(0);
    return first.equals("input") ? g.inputShape() : g.layer(first).outputShape();
  }

  public static long total(LayerGraph g) {
    long s = 0;
    for (LayerNode n : g.layers()) s += of(g, n);
    return s;
  }
}
