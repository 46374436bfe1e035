package org.deepfig.analysis.architecture;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deepfig.model.LayerGraph;
import org.deepfig.model.LayerKind;
import org.deepfig.model.LayerNode;
import org.deepfig.render.Drawing;
import org.deepfig.render.TextAnchor;
import org.deepfig.render.Typography;

/**
 * A top-to-bottom block diagram: one box per layer (name, kind and geometry on the left; output shape and parameter
 * count on the right), an arrow between consecutive layers, and for residual blocks the shortcut drawn beside the
 * main path: an arc from the block's input to its addition, through the projection boxes when there are any.
 * Collapsed, a residual block becomes one box.
 */
final class BlockDiagram implements Drawing {
  static final double BOX_W = 250;
  static final double BOX_H = 24;
  static final double GAP = 12;
  static final double SIDE = 120; // room on the right for shortcut columns
  static final double TOP = 34;
  static final double STAGE_W = 58; // room on the left for stage brackets

  /** One box: a layer, or a collapsed residual block. */
  record Box(String name, String kind, String shape, long params, boolean residual, LayerKind layerKind) {}

  private final String title;
  private final List<Box> main = new ArrayList<>();
  private final Map<Integer, List<Box>> shortcuts = new LinkedHashMap<>(); // add-box index → projection boxes
  private final Map<Integer, Integer> skipFrom = new LinkedHashMap<>(); // add-box index → box index before block
  private final Map<Integer, String> arcLabels = new LinkedHashMap<>(); // add-box index → label of an arc (collapsed)
  private final Map<Integer, String> stageOf = new LinkedHashMap<>(); // box index → stage of an imported model's block

  BlockDiagram(String title, LayerGraph g, boolean collapse) {
    this.title = title;
    // an imported model's residual blocks come from its module names (layer1.0.*), the zoo's from their groups
    Map<String, ModuleBlocks.Block> blocks = ModuleBlocks.of(g);
    main.add(new Box("input", "Image", shape(g.inputShape()), 0, false, null));
    String group = null;
    int groupStart = -1;
    List<Box> proj = new ArrayList<>();
    long groupParams = 0;
    for (LayerNode n : g.layers()) {
      ModuleBlocks.Block mb = blocks.get(n.name());
      String ng = mb != null ? mb.prefix() : n.group();
      if (ng != null && !ng.equals(group)) {
        group = ng;
        groupStart = main.size() - 1;
        proj = new ArrayList<>();
        groupParams = 0;
      } else if (ng == null) {
        group = null;
      }
      if (collapse && mb != null) {
        if (n == mb.merge()) {
          main.add(new Box(mb.prefix(), mb.describe(), n.shapeText(), mb.parameters(), true, LayerKind.ADD));
          skipFrom.put(main.size() - 1, main.size() - 2);
          shortcuts.put(main.size() - 1, List.of());
          arcLabels.put(main.size() - 1, mb.shortcutLabel());
          if (mb.stage() != null) stageOf.put(main.size() - 1, mb.stage());
        }
        continue;
      }
      if (collapse && n.group() != null) {
        groupParams += n.parameters();
        if (n.name().equals(n.group() + ".relu")) {
          main.add(new Box(n.group(), "Residual block", n.shapeText(), groupParams, true, LayerKind.ADD));
        }
        continue;
      }
      boolean onShortcut = mb != null ? mb.shortcut().contains(n.name()) : n.group() != null && !mainPath(g, n);
      Box b = new Box(n.name(), n.describe(), n.shapeText(), n.parameters(), false, n.kind());
      if (onShortcut) {
        proj.add(b);
      } else {
        main.add(b);
        if (mb != null && mb.stage() != null) stageOf.put(main.size() - 1, mb.stage());
        if (mb != null ? n == mb.merge() : n.group() != null && n.kind() == LayerKind.ADD) {
          skipFrom.put(main.size() - 1, groupStart);
          shortcuts.put(main.size() - 1, List.copyOf(proj));
        }
      }
    }
  }

  /** A layer of a residual block is on the main path unless only the shortcut leads to it. */
  private static boolean mainPath(LayerGraph g, LayerNode n) {
    String last = n.name().substring(n.group().length() + 1);
    return !(last.startsWith("proj"));
  }

