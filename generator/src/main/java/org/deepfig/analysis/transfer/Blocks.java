package org.deepfig.analysis.transfer;

import java.util.ArrayList;
import java.util.List;
import org.deepfig.model.LayerGraph;
import org.deepfig.model.LayerKind;
import org.deepfig.model.LayerNode;

/**
 * The blocks of a zoo model, in forward order, for Yosinski's cuts: a block starts at each convolution or dense
 * layer outside a residual block and at each residual block; the layers after it without weights of their own
 * (activation, pooling, flattening, batch norm) join it. Cut n copies blocks 1..n.
 *
 * @param label what the figure calls the block: its first weighted layer, or the residual block's name
 */
record Blocks(List<Block> blocks) {
  record Block(String label, List<String> layers) {}

  static Blocks of(LayerGraph graph) {
    List<Block> out = new ArrayList<>();
    String label = null;
    String group = null;
    List<String> layers = new ArrayList<>();
    for (LayerNode n : graph.layers()) {
      boolean starts;
      if (n.group() != null) starts = !n.group().equals(group);
      else starts = n.kind() == LayerKind.CONV || n.kind() == LayerKind.LINEAR;
      if (starts && label != null) {
        out.add(new Block(label, List.copyOf(layers)));
        layers.clear();
        label = null;
      }
      if (starts) label = n.group() != null ? n.group() : n.name();
      group = n.group();
      layers.add(n.name());
    }
    if (!layers.isEmpty()) out.add(new Block(label == null ? layers.get(0) : label, List.copyOf(layers)));
    return new Blocks(List.copyOf(out));
  }

  /** The cuts there are: 1 .. blocks − 1 (the last block is the classifier, trained afresh for B at every cut). */
  int maxCut() {
    return blocks.size() - 1;
  }

  /** The layers of blocks 1..n. */
  List<String> layersUpTo(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.addAll(blocks.get(i).layers());
    return out;
  }
}
