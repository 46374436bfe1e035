package org.deepfig.probe;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.FloatBuffer;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.deepfig.model.LayerNode;
import org.deepfig.model.Network;
import org.deepfig.model.Taps;

/**
 * The one primitive every analysis uses: a forward pass with taps. Activations of named layers for a batch, and
 * gradients of a scalar objective with respect to the input or to a hidden layer. Each call opens its own
 * sub-manager and returns plain Java arrays, so no native memory outlives it. Gradients are taken inside {@link
 * ConvKernels#forGradients}, which makes them right on CPUs where oneDNN's convolution backward is not.
 */
public final class Probe {
  private final Network network;
  private final NDManager parent;

  public Probe(Network network, NDManager parent) {
    this.network = network;
    this.parent = parent;
  }

  public Network network() {
    return network;
  }

  /** The manager each call opens its sub-manager under (for callers' own short tensor work on the same device). */
  public NDManager manager() {
    return parent;
  }

  /** Forward pass of {@code images} (N×C×H×W, values in [0, 1]) recording {@code layers}. */
  public Activations activations(float[] images, Shape batchShape, Collection<String> layers) {
    org.deepfig.StopSignal.check(); // a signal stops the run here, outside native code
    Set<String> wanted = Set.copyOf(layers);
    try (NDManager m = parent.newSubManager()) {
      NDArray x = m.create(FloatBuffer.wrap(images), batchShape);
      Map<String, float[]> values = new LinkedHashMap<>();
      Map<String, Shape> shapes = new LinkedHashMap<>();
      NDArray logits = network.forward(new ParameterStore(m, false), x, false, (layer, in, out) -> {
        if (wanted.contains(layer.name())) {
          values.put(layer.name(), out.toFloatArray());
          shapes.put(layer.name(), out.getShape());
        }
        return out;
      });
      return new Activations(values, shapes, logits.toFloatArray(), (int) batchShape.get(0));
    }
  }

  /** Logits for a batch (N×classes, row-major). */
  public float[] logits(float[] images, Shape batchShape) {
    org.deepfig.StopSignal.check(); // a signal stops the run here, outside native code
    try (NDManager m = parent.newSubManager()) {
      NDArray x = m.create(FloatBuffer.wrap(images), batchShape);
      return network.forward(new ParameterStore(m, false), x, false, Taps.NONE).toFloatArray();
    }
  }

  /**
   * The gradient of {@code objective(logits)} (a scalar, e.g. the sum over the batch of each image's target logit)
   * with respect to the input images; same layout as {@code images}.
   */
  public float[] inputGradient(float[] images, Shape batchShape, Function<NDArray, NDArray> objective) {
    return inputGradient(images, batchShape, objective, Taps.NONE);
  }

  /** As {@link #inputGradient(float[], Shape, Function)}, with taps (e.g. to modify the backward path). */
  public float[] inputGradient(float[] images, Shape batchShape, Function<NDArray, NDArray> objective, Taps taps) {
    org.deepfig.StopSignal.check(); // a signal stops the run here, outside native code
    return ConvKernels.withGradients(parent.getDevice(), () -> takeInputGradient(images, batchShape, objective, taps));
  }

  private float[] takeInputGradient(float[] images, Shape batchShape, Function<NDArray, NDArray> objective,
      Taps taps) {
    try (NDManager m = parent.newSubManager()) {
      NDArray x = m.create(FloatBuffer.wrap(images), batchShape);
      x.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDArray logits = network.forward(new ParameterStore(m, false), x, false, taps);
        gc.backward(objective.apply(logits));
      }
      return x.getGradient().toFloatArray();
    }
  }

  /** A hidden layer's activation and the gradient of the objective with respect to it (e.g. for Grad-CAM). */
  public record LayerGradient(float[] activation, float[] gradient, Shape shape, float[] logits) {}

  public LayerGradient layerGradient(float[] images, Shape batchShape, String layer,
      Function<NDArray, NDArray> objective) {
    org.deepfig.StopSignal.check(); // a signal stops the run here, outside native code
    return ConvKernels.withGradients(parent.getDevice(), () -> takeLayerGradient(images, batchShape, layer,
        objective));
  }

  private LayerGradient takeLayerGradient(float[] images, Shape batchShape, String layer,
      Function<NDArray, NDArray> objective) {
    try (NDManager m = parent.newSubManager()) {
      NDArray x = m.create(FloatBuffer.wrap(images), batchShape);
      NDArray[] leaf = new NDArray[1];
      try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDArray logits = network.forward(new ParameterStore(m, false), x, false, (LayerNode node, NDArray in,
            NDArray out) -> {
          if (!node.name().equals(layer)) return out;
          // a fresh leaf carrying the same values: the rest of the network reads it, so backward reaches it
          NDArray l = out.stopGradient();
          l.setRequiresGradient(true);
          leaf[0] = l;
          return l;
        });
        if (leaf[0] == null) throw new IllegalArgumentException("no layer " + layer + " in the forward pass");
        gc.backward(objective.apply(logits));
        return new LayerGradient(leaf[0].toFloatArray(), leaf[0].getGradient().toFloatArray(), leaf[0].getShape(),
            logits.toFloatArray());
      }
    }
  }

  /** Picks each row's {@code targets[i]} entry of N×K logits and sums them: the usual attribution objective. */
  public static NDArray sumOfTargets(NDArray logits, int[] targets) {
    NDManager m = logits.getManager();
    NDArray oneHot = m.create(targets).oneHot((int) logits.getShape().get(1)).toType(logits.getDataType(), false);
    return logits.mul(oneHot).sum();
  }
}
