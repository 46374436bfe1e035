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
import org.deepfig.model.Network;
import org.deepfig.probe.ConvKernels;
import ai.djl.ndarray.types.Shape;

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
  public SaliencySpec.Method method() {
    return rule == Rule.GUIDED ? SaliencySpec.Method.GUIDED_BACKPROP : SaliencySpec.Method.DECONVNET;
  }

  @Override
  public float[] attribute(SaliencyContext s, float[] images, int n, int[] targets) {
    return s.reduce(raw(s, images, n, targets, rule), n, true);
  }

  /** The modified gradient of the target logits with respect to the pixels, n × C × H × W. */
  static float[] raw(SaliencyContext s, float[] images, int n, int[] targets, Rule rule) {
    List<LayerNode> layers = s.network().graph().layers();
    return walk(s.network(), s.manager(), images, s.shape(n), s.std(), layers.get(layers.size() - 1).name(),
        (m, out) -> m.create(targets).oneHot((int) out.getShape().get(1)).toType(out.getDataType(), false), rule);
  }

  /**
   * The modified gradient with respect to the pixels of one unit per image: {@code layer}'s channel
   * {@code channel[i]} at ({@code y[i]}, {@code x[i]}) for image i, n × C × H × W. With the guided rule this is
   * Zeiler & Fergus's projection of a unit back to pixel space (as drawn beside the top-9 patches).
   */
  static float[] ofUnits(Network network, NDManager manager, float[] images, Shape batchShape, float[] std,
      String layer, int[] channel, int[] y, int[] x, Rule rule) {
    return walk(network, manager, images, batchShape, std, layer, (m, out) -> {
      Shape os = out.getShape();
      int per = (int) (os.size() / os.get(0));
      int hw = (int) (os.get(2) * os.get(3));
      int w = (int) os.get(3);
      float[] g = new float[(int) os.size()];
      for (int i = 0; i < channel.length; i++) g[i * per + channel[i] * hw + y[i] * w + x[i]] = 1;
      return m.create(g, os).toType(out.getDataType(), false);
    }, rule);
  }

  /** The seed gradient at the start layer, given the layer's output. */
  interface Seed {
    NDArray of(NDManager m, NDArray layerOutput);
  }

  /** Backward from {@code start}'s output (seeded by {@code seed}) to the pixels, ReLUs by {@code rule}. */
  private static float[] walk(Network network, NDManager manager, float[] images, Shape batchShape, float[] stds,
      String start, Seed seed, Rule rule) {
    return ConvKernels.withGradients(manager.getDevice(), () -> walkWithGradients(network, manager, images,
        batchShape, stds, start, seed, rule));
  }

  private static float[] walkWithGradients(Network network, NDManager manager, float[] images, Shape batchShape,
      float[] stds, String start, Seed seed, Rule rule) {
    LayerGraph g = network.graph();
    try (NDManager m = manager.newSubManager()) {
      ParameterStore ps = new ParameterStore(m, false);
      Map<String, NDArray> inputs = new HashMap<>();
      Map<String, NDArray> outputs = new HashMap<>();
      NDArray x = m.create(FloatBuffer.wrap(images), batchShape);
      network.forward(ps, x, false, (node, in, out) -> {
        inputs.put(node.name(), in);
        if (node.name().equals(start)) outputs.put(node.name(), out);
        return out;
      });
      if (!outputs.containsKey(start)) throw new IllegalArgumentException("no layer " + start + " in the forward pass");
      Map<String, NDArray> grads = new HashMap<>();
      grads.put(start, seed.of(m, outputs.get(start)));
      List<LayerNode> layers = g.layers();
      int from = layers.indexOf(g.layer(start));
      for (int i = from; i >= 0; i--) {
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
          Block block = network.layerBlock(node.name()).orElseThrow(() -> new IllegalStateException(
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
      int n = (int) batchShape.get(0);
      int c = (int) batchShape.get(1);
      int hw = (int) (batchShape.get(2) * batchShape.get(3));
      for (int i = 0; i < n; i++) {
        for (int ch = 0; ch < c; ch++) {
          float std = stds[stds.length == 1 ? 0 : ch];
          for (int p = 0; p < hw; p++) gn[(i * c + ch) * hw + p] /= std;
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
