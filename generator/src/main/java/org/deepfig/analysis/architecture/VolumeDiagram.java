package org.deepfig.analysis.architecture;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;
import org.deepfig.model.LayerGraph;
import org.deepfig.model.LayerKind;
import org.deepfig.model.LayerNode;
import org.deepfig.render.Drawing;
import org.deepfig.render.TextAnchor;
import org.deepfig.render.Typography;

/**
 * The VGG-paper style: each tensor that a convolution, pooling or dense layer produces drawn as a box in oblique
 * projection, its height growing with the spatial size and its thickness with the channel count (both
 * logarithmically, so a 3-channel input and a 128-channel map are both visible), left to right.
 */
final class VolumeDiagram implements Drawing {
  private static final double SLANT = 0.5;
  private static final double GAP = 18;
  private static final double LABEL = 36;

  record Volume(String name, String shape, double side, double depth, boolean dense, LayerKind kind) {}

  private final String title;
  private final List<Volume> volumes = new ArrayList<>();
  private final double maxSide;

  VolumeDiagram(String title, LayerGraph g) {
    this.title = title;
    volumes.add(volume("input", g.inputShape(), null));
    for (LayerNode n : g.layers()) {
      boolean keep = n.kind() == LayerKind.CONV && n.group() == null
          || n.kind() == LayerKind.MAX_POOL || n.kind() == LayerKind.AVG_POOL
          || n.kind() == LayerKind.GLOBAL_AVG_POOL || n.kind() == LayerKind.LINEAR
          || (n.kind() == LayerKind.RELU && n.group() != null && n.name().equals(n.group() + ".relu"));
      if (keep) volumes.add(volume(n.name(), n.outputShape(), n.kind()));
    }
    double m = 0;
    for (Volume v : volumes) m = Math.max(m, v.side() + v.depth() * SLANT);
    maxSide = m;
  }

  private static Volume volume(String name, ai.djl.ndarray.types.Shape s, LayerKind kind) {
    String shape = BlockDiagram.shape(s);
    if (s.dimension() == 3) {
      double side = 12 + 14 * log2(s.get(1));
      double depth = 3 + 5 * log2(s.get(0));
      return new Volume(name, shape, side, depth, false, kind);
    }
    return new Volume(name, shape, 12 + 10 * log2(s.get(0)), 4, true, kind);
  }

  private static double log2(long v) {
    return Math.log(Math.max(1, v)) / Math.log(2);
  }

  @Override
  public double width() {
    double w = 16;
    for (Volume v : volumes) w += Math.max(v.depth() + v.depth() * SLANT + 10, labelWidth(v)) + GAP;
    return w;
  }

  private static double labelWidth(Volume v) {
    return Math.max(Typography.width(Typography.regular(7f), v.name()), Typography.width(Typography.regular(6.5f),
        v.shape())) + 4;
  }

  @Override
  public double height() {
    return 30 + maxSide + LABEL;
  }

  @Override
  public void paint(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.BLACK);
    TextAnchor.draw(g, title, Typography.title(), width() / 2, 16, TextAnchor.Align.CENTRE);
    double x = 8;
    double base = 30 + maxSide;
    g.setStroke(new BasicStroke(0.7f));
    for (Volume v : volumes) {
      double slot = Math.max(v.depth() + v.depth() * SLANT + 10, labelWidth(v));
      double bx = x + (slot - v.depth() - v.depth() * SLANT) / 2;
      double d = v.depth();
      double h = v.side();
      double off = d * SLANT;
      Color face = v.dense() ? new Color(0xD9, 0xEF, 0xD8) : v.kind() == LayerKind.CONV
          ? new Color(0xD6, 0xE4, 0xF5) : v.kind() == null ? new Color(0xEE, 0xEE, 0xF2) : new Color(0xE8, 0xDD,
          0xF3);
      // front face
      Path2D front = rect(bx, base - h, d, h);
      Path2D top = new Path2D.Double();
      top.moveTo(bx, base - h);
      top.lineTo(bx + off, base - h - off);
      top.lineTo(bx + d + off, base - h - off);
      top.lineTo(bx + d, base - h);
      top.closePath();
      Path2D side = new Path2D.Double();
      side.moveTo(bx + d, base - h);
      side.lineTo(bx + d + off, base - h - off);
      side.lineTo(bx + d + off, base - off);
      side.lineTo(bx + d, base);
      side.closePath();
      g.setColor(face);
      g.fill(front);
      g.setColor(face.darker());
      g.fill(side);
      g.setColor(face.brighter());
      g.fill(top);
      g.setColor(new Color(0x50, 0x50, 0x60));
      g.draw(front);
      g.draw(top);
      g.draw(side);
      g.setColor(Color.BLACK);
      TextAnchor.draw(g, v.name(), Typography.regular(7f), x + slot / 2, base + 12, TextAnchor.Align.CENTRE);
      g.setColor(new Color(0x50, 0x50, 0x60));
      TextAnchor.draw(g, v.shape(), Typography.regular(6.5f), x + slot / 2, base + 22, TextAnchor.Align.CENTRE);
      x += slot + GAP;
    }
  }

  private static Path2D rect(double x, double y, double w, double h) {
    Path2D p = new Path2D.Double();
    p.moveTo(x, y);
    p.lineTo(x + w, y);
    p.lineTo(x + w, y + h);
    p.lineTo(x, y + h);
    p.closePath();
    return p;
  }
}
