package org.deepfig.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import java.util.Map;

/**
 * He et al. (2016) basic block: {@code relu(body(x) + shortcut(x))}, where the shortcut is the identity or a 1×1
 * projection. The addition and the final ReLU are layers of their own ({@code res1.add}, {@code res1.relu}) so
 * analyses can tap them like any other.
 */
final class ResidualBlock extends AbstractBlock {
  private final String name;
  private final List<Leaf> body;
  private final List<Leaf> shortcut;
  private final Leaf add;
  private final Leaf relu;

  ResidualBlock(String name, List<Leaf> body, List<Leaf> shortcut, Leaf add, Leaf relu) {
    this.name = name;
    this.body = List.copyOf(body);
    this.shortcut = List.copyOf(shortcut);
    this.add = add;
    this.relu = relu;
    for (Leaf l : body) addChildBlock(shortName(l), l.block());
    for (Leaf l : shortcut) addChildBlock(shortName(l), l.block());
    addChildBlock(shortName(relu), relu.block());
  }

  private String shortName(Leaf l) {
    return l.name().substring(name.length() + 1);
  }

  String name() {
    return name;
  }

  List<Leaf> body() {
    return body;
  }

  List<Leaf> shortcut() {
    return shortcut;
  }

  Leaf add() {
    return add;
  }

  Leaf relu() {
    return relu;
  }

  NDArray forward(ParameterStore ps, NDArray x, boolean training, Taps taps, Map<String, LayerNode> nodes) {
    NDArray main = Net.runChain(body, ps, x, training, taps, nodes);
    NDArray skip = shortcut.isEmpty() ? x : Net.runChain(shortcut, ps, x, training, taps, nodes);
    NDArray sum = main.add(skip);
    sum = Net.tap(taps, nodes, add, main, sum);
    NDArray out = relu.block().forward(ps, new NDList(sum), training).singletonOrThrow();
    return Net.tap(taps, nodes, relu, sum, out);
  }

  boolean contains(String layer) {
    return layer.equals(add.name()) || layer.equals(relu.name()) || indexOf(body, layer) >= 0
        || indexOf(shortcut, layer) >= 0;
  }

  /** The block's output when {@code layer} (one of its own) outputs {@code value}; {@code in} is the block's input. */
  NDArray resume(ParameterStore ps, String layer, NDArray value, NDArray in) {
    if (layer.equals(relu.name())) return value;
    NDArray sum;
    if (layer.equals(add.name())) {
      sum = value;
    } else {
      int b = indexOf(body, layer);
      int s = indexOf(shortcut, layer);
      NDArray main = b >= 0 ? Net.runChain(body.subList(b + 1, body.size()), ps, value, false, Taps.NONE, Map.of())
          : Net.runChain(body, ps, in, false, Taps.NONE, Map.of());
      NDArray skip = s >= 0 ? Net.runChain(shortcut.subList(s + 1, shortcut.size()), ps, value, false, Taps.NONE,
          Map.of()) : shortcut.isEmpty() ? in : Net.runChain(shortcut, ps, in, false, Taps.NONE, Map.of());
      sum = main.add(skip);
    }
    return relu.block().forward(ps, new NDList(sum), false).singletonOrThrow();
  }

  private static int indexOf(List<Leaf> chain, String layer) {
    for (int i = 0; i < chain.size(); i++) if (chain.get(i).name().equals(layer)) return i;
    return -1;
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return new NDList(forward(ps, inputs.singletonOrThrow(), training, Taps.NONE, Map.of()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return Net.chainShapes(body, inputShapes[0]);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Net.initializeChain(body, manager, dataType, inputShapes[0]);
    Net.initializeChain(shortcut, manager, dataType, inputShapes[0]);
    relu.block().initialize(manager, dataType, Net.chainShapes(body, inputShapes[0]));
  }
}
