package org.deepfig.model;

import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

/**
 * The layers of a network in forward order, with shapes, parameter counts, geometry and edges. Residual
 * connections appear as layers with two inputs, so nothing downstream assumes a plain chain.
 */
public final class LayerGraph {
  private final Shape inputShape;
  private final List<LayerNode> layers;
  private final Map<String, LayerNode> byName = new LinkedHashMap<>();

  public LayerGraph(Shape inputShape, List<LayerNode> layers) {
    this.inputShape = inputShape;
    this.layers = List.copyOf(layers);
    for (LayerNode n : this.layers) {
      if (byName.put(n.name(), n) != null) throw new IllegalArgumentException("duplicate layer " + n.name());
    }
  }

  /** The shape of one input image (C, H, W). */
  public Shape inputShape() {
    return inputShape;
  }

  public List<LayerNode> layers() {
    return layers;
  }

  public boolean contains(String name) {
    return byName.containsKey(name);
  }

  public LayerNode layer(String name) {
    LayerNode n = byName.get(name);
    if (n == null) throw new NoSuchElementException("no layer named " + name + "; layers: " + byName.keySet());
    return n;
  }

  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  public List<LayerNode> select(Predicate<LayerNode> p) {
    return layers.stream().filter(p).toList();
  }

  public List<LayerNode> ofKind(LayerKind kind) {
    return select(n -> n.kind() == kind);
  }

  public long totalParameters() {
    return layers.stream().mapToLong(LayerNode::parameters).sum();
  }

  /** The last layer: the logits. */
  public LayerNode output() {
    return layers.get(layers.size() - 1);
  }
}
