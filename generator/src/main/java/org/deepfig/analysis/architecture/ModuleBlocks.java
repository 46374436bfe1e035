package org.deepfig.analysis.architecture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deepfig.model.LayerGraph;
import org.deepfig.model.LayerKind;
import org.deepfig.model.LayerNode;

/**
 * The residual blocks of an imported model, found from its module names the way the zoo's networks name theirs
 * ({@code res2.*}): a block is the module whose layers ({@code layer1.0.conv1}, {@code layer1.0.downsample.0}, …)
 * end in the one layer that merges two inputs (the residual addition; in a traced torchvision ResNet the addition
 * is folded into the block's last ReLU, which then reads two layers), and a stage is the module holding consecutive
 * blocks ({@code layer1}). A block's layers must follow each other in forward order and end at the merge; a module
 * that does not (two merges, or layers interleaved with others) is left ungrouped. The shortcut is the merge's
 * input branch with fewer layers inside the block: none is an identity shortcut, otherwise a projection (torchvision's
 * {@code downsample}). Models with the zoo's own groups, and models without merges (a sequential export such as
 * ViT's), have no module blocks.
 */
final class ModuleBlocks {
  /**
   * One residual block.
   *
   * @param prefix the module's name ({@code layer1.0})
   * @param stage the enclosing module ({@code layer1}), or null for a top-level block
   * @param members the block's layers in forward order, the merge last
   * @param shortcut the layers on the shortcut branch (empty for an identity shortcut)
   */
  record Block(String prefix, String stage, List<LayerNode> members, Set<String> shortcut) {
    LayerNode merge() {
      return members.get(members.size() - 1);
    }

    long parameters() {
      return members.stream().mapToLong(LayerNode::parameters).sum();
    }

    /** The main path's convolutions, e.g. {@code Residual: conv 1×1, 3×3 /2, 1×1}. */
    String describe() {
      StringBuilder sb = new StringBuilder();
      for (LayerNode n : members) {
        if (shortcut.contains(n.name()) || n.kind() != LayerKind.CONV || n.geometry() == null) continue;
        sb.append(sb.length() == 0 ? "Residual: conv " : ", ").append(n.geometry().kernel()).append('×')
            .append(n.geometry().kernel());
        if (n.geometry().stride() != 1) sb.append(" /").append(n.geometry().stride());
      }
      return sb.length() == 0 ? "Residual block" : sb.toString();
    }

    /** What the shortcut arc is labelled with: {@code identity}, or {@code projection 1×1 /2}. */
    String shortcutLabel() {
      if (shortcut.isEmpty()) return "identity";
      for (LayerNode n : members) {
        if (shortcut.contains(n.name()) && n.kind() == LayerKind.CONV && n.geometry() != null) {
          return "projection " + n.geometry().kernel() + "×" + n.geometry().kernel()
              + (n.geometry().stride() != 1 ? " /" + n.geometry().stride() : "");
        }
      }
      return "projection";
    }
  }

  private ModuleBlocks() {}

  /** Each layer that belongs to a module block, mapped to its block (in forward order). */
  static Map<String, Block> of(LayerGraph g) {
    Map<String, Block> out = new LinkedHashMap<>();
    if (g.layers().stream().anyMatch(n -> n.group() != null)) return out;
    List<LayerNode> layers = g.layers();
    for (int i = 0; i < layers.size(); i++) {
      LayerNode merge = layers.get(i);
      if (merge.inputs().size() < 2) continue;
      String prefix = parent(merge.name());
      if (prefix == null) continue;
      // the module's layers: a contiguous run ending at the merge, no other merge among them
      int first = i;
      while (first > 0 && layers.get(first - 1).name().startsWith(prefix + ".")) first--;
      List<LayerNode> members = layers.subList(first, i + 1);
      boolean contiguousEnd = i + 1 >= layers.size() || !layers.get(i + 1).name().startsWith(prefix + ".");
      boolean oneMerge = members.stream().filter(n -> n.inputs().size() >= 2).count() == 1;
      boolean elsewhere = layers.stream().filter(n -> n.name().startsWith(prefix + ".")).count() != members.size();
      if (members.size() < 2 || !contiguousEnd || !oneMerge || elsewhere) continue;
      Set<String> inside = new HashSet<>();
      members.forEach(n -> inside.add(n.name()));
      Set<String> shortcut = null;
      for (String in : merge.inputs()) {
        Set<String> branch = branch(g, in, inside);
        if (shortcut == null || branch.size() < shortcut.size()) shortcut = branch;
      }
      Block b = new Block(prefix, parent(prefix), List.copyOf(members), Set.copyOf(shortcut));
      for (LayerNode n : members) out.put(n.name(), b);
    }
    return out;
  }

  /** The block's layers reached walking back from {@code from} (empty when it lies outside the block). */
  private static Set<String> branch(LayerGraph g, String from, Set<String> inside) {
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(from));
    while (!todo.isEmpty()) {
      String s = todo.pop();
      if (!inside.contains(s) || !seen.add(s)) continue;
      todo.addAll(g.layer(s).inputs());
    }
    return seen;
  }

  /** {@code layer1.0.conv1} → {@code layer1.0}; null for a top-level name. */
  static String parent(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : null;
  }

  /** The blocks in forward order, each once. */
  static List<Block> blocks(Map<String, Block> byLayer) {
    List<Block> out = new ArrayList<>();
    for (Block b : byLayer.values()) {
      if (out.isEmpty() || out.get(out.size() - 1) != b) out.add(b);
    }
    return out;
  }
}
