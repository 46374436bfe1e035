package org.deepfig.analysis.saliency;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deepfig.model.LayerGraph;
import org.deepfig.model.LayerKind;
import org.deepfig.model.LayerNode;

/**
 * Backpropagation with a modified ReLU rule, layer by layer through the graph (DJL's autograd has no hook for a
 * custom ReLU backward): each layer's input gradient is taken by autograd through that layer alone, except at
 * ReLUs, where guided backpropagation (Springenberg et al. 2015) passes the gradient only where both the forward
 * input and the incoming gradient are positive, and the deconvnet (Zeiler & Fergus 2014) only where the incoming
 * gradient is positive. A residual addition passes its gradient to both inputs.
 */
final class ModifiedBackprop implements Attribution {
  enum Rule { GUIDED, DECONVNET }

  private final Rule rule;

  ModifiedBackprop(Rule rule) {
    this.rule = rule;
  }

  @Override
  public String name() {
    return rule == Rule.GUIDED ? "guided backprop" : "deconvnet";
  }

  @Override
  public boolean signed() {
    return false;
  }

  @Override
  public boolean needsInternals() {
    return true;
  }

  @Override
  public boolean needsLayerBlocks() {
    return true;
  }

  @Override
  public float[] attribute(SaliencyContext s, float[] images, int n, int[] targets) {
    return s.reduce(raw(s, images, n, targets, rule), n, true);
  }

  /** The modified gradient with respect to the pixels, n × C × H × W. */
  static float[] raw(SaliencyContext s, float[] images, int n, int[] targets, Rule rule) {
    LayerGraph g = s.network().graph();
    try (NDManager m = s.manager().newSubManager()) {
      ParameterStore ps = new ParameterStore(m, false);
      Map<String, NDArray> inputs = new HashMap<>();
      NDArray x = m.create(FloatBuffer.wrap(images), s.shape(n));
      NDArray logits = s.network().forward(ps, x, false, (node, in, out) -> {
        inputs.put(node.name(), in);
        return out;
      });
      Map<String, NDArray> grads = new HashMap<>();
      List<LayerNode> layers = g.layers();
      grads.put(layers.get(layers.size() - 1).name(),
          m.create(targets).oneHot((int) logits.getShape().get(1)).toType(logits.getDataType(), false));
      for (int i = layers.size() - 1; i >= 0; i--) {
        LayerNode node = layers.get(i);
        NDArray gOut = grads.remove(node.name());
        if (gOut == null) continue;
        NDArray in = inputs.get(node.name());
        List<String> to = node.inputs().isEmpty() ? List.of("input") : node.inputs();
        if (node.kind() == LayerKind.ADD) {
          for (String t : to) accumulate(grads, t, gOut);
          continue;
        }
        NDArray gIn;
        if (node.kind() == LayerKind.RELU) {
          NDArray pass = gOut.gt(0).toType(gOut.getDataType(), false);
          if (rule == Rule.GUIDED) pass = pass.mul(in.gt(0).toType(gOut.getDataType(), false));
          gIn = gOut.mul(pass);
        } else {
          Block block = s.network().layerBlock(node.name()).orElseThrow(() -> new IllegalStateException(
              "layer " + node.name() + " is not visible"));
          NDArray leaf = in.stopGradient();
          leaf.setRequiresGradient(true);
          try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray out = block.forward(ps, new NDList(leaf), false).singletonOrThrow();
            gc.backward(out.mul(gOut.stopGradient()).sum());
          }
          gIn = leaf.getGradient().duplicate();
        }
        accumulate(grads, to.get(0), gIn);
      }
      // the first layer saw the normalised image (x − mean) / std: ∂/∂x = ∂/∂x_n / std
      float[] gn = grads.get("input").toFloatArray();
      int hw = s.h() * s.w();
      for (int i = 0; i < n; i++) {
        for (int ch = 0; ch < s.c(); ch++) {
          float std = s.std()[s.std().length == 1 ? 0 : ch];
          for (int p = 0; p < hw; p++) gn[(i * s.c() + ch) * hw + p] /= std;
        }
      }
      return gn;
    }
  }

  private static void accumulate(Map<String, NDArray> grads, String name, NDArray g) {
    NDArray prev = grads.get(name);
    grads.put(name, prev == null ? g : prev.add(g));
  }
}