  static String shape(ai.djl.ndarray.types.Shape s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.dimension(); i++) sb.append(i > 0 ? "×" : "").append(s.get(i));
    return sb.toString();
  }

  List<Box> boxes() {
    return main;
  }

  private double contentW() {
    return 2 * 8 + stageW() + BOX_W + (shortcuts.isEmpty() ? 0 : SIDE);
  }

  /** Room on the left for the stage brackets of an imported model ({@code layer1}, …), 0 without stages. */
  private double stageW() {
    return stageOf.isEmpty() ? 0 : STAGE_W;
  }

  /** As wide as the diagram, or as the title when that is wider (the diagram is then centred). */
  @Override
  public double width() {
    return Math.max(contentW(), title == null ? 0 : Typography.width(Typography.title(), title) + 16);
  }

  @Override
  public double height() {
    return TOP + main.size() * (BOX_H + GAP) + 4;
  }

  private double boxTop(int i) {
    return TOP + i * (BOX_H + GAP);
  }

  @Override
  public void paint(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.BLACK);
    if (title != null) TextAnchor.draw(g, title, Typography.title(), width() / 2, 16, TextAnchor.Align.CENTRE);
    double x = 8 + stageW() + (width() - contentW()) / 2;
    g.setStroke(new BasicStroke(0.8f));
    paintStages(g, x);
    for (int i = 0; i < main.size(); i++) {
      Box b = main.get(i);
      double y = boxTop(i);
      if (i > 0) arrow(g, x + BOX_W / 2, boxTop(i - 1) + BOX_H, x + BOX_W / 2, y);
      drawBox(g, b, x, y, BOX_W);
    }
    // shortcuts: from the bottom of the box before the block, around the right, into the addition
    for (Map.Entry<Integer, Integer> e : skipFrom.entrySet()) {
      int add = e.getKey();
      int from = e.getValue();
      List<Box> proj = shortcuts.get(add);
      double sx = x + BOX_W;
      double y0 = boxTop(from) + BOX_H / 2;
      double y1 = boxTop(add) + BOX_H / 2;
      g.setColor(new Color(0xC0, 0x39, 0x2B));
      if (proj.isEmpty()) {
        double xr = sx + 22;
        Path2D p = new Path2D.Double();
        p.moveTo(sx, y0);
        p.curveTo(xr, y0, xr, y1, sx + 5, y1);
        g.draw(p);
        arrowHead(g, sx + 5, y1, sx, y1);
        TextAnchor.drawMiddle(g, arcLabels.getOrDefault(add, "identity"), Typography.caption(), xr + 2,
            (y0 + y1) / 2, TextAnchor.Align.START);
      } else {
        double px = sx + 14;
        double pw = SIDE - 18;
        double mid = (y0 + y1) / 2 - proj.size() * (BOX_H + 4) / 2;
        Path2D p = new Path2D.Double();
        p.moveTo(sx, y0);
        p.lineTo(px + pw / 2, y0);
        p.lineTo(px + pw / 2, mid);
        g.draw(p);
        for (int k = 0; k < proj.size(); k++) {
          double py = mid + k * (BOX_H + 4);
          drawBox(g, proj.get(k), px, py, pw);
          g.setColor(new Color(0xC0, 0x39, 0x2B));
        }
        double after = mid + proj.size() * (BOX_H + 4) - 4;
        Path2D q = new Path2D.Double();
        q.moveTo(px + pw / 2, after);
        q.lineTo(px + pw / 2, y1);
        q.lineTo(sx + 5, y1);
        g.draw(q);
        arrowHead(g, sx + 5, y1, sx, y1);
      }
    }
  }

  /** A run of consecutive boxes of one stage ({@code layer1}) and how many residual blocks it holds. */
  record StageRun(String name, int from, int to, long blocks) {}

  List<StageRun> stageRuns() {
    List<StageRun> out = new ArrayList<>();
    List<Integer> idx = new ArrayList<>(stageOf.keySet());
    for (int s = 0; s < idx.size(); ) {
      String stage = stageOf.get(idx.get(s));
      int e = s;
      while (e + 1 < idx.size() && idx.get(e + 1) == idx.get(e) + 1 && stage.equals(stageOf.get(idx.get(e + 1)))) e++;
      int from = idx.get(s);
      int to = idx.get(e);
      out.add(new StageRun(stage, from, to, skipFrom.keySet().stream().filter(k -> k >= from && k <= to).count()));
      s = e + 1;
    }
    return out;
  }

  /** Each shortcut by the name of the box it ends in: the projection boxes beside it, or its label when none. */
  Map<String, String> shortcutsByBox() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<Integer, List<Box>> e : shortcuts.entrySet()) {
      out.put(main.get(e.getKey()).name(), e.getValue().isEmpty() ? arcLabels.getOrDefault(e.getKey(), "identity")
          : String.join(", ", e.getValue().stream().map(Box::name).toList()));
    }
    return out;
  }

  /** A bracket left of each run of boxes in one stage, labelled with the stage's name and its number of blocks. */
  private void paintStages(Graphics2D g, double x) {
    for (StageRun r : stageRuns()) {
      double bx = x - 8;
      double y0 = boxTop(r.from()) + 2;
      double y1 = boxTop(r.to()) + BOX_H - 2;
      g.setColor(new Color(0x60, 0x60, 0x70));
      Path2D p = new Path2D.Double();
      p.moveTo(bx + 4, y0);
      p.lineTo(bx, y0);
      p.lineTo(bx, y1);
      p.lineTo(bx + 4, y1);
      g.draw(p);
      g.setColor(Color.BLACK);
      double mid = (y0 + y1) / 2;
      TextAnchor.drawMiddle(g, r.name(), Typography.bold(7.5f), bx - 4, mid - 4.5, TextAnchor.Align.END);
      TextAnchor.drawMiddle(g, r.blocks() + (r.blocks() == 1 ? " block" : " blocks"), Typography.regular(6.5f),
          bx - 4, mid + 5, TextAnchor.Align.END);
    }
  }

  private static void drawBox(Graphics2D g, Box b, double x, double y, double w) {
    g.setColor(fill(b));
    RoundRectangle2D r = new RoundRectangle2D.Double(x, y, w, BOX_H, 6, 6);
    g.fill(r);
    g.setColor(new Color(0x60, 0x60, 0x70));
    g.draw(r);
    g.setColor(Color.BLACK);
    boolean narrow = w < BOX_W;
    double mid = y + BOX_H / 2;
    if (narrow) {
      TextAnchor.drawMiddle(g, b.name(), Typography.bold(6.5f), x + w / 2, mid - 4.5, TextAnchor.Align.CENTRE);
      TextAnchor.drawMiddle(g, b.shape(), Typography.regular(6.5f), x + w / 2, mid + 5, TextAnchor.Align.CENTRE);
      return;
    }
    TextAnchor.drawMiddle(g, b.name(), Typography.bold(7.5f), x + 6, mid - 4.5, TextAnchor.Align.START);
    TextAnchor.drawMiddle(g, b.kind(), Typography.regular(6.5f), x + 6, mid + 5, TextAnchor.Align.START);
    TextAnchor.drawMiddle(g, b.shape(), Typography.regular(7.5f), x + w - 6, mid - 4.5, TextAnchor.Align.END);
    if (b.params() > 0) {
      TextAnchor.drawMiddle(g, String.format(Locale.ROOT, "%,d params", b.params()), Typography.regular(6.5f),
          x + w - 6, mid + 5, TextAnchor.Align.END);
    }
  }

  private static Color fill(Box b) {
    if (b.residual()) return new Color(0xF6, 0xD5, 0xD1);
    if (b.layerKind() == null) return new Color(0xEE, 0xEE, 0xF2);
    return switch (b.layerKind()) {
      case CONV -> new Color(0xD6, 0xE4, 0xF5);
      case LINEAR -> new Color(0xD9, 0xEF, 0xD8);
      case RELU -> new Color(0xFF, 0xF1, 0xC9);
      case MAX_POOL, AVG_POOL, GLOBAL_AVG_POOL -> new Color(0xE8, 0xDD, 0xF3);
      case BATCH_NORM -> new Color(0xE4, 0xF1, 0xF1);
      case ADD -> new Color(0xF6, 0xD5, 0xD1);
      default -> new Color(0xEE, 0xEE, 0xF2);
    };
  }

  private static void arrow(Graphics2D g, double x0, double y0, double x1, double y1) {
    g.setColor(new Color(0x60, 0x60, 0x70));
    g.draw(new Line2D.Double(x0, y0, x1, y1 - 1));
    arrowHead(g, x0, y0, x1, y1);
  }

  /** A filled head at (x1, y1) pointing along the line from (x0, y0): both architecture views draw it. */
  static void arrowHead(Graphics2D g, double x0, double y0, double x1, double y1) {
    double a = Math.atan2(y1 - y0, x1 - x0);
    Path2D p = new Path2D.Double();
    p.moveTo(x1, y1);
    p.lineTo(x1 - 5 * Math.cos(a - 0.4), y1 - 5 * Math.sin(a - 0.4));
    p.lineTo(x1 - 5 * Math.cos(a + 0.4), y1 - 5 * Math.sin(a + 0.4));
    p.closePath();
    g.fill(p);
  }
}
