package org.deepfig.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A zoo network: named layers and residual blocks run in order, input normalisation inside, a {@link Taps} hook on
 * every layer. Built by {@link ModelZoo}; the graph is known once the network is initialised.
 */
public final class Net extends AbstractBlock implements Network {
  private final List<Object> parts; // Leaf or ResidualBlock, in forward order
  private final float[] mean;
  private final float[] std;
  private final Shape inputShape;
  private final List<String> classNames;
  private LayerGraph graph;
  private Map<String, LayerNode> nodes = Map.of();

  Net(List<Object> parts, Shape inputShape, float[] mean, float[] std, List<String> classNames) {
    this.parts = List.copyOf(parts);
    this.inputShape = inputShape;
    this.mean = mean.clone();
    this.std = std.clone();
    this.classNames = List.copyOf(classNames);
    for (Object p : parts) {
      if (p instanceof Leaf l) addChildBlock(l.name(), l.block());
      else addChildBlock(((ResidualBlock) p).name(), (ResidualBlock) p);
    }
  }

  @Override
  public Block block() {
    return this;
  }

  @Override
  public List<String> classNames() {
    return classNames;
  }

  /** The DJL block of a layer (for its weights), by the layer's name. */
  @Override
  public Optional<Block> layerBlock(String name) {
    for (Object p : parts) {
      if (p instanceof Leaf l && l.name().equals(name)) return Optional.of(l.block());
      if (p instanceof ResidualBlock r) {
        for (Leaf l : r.body()) if (l.name().equals(name)) return Optional.of(l.block());
        for (Leaf l : r.shortcut()) if (l.name().equals(name)) return Optional.of(l.block());
      }
    }
    return Optional.empty();
  }

  @Override
  public LayerGraph graph() {
    if (graph == null) throw new IllegalStateException("initialise the network before asking for its graph");
    return graph;
  }

  @Override
  public NDArray forward(ParameterStore ps, NDArray images, boolean training, Taps taps) {
    NDArray x = normalise(images);
    for (Object p : parts) {
      if (p instanceof Leaf l) {
        NDArray out = l.block().forward(ps, new NDList(x), training).singletonOrThrow();
        x = tap(taps, nodes, l, x, out);
      } else {
        x = ((ResidualBlock) p).forward(ps, x, training, taps, nodes);
      }
    }
    return x;
  }

  /**
   * What a forward pass needs to go on just after {@code layer} (see {@link #forwardAbove}): the layer's output and,
   * for a layer inside a residual block, the block's input (its shortcut, or its body, reads it).
   */
  public record Resume(String layer, NDArray output, NDArray blockInput) {}

  /** Runs the network up to {@code layer} (inside a residual block, the rest of that block too); keeps its state. */
  public Resume capture(ParameterStore ps, NDArray images, String layer) {
    int p = partOf(layer);
    NDArray x = normalise(images);
    for (int i = 0; i < p; i++) x = runPart(parts.get(i), ps, x);
    if (parts.get(p) instanceof Leaf l) {
      return new Resume(layer, l.block().forward(ps, new NDList(x), false).singletonOrThrow(), null);
    }
    NDArray[] seen = new NDArray[1];
    ((ResidualBlock) parts.get(p)).forward(ps, x, false, (node, in, out) -> {
      if (node.name().equals(layer)) seen[0] = out;
      return out;
    }, nodes);
    return new Resume(layer, seen[0], x);
  }

  /**
   * The logits when {@code at}'s layer outputs {@code value}, running only what comes after it: the layers above
   * and, inside a residual block, the rest of the block (the same logits as a full forward pass whose tap replaces
   * the layer's output by {@code value}; eval mode).
   */
  public NDArray forwardAbove(ParameterStore ps, Resume at, NDArray value) {
    int p = partOf(at.layer());
    NDArray x = parts.get(p) instanceof Leaf ? value
        : ((ResidualBlock) parts.get(p)).resume(ps, at.layer(), value, at.blockInput());
    for (int i = p + 1; i < parts.size(); i++) x = runPart(parts.get(i), ps, x);
    return x;
  }

  private int partOf(String layer) {
    for (int i = 0; i < parts.size(); i++) {
      Object p = parts.get(i);
      if (p instanceof Leaf l ? l.name().equals(layer) : ((ResidualBlock) p).contains(layer)) return i;
    }
    throw new IllegalArgumentException("no layer " + layer + " in this network");
  }

  private NDArray runPart(Object p, ParameterStore ps, NDArray x) {
    if (p instanceof Leaf l) return l.block().forward(ps, new NDList(x), false).singletonOrThrow();
    return ((ResidualBlock) p).forward(ps, x, false, Taps.NONE, nodes);
  }

