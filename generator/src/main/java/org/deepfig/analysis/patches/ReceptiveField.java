package org.deepfig.analysis.patches;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deepfig.model.Geometry;
import org.deepfig.model.LayerGraph;
import org.deepfig.model.LayerNode;

/**
 * The input region one unit of a layer sees. Unit i (per axis) of a layer covers input pixels
 * {@code first + i·jump … first + i·jump + size − 1}, by the usual recurrence (e.g. Araujo et al. 2019, eq. 1–3):
 * for a layer with kernel k, stride s, padding p and dilation d on top of (size, jump, first):
 * size' = size + (k−1)·d·jump, jump' = jump·s, first' = first − p·jump. Position-wise layers keep the field; a
 * residual addition takes the union of its two inputs' fields. Squares only (the zoo's kernels are square).
 */
public record ReceptiveField(int size, int jump, int first) {
  public static final ReceptiveField PIXEL = new ReceptiveField(1, 1, 0);

  /** The field of every spatial layer of the graph, by name (layers after flatten have none). */
  public static Map<String, ReceptiveField> analytic(LayerGraph g) {
    Map<String, ReceptiveField> out = new HashMap<>();
    for (LayerNode n : g.layers()) {
      if (!n.isSpatial() || n.geometry() == null) continue;
      ReceptiveField in = null;
      for (String input : n.inputs()) {
        ReceptiveField f = input.equals("input") ? PIXEL : out.get(input);
        if (f == null) continue;
        in = in == null ? f : in.union(f);
      }
      if (n.inputs().isEmpty()) in = PIXEL;
      if (in == null) continue;
      out.put(n.name(), in.through(n.geometry()));
    }
    return out;
  }

  ReceptiveField through(Geometry g) {
    return new ReceptiveField(size + (g.kernel() - 1) * g.dilation() * jump, jump * g.stride(),
        first - g.padding() * jump);
  }

  /** The smallest field holding both (a residual addition sees through both paths). */
  ReceptiveField union(ReceptiveField o) {
    if (o.jump != jump) throw new IllegalArgumentException("paths with different strides meet: " + this + ", " + o);
    int lo = Math.min(first, o.first);
    int hi = Math.max(first + size, o.first + o.size);
    return new ReceptiveField(hi - lo, jump, lo);
  }

  /** First input pixel (per axis) of output position {@code i}; may be negative (padding). */
  public int start(int i) {
    return first + i * jump;
  }

  /** The field of position (y, x) clipped to an image of {@code side} pixels: {y0, x0, y1, x1} exclusive ends. */
  public int[] clipped(int y, int x, int height, int width) {
    return new int[] {Math.max(0, start(y)), Math.max(0, start(x)), Math.min(height, start(y) + size),
        Math.min(width, start(x) + size)};
  }

  static List<String> spatialLayers(LayerGraph g) {
    return g.layers().stream().filter(n -> n.isSpatial() && n.geometry() != null).map(LayerNode::name).toList();
  }
}