  private NDArray normalise(NDArray images) {
    int c = (int) images.getShape().get(1);
    float[] m = perChannel(mean, c);
    float[] s = perChannel(std, c);
    NDManager mm = images.getManager();
    // per channel of an image (1×C×1×1), or per feature of a vector (1×F)
    Shape per = images.getShape().dimension() == 2 ? new Shape(1, c) : new Shape(1, c, 1, 1);
    NDArray mArr = mm.create(m, per);
    NDArray sArr = mm.create(s, per);
    return images.sub(mArr).div(sArr);
  }

  private static float[] perChannel(float[] v, int c) {
    if (v.length == c) return v;
    float[] out = new float[c];
    java.util.Arrays.fill(out, v[0]);
    return out;
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return new NDList(forward(ps, inputs.singletonOrThrow(), training, Taps.NONE));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    for (Object p : parts) s = ((p instanceof Leaf l) ? l.block() : (Block) p).getOutputShapes(new Shape[] {s})[0];
    return new Shape[] {s};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape s = inputShapes[0];
    for (Object p : parts) {
      Block b = (p instanceof Leaf l) ? l.block() : (Block) p;
      b.initialize(manager, dataType, s);
      s = b.getOutputShapes(new Shape[] {s})[0];
    }
    buildGraph();
  }

  /** Builds the layer graph once parameters exist (their sizes are the parameter counts). */
  private void buildGraph() {
    List<LayerNode> out = new ArrayList<>();
    Shape s = new Shape(1).addAll(inputShape);
    String prev = null;
    for (Object p : parts) {
      if (p instanceof Leaf l) {
        s = l.block().getOutputShapes(new Shape[] {s})[0];
        out.add(node(l, s, prev == null ? List.of() : List.of(prev), null));
        prev = l.name();
      } else {
        ResidualBlock r = (ResidualBlock) p;
        Shape in = s;
        String mainLast = prev;
        Shape m = in;
        for (Leaf l : r.body()) {
          m = l.block().getOutputShapes(new Shape[] {m})[0];
          out.add(node(l, m, mainLast == null ? List.of() : List.of(mainLast), r.name()));
          mainLast = l.name();
        }
        String skipLast = prev;
        Shape k = in;
        for (Leaf l : r.shortcut()) {
          k = l.block().getOutputShapes(new Shape[] {k})[0];
          out.add(node(l, k, skipLast == null ? List.of() : List.of(skipLast), r.name()));
          skipLast = l.name();
        }
        List<String> addInputs = new ArrayList<>();
        addInputs.add(mainLast);
        addInputs.add(skipLast == null ? "input" : skipLast);
        out.add(node(r.add(), m, addInputs, r.name()));
        out.add(node(r.relu(), m, List.of(r.add().name()), r.name()));
        prev = r.relu().name();
        s = m;
      }
    }
    graph = new LayerGraph(inputShape, out);
    Map<String, LayerNode> map = new LinkedHashMap<>();
    for (LayerNode n : out) map.put(n.name(), n);
    nodes = map;
  }

  private static LayerNode node(Leaf l, Shape batchShape, List<String> inputs, String group) {
    long params = 0;
    for (PairListEntry e : parameters(l.block())) params += e.size;
    Shape shape = batchShape.slice(1);
    Geometry g = shape.dimension() == 3 ? l.geometry() : null;
    return new LayerNode(l.name(), l.kind(), shape, params, g, inputs, group);
  }

  private record PairListEntry(long size) {}

  private static List<PairListEntry> parameters(Block b) {
    List<PairListEntry> out = new ArrayList<>();
    for (var pair : b.getParameters()) {
      Parameter p = pair.getValue();
      if (p.requiresGradient() && p.isInitialized()) out.add(new PairListEntry(p.getArray().size()));
    }
    return out;
  }

  static NDArray tap(Taps taps, Map<String, LayerNode> nodes, Leaf l, NDArray in, NDArray out) {
    if (taps == Taps.NONE) return out;
    LayerNode n = nodes.get(l.name());
    return n == null ? out : taps.tap(n, in, out);
  }

  static NDArray runChain(List<Leaf> chain, ParameterStore ps, NDArray x, boolean training, Taps taps,
      Map<String, LayerNode> nodes) {
    for (Leaf l : chain) {
      NDArray out = l.block().forward(ps, new NDList(x), training).singletonOrThrow();
      x = tap(taps, nodes, l, x, out);
    }
    return x;
  }

  static Shape[] chainShapes(List<Leaf> chain, Shape in) {
    Shape s = in;
    for (Leaf l : chain) s = l.block().getOutputShapes(new Shape[] {s})[0];
    return new Shape[] {s};
  }

  static void initializeChain(List<Leaf> chain, NDManager manager, DataType dataType, Shape in) {
    Shape s = in;
    for (Leaf l : chain) {
      l.block().initialize(manager, dataType, s);
      s = l.block().getOutputShapes(new Shape[] {s})[0];
    }
  }
}
