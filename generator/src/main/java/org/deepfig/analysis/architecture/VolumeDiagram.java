package org.deepfig.analysis.architecture;

import ai.djl.ndarray.types.Shape;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deepfig.model.Geometry;
import org.deepfig.model.LayerGraph;
import org.deepfig.model.LayerKind;
import org.deepfig.model.LayerNode;
import org.deepfig.render.MeasuredDrawing;
import org.deepfig.render.TextAnchor;
import org.deepfig.render.Typography;

/**
 * The VGG-paper style: each tensor that a convolution, pooling or dense layer produces is drawn as a box in oblique
 * projection. A feature map's box is as wide and as tall as the map (linear: the same points per pixel for every box),
 * and as deep as it has channels (linear too, up to {@link #LINEAR_CHANNELS} channels; a deeper box is clamped and
 * carries a break mark); a dense layer's output is a thin column as tall as it has units. Under each box: its name,
 * the operations that made it ({@code conv 5×5 · ReLU}) and its size ({@code 6 ch · 28×28}). Arrows join the boxes;
 * a residual shortcut is an arc over the boxes it skips into a ⊕ on the arrow after the addition, named by what it
 * does ({@code identity}, {@code conv 1×1 /2 · BN}). Boxes wrap into rows no wider than the width asked for (a row
 * never splits a residual block that fits in one row); a connector leads from the end of one row to the next.
 */
final class VolumeDiagram extends MeasuredDrawing {
  /** Default widest figure, in points (10 in). */
  static final double MAX_WIDTH = 720;
  /** The largest feature-map side is drawn this long, unless that gives more than {@link #MAX_PT_PER_PIXEL}. */
  static final double MAX_SIDE = 72;
  static final double MAX_PT_PER_PIXEL = 2;
  /** The deepest box (points along the receding axis, drawn at {@link #SLANT} of that). */
  static final double MAX_DEPTH = 48;
  /** Depth is linear in channels up to this many; deeper boxes are clamped to {@link #MAX_DEPTH}. */
  static final int LINEAR_CHANNELS = 256;
  /** Tallest dense column, and its width. */
  static final double MAX_DENSE = 72;
  static final double DENSE_W = 6;
  static final double SLANT = 0.5;
  private static final double MIN_EDGE = 1.5;
  private static final double MARGIN = 8;
  private static final double LEFT = 24; // the first box of a row: room for the connector from the row above
  private static final double GAP = 22; // the shortest arrow between two boxes
  private static final double LABEL_GAP = 6;
  private static final double ROW_GAP = 14;
  private static final double ARC_RISE = 8;
  private static final double OP_WIDTH = 78; // operation lines wrap at this width
  private static final Color LINE = new Color(0x50, 0x50, 0x60);
  private static final Color SKIP = new Color(0xC0, 0x39, 0x2B);

  /** One drawn tensor; geometry in points, position filled in by the layout. */
  static final class Block {
    final String name;
    final List<String> ops = new ArrayList<>();
    Shape shape;
    final boolean dense;
    double frontW;
    double frontH;
    double depth;
    boolean clamped;
    // layout
    int row;
    double x; // front face left
    double slotX;
    double slotW;
    List<String> labelLines = List.of();

    Block(String name, String op, Shape shape) {
      this.name = name;
      if (op != null) ops.add(op);
      this.shape = shape;
      this.dense = shape.dimension() != 3;
    }

    double off() {
      return depth * SLANT;
    }

    /** The rightmost x of the box. */
    double right() {
      return x + frontW + off();
    }

    /** Where the box's outline meets the row's centre line on its right: the start of its outgoing arrow. */
    double exit() {
      return x + frontW + Math.min(off(), frontH / 2);
    }

    String sizeText() {
      if (dense) return String.format(Locale.ROOT, "%,d units", units(shape));
      return String.format(Locale.ROOT, "%,d ch · %d×%d", shape.get(0), shape.get(1), shape.get(2));
    }
  }

  /** A residual shortcut: from the tensor entering block {@code first} to the addition after block {@code last}. */
  record Skip(int first, int last, String label) {}

  private final String title;
  private final double maxWidth;
  private final List<Block> blocks = new ArrayList<>();
  private final List<Skip> skips = new ArrayList<>();
  private final double ptPerPixel;
  private final double ptPerChannel;
  private final double ptPerUnit;
  private final List<Row> rows = new ArrayList<>();
  private double titleBaseline;

  /** One row of boxes: its centre line, the top of its arc band and the baseline of its first label line. */
  private record Row(int first, int last, double centre, double arcTop, double labelTop, double bottom,
      boolean arcs) {}

  VolumeDiagram(String title, LayerGraph g) {
    this(title, g, MAX_WIDTH);
  }

  /**
   * @param title drawn above the diagram, or null for none (at paper sizes the title goes in the caption)
   * @param maxWidth the widest the diagram may be, in layout points; rows wrap within it
   */
  VolumeDiagram(String title, LayerGraph g, double maxWidth) {
    this.title = title;
    this.maxWidth = maxWidth;
    build(g);
    long maxSide = 1;
    long maxChannels = 1;
    long maxUnits = 1;
    for (Block b : blocks) {
      if (b.dense) {
        maxUnits = Math.max(maxUnits, units(b.shape));
      } else {
        maxSide = Math.max(maxSide, Math.max(b.shape.get(1), b.shape.get(2)));
        maxChannels = Math.max(maxChannels, b.shape.get(0));
      }
    }
    ptPerPixel = Math.min(MAX_PT_PER_PIXEL, MAX_SIDE / maxSide);
    ptPerChannel = Math.min(2, MAX_DEPTH / Math.min(maxChannels, LINEAR_CHANNELS));
    ptPerUnit = Math.min(0.5, MAX_DENSE / maxUnits);
    for (Block b : blocks) {
      if (b.dense) {
        b.frontW = DENSE_W;
        b.frontH = Math.max(4, units(b.shape) * ptPerUnit);
        b.depth = DENSE_W;
      } else {
        b.frontW = Math.max(MIN_EDGE, b.shape.get(2) * ptPerPixel);
        b.frontH = Math.max(MIN_EDGE, b.shape.get(1) * ptPerPixel);
        double d = b.shape.get(0) * ptPerChannel;
        b.clamped = d > MAX_DEPTH + 1e-9;
        b.depth = Math.max(MIN_EDGE, Math.min(MAX_DEPTH, d));
      }
    }
    layout();
  }

  // ---- from the layer graph to blocks ----------------------------------------------------------------------------

  private void build(LayerGraph g) {
    blocks.add(new Block("input", "image", g.inputShape()));
    Map<String, Integer> blockOf = new HashMap<>();
    blockOf.put("input", 0);
    // layers off the main path (a shortcut's projection): where the branch left the main path, and its operations
    Map<String, Integer> branchFrom = new HashMap<>();
    Map<String, List<String>> branchOps = new HashMap<>();
    String tail = null; // the last layer on the main path
    for (LayerNode n : g.layers()) {
      List<String> in = n.inputs();
      if (n.kind() == LayerKind.ADD && in.size() >= 2) {
        String main = in.contains(tail) ? tail : in.get(0);
        String other = in.stream().filter(s -> !s.equals(main)).findFirst().orElse(main);
        int from;
        String label;
        if (branchFrom.containsKey(other)) {
          from = branchFrom.get(other);
          label = String.join(" · ", branchOps.get(other));
        } else {
          from = blockOf.getOrDefault(other, 0);
          label = "identity";
        }
        int last = blocks.size() - 1;
        if (from < last) skips.add(new Skip(from + 1, last, label));
        blocks.get(last).ops.add("add");
        blockOf.put(n.name(), last);
        tail = n.name();
        continue;
      }
      boolean offMain = tail != null && !in.isEmpty() && !in.contains(tail);
      if (offMain) {
        String src = in.get(0);
        int from = branchFrom.containsKey(src) ? branchFrom.get(src) : blockOf.getOrDefault(src, 0);
        List<String> ops = new ArrayList<>(branchOps.getOrDefault(src, List.of()));
        String op = operation(n);
        if (op != null) ops.add(op);
        branchFrom.put(n.name(), from);
        branchOps.put(n.name(), ops);
        continue;
      }
      tail = n.name();
      Block current = blocks.get(blocks.size() - 1);
      if (makesBlock(n, current)) {
        blocks.add(new Block(n.name(), operation(n), n.outputShape()));
      } else {
        String op = operation(n);
        if (op != null) current.ops.add(op);
      }
      blockOf.put(n.name(), blocks.size() - 1);
    }
  }

  private static boolean makesBlock(LayerNode n, Block current) {
    return switch (n.kind()) {
      case CONV, LINEAR, MAX_POOL, AVG_POOL, GLOBAL_AVG_POOL -> true;
      case FLATTEN, RELU, BATCH_NORM, DROPOUT, ADD -> false;
      // a layer deepfig does not know makes a block when it changes the tensor's shape
      default -> !n.outputShape().equals(current.shape) && (n.outputShape().dimension() == 3
          || current.shape.dimension() == 3 || units(n.outputShape()) != units(current.shape));
    };
  }

  /** What a layer does, in a few words; null for a layer that only reshapes (flatten). */
  static String operation(LayerNode n) {
    Geometry geo = n.geometry();
    String k = geo == null ? "" : " " + geo.kernel() + "×" + geo.kernel();
    String s = geo == null || geo.stride() == 1 ? "" : " /" + geo.stride();
    return switch (n.kind()) {
      case CONV -> "conv" + k + s;
      case MAX_POOL -> "max pool" + k + (geo != null && geo.stride() != geo.kernel() ? s : "");
      case AVG_POOL -> "avg pool" + k + (geo != null && geo.stride() != geo.kernel() ? s : "");
      case GLOBAL_AVG_POOL -> "global avg pool";
      case LINEAR -> "dense";
      case RELU -> "ReLU";
      case TANH -> "tanh";
      case SIGMOID -> "sigmoid";
      case BATCH_NORM -> "BN";
      case DROPOUT -> "dropout";
      case ADD -> "add";
      case FLATTEN -> null;
      case OTHER -> n.name();
    };
  }

  private static long units(Shape s) {
    long u = 1;
    for (int i = 0; i < s.dimension(); i++) u *= s.get(i);
    return u;
  }

  // ---- layout ----------------------------------------------------------------------------------------------------

  private static Font nameFont() {
    return Typography.bold(Typography.TICK_SIZE);
  }

  private static Font textFont() {
    return Typography.tick();
  }

  private static double lineHeight() {
    return Typography.lineHeight(textFont());
  }

  /** The operations as lines of at most {@link #OP_WIDTH} (a single longer operation keeps its own line). */
  private static List<String> wrap(List<String> ops) {
    List<String> lines = new ArrayList<>();
    String line = "";
    for (String op : ops) {
      String next = line.isEmpty() ? op : line + " · " + op;
      if (!line.isEmpty() && Typography.width(textFont(), next) > OP_WIDTH) {
        lines.add(line);
        line = op;
      } else {
        line = next;
      }
    }
    if (!line.isEmpty()) lines.add(line);
    return lines;
  }

  private void layout() {
    Font name = nameFont();
    Font text = textFont();
    int maxLines = 0;
    for (Block b : blocks) {
      List<String> lines = new ArrayList<>();
      lines.add(b.name);
      lines.addAll(wrap(b.ops));
      lines.add(b.sizeText());
      b.labelLines = lines;
      double w = Typography.width(name, b.name);
      for (int i = 1; i < lines.size(); i++) w = Math.max(w, Typography.width(text, lines.get(i)));
      b.slotW = Math.max(b.frontW + b.off(), w) + 2;
      maxLines = Math.max(maxLines, lines.size());
    }
    // an arc's label needs the room between its two ends
    double[] extra = new double[blocks.size()];
    for (Skip s : skips) {
      double span = GAP;
      for (int i = s.first(); i <= s.last(); i++) span += blocks.get(i).slotW + GAP;
      double need = Typography.width(text, s.label()) + 8;
      if (need > span) extra[s.last()] += need - span;
    }
    // pack rows; a residual span stays in one row when it fits in one
    int[] unitEnd = new int[blocks.size()];
    for (int i = 0; i < blocks.size(); i++) unitEnd[i] = i;
    for (Skip s : skips) unitEnd[s.first()] = Math.max(unitEnd[s.first()], s.last());
    double[] unitW = new double[blocks.size()];
    for (int i = 0; i < blocks.size(); i++) {
      for (int k = i; k <= unitEnd[i]; k++) unitW[i] += blocks.get(k).slotW + extra[k] + GAP;
    }
    double room = maxWidth - LEFT - MARGIN; // the right end keeps room for the connector down
    List<int[]> ranges = pack(unitEnd, unitW, room);
    if (ranges.size() > 1) {
      // as many rows as needed, but evened out: the narrowest width that still packs into that many rows
      double lo = 0;
      double hi = room;
      for (int k = 0; k < 40; k++) {
        double mid = (lo + hi) / 2;
        if (pack(unitEnd, unitW, mid).size() <= ranges.size()) hi = mid;
        else lo = mid;
      }
      ranges = pack(unitEnd, unitW, hi);
    }
    double y = MARGIN;
    double widest = 0;
    if (title != null) {
      titleBaseline = y + Typography.capHeight(Typography.title());
      y = titleBaseline + 10;
      widest = Typography.width(Typography.title(), title) + 2 * MARGIN;
    }
    double lineH = lineHeight();
    double arcBand = Typography.capHeight(text) + 3 + ARC_RISE;
    for (int r = 0; r < ranges.size(); r++) {
      int first = ranges.get(r)[0];
      int last = ranges.get(r)[1];
      boolean arcs = false;
      for (Skip s : skips) arcs |= s.first() >= first && s.last() <= last;
      double up = 0;
      double down = 0;
      for (int k = first; k <= last; k++) {
        Block b = blocks.get(k);
        up = Math.max(up, b.frontH / 2 + b.off());
        down = Math.max(down, b.frontH / 2);
      }
      double arcTop = y;
      if (arcs) y += arcBand;
      double centre = y + up;
      double labelTop = centre + down + LABEL_GAP;
      int lines = 0;
      for (int k = first; k <= last; k++) lines = Math.max(lines, blocks.get(k).labelLines.size());
      double bottom = labelTop + lines * lineH;
      double x = ranges.size() > 1 ? LEFT : MARGIN + 4;
      for (int k = first; k <= last; k++) {
        Block b = blocks.get(k);
        b.row = r;
        b.slotX = x;
        b.x = x + (b.slotW - b.frontW - b.off()) / 2;
        x += b.slotW + extra[k] + GAP;
      }
      widest = Math.max(widest, x + MARGIN);
      rows.add(new Row(first, last, centre, arcTop, labelTop, bottom, arcs));
      y = bottom + ROW_GAP * 2;
    }
    width = Math.ceil(widest);
    height = Math.ceil(rows.get(rows.size() - 1).bottom() + MARGIN);
  }

  /** Rows of blocks, greedily: a row takes whole units (a block, or a residual span) while they fit in {@code room}. */
  private static List<int[]> pack(int[] unitEnd, double[] unitW, double room) {
    List<int[]> ranges = new ArrayList<>();
    int start = 0;
    double used = 0;
    int i = 0;
    while (i < unitEnd.length) {
      if (used > 0 && used + unitW[i] > room) {
        ranges.add(new int[] {start, i - 1});
        start = i;
        used = 0;
      }
      used += unitW[i];
      i = unitEnd[i] + 1;
    }
    ranges.add(new int[] {start, unitEnd.length - 1});
    return ranges;
  }

  List<Block> blocks() {
    return blocks;
  }

  List<Skip> skips() {
    return skips;
  }

  int rowCount() {
    return rows.size();
  }

  /** Points per pixel of a feature map's side. */
  double ptPerPixel() {
    return ptPerPixel;
  }

  /** How the sizes read, for the caption. */
  String scaleSentence() {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "Each box is a feature map: its width and height are proportional to the map's (%s pt per pixel), its "
            + "depth to its channels (%s pt per channel", num(ptPerPixel), num(ptPerChannel)));
    boolean clamped = blocks.stream().anyMatch(b -> b.clamped);
    if (clamped) {
      sb.append(String.format(Locale.ROOT, "; boxes of more than %d channels are clamped and carry a break mark",
          Math.round(MAX_DEPTH / ptPerChannel)));
    }
    sb.append(").");
    if (blocks.stream().anyMatch(b -> b.dense)) {
      sb.append(String.format(Locale.ROOT, " Dense layers are columns as tall as their units (%s pt per unit).",
          num(ptPerUnit)));
    }
    sb.append(" Under each box: the operations that produce it and its size.");
    if (!skips.isEmpty()) {
      sb.append(" Red arcs are residual shortcuts (identity, or the projection named on the arc) into the ⊕ "
          + "addition.");
    }
    if (rows.size() > 1) sb.append(" The diagram continues row by row.");
    return sb.toString();
  }

  /** Two significant digits, no trailing zeros: 2, 0.5, 0.19. */
  private static String num(double v) {
    return new java.math.BigDecimal(v).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
  }

  // ---- painting --------------------------------------------------------------------------------------------------

  @Override
  public void paint(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.BLACK);
    if (title != null) {
      TextAnchor.draw(g, title, Typography.title(), width / 2, titleBaseline, TextAnchor.Align.CENTRE);
    }
    g.setStroke(new BasicStroke(0.7f));
    for (Row r : rows) {
      for (int k = r.first(); k <= r.last(); k++) {
        paintBlock(g, blocks.get(k), r);
        if (k < r.last()) arrow(g, blocks.get(k).exit(), blocks.get(k + 1).x, r.centre());
      }
    }
    for (int r = 0; r + 1 < rows.size(); r++) connector(g, rows.get(r), rows.get(r + 1));
    for (Skip s : skips) paintSkip(g, s);
  }

  private void paintBlock(Graphics2D g, Block b, Row r) {
    double x = b.x;
    double w = b.frontW;
    double h = b.frontH;
    double top = r.centre() - h / 2;
    double bottom = r.centre() + h / 2;
    double off = b.off();
    Color face = b.dense ? new Color(0xD9, 0xEF, 0xD8) : b == blocks.get(0) ? new Color(0xEE, 0xEE, 0xF2)
        : b.ops.get(0).startsWith("conv") ? new Color(0xD6, 0xE4, 0xF5) : new Color(0xE8, 0xDD, 0xF3);
    Path2D front = poly(x, top, x + w, top, x + w, bottom, x, bottom);
    Path2D upper = poly(x, top, x + off, top - off, x + w + off, top - off, x + w, top);
    Path2D side = poly(x + w, top, x + w + off, top - off, x + w + off, bottom - off, x + w, bottom);
    g.setColor(face.darker());
    g.fill(side);
    g.setColor(face.brighter());
    g.fill(upper);
    g.setColor(face);
    g.fill(front);
    g.setColor(LINE);
    g.draw(front);
    g.draw(upper);
    g.draw(side);
    if (b.clamped) {
      // a break across the depth: the box is deeper than drawn
      for (double f : new double[] {0.44, 0.56}) {
        double t = off * f;
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(2.2f));
        g.draw(new Line2D.Double(x + t, top - t, x + w + t, top - t));
        g.draw(new Line2D.Double(x + w + t, top - t, x + w + t, bottom - t));
        g.setColor(LINE);
        g.setStroke(new BasicStroke(0.7f));
        g.draw(new Line2D.Double(x + t, top - t, x + w + t, top - t));
        g.draw(new Line2D.Double(x + w + t, top - t, x + w + t, bottom - t));
      }
    }
    double cx = b.slotX + b.slotW / 2;
    double baseline = r.labelTop() + Typography.capHeight(textFont());
    for (int i = 0; i < b.labelLines.size(); i++) {
      g.setColor(i == 0 ? Color.BLACK : i == b.labelLines.size() - 1 ? LINE : Color.BLACK);
      TextAnchor.draw(g, b.labelLines.get(i), i == 0 ? nameFont() : textFont(), cx, baseline + i * lineHeight(),
          TextAnchor.Align.CENTRE);
    }
  }

  /** The x where a skip leaves the main path: on the arrow into {@code first}, just before its head. */
  private double skipStart(int first) {
    Block b = blocks.get(first);
    Row r = rows.get(b.row);
    if (first == r.first()) return (MARGIN + b.x) / 2;
    return Math.max(b.x - 9, (blocks.get(first - 1).right() + b.x) / 2);
  }

  /** The x of the addition after {@code last}: on its outgoing arrow, close to the box. */
  private double skipEnd(int last) {
    Block b = blocks.get(last);
    Row r = rows.get(b.row);
    if (last < r.last()) return Math.min(b.right() + 7, (b.exit() + blocks.get(last + 1).x) / 2);
    return b.right() + 7;
  }

  private void paintSkip(Graphics2D g, Skip s) {
    Row r = rows.get(blocks.get(s.first()).row);
    if (blocks.get(s.last()).row != blocks.get(s.first()).row) return; // a block wider than a row: no arc
    double xs = skipStart(s.first());
    double xe = skipEnd(s.last());
    double y = r.centre();
    double apex = r.arcTop() + Typography.capHeight(textFont()) + 3 + 2;
    double rad = 5;
    g.setColor(SKIP);
    g.setStroke(new BasicStroke(0.9f));
    Path2D p = new Path2D.Double();
    p.moveTo(xs, y);
    p.lineTo(xs, apex + rad);
    p.quadTo(xs, apex, xs + rad, apex);
    p.lineTo(xe - rad, apex);
    p.quadTo(xe, apex, xe, apex + rad);
    p.lineTo(xe, y - 4.5);
    g.draw(p);
    BlockDiagram.arrowHead(g, xe, y - 9, xe, y - 3.5);
    // the addition
    Ellipse2D plus = new Ellipse2D.Double(xe - 3.5, y - 3.5, 7, 7);
    g.setColor(Color.WHITE);
    g.fill(plus);
    g.setColor(SKIP);
    g.draw(plus);
    g.draw(new Line2D.Double(xe - 2.2, y, xe + 2.2, y));
    g.draw(new Line2D.Double(xe, y - 2.2, xe, y + 2.2));
    TextAnchor.draw(g, s.label(), textFont(), (xs + xe) / 2, apex - 3, TextAnchor.Align.CENTRE);
  }

  private void connector(Graphics2D g, Row a, Row b) {
    Block from = blocks.get(a.last());
    Block to = blocks.get(b.first());
    double xr = Math.max(from.right(), from.slotX + from.slotW) + GAP / 2;
    double mid = a.bottom() + ROW_GAP;
    double xl = MARGIN;
    g.setColor(LINE);
    g.setStroke(new BasicStroke(0.7f));
    Path2D p = new Path2D.Double();
    p.moveTo(from.exit(), a.centre());
    p.lineTo(xr, a.centre());
    p.lineTo(xr, mid);
    p.lineTo(xl, mid);
    p.lineTo(xl, b.centre());
    p.lineTo(to.x - 1, b.centre());
    g.draw(p);
    BlockDiagram.arrowHead(g, to.x - 6, b.centre(), to.x, b.centre());
  }

  private static void arrow(Graphics2D g, double x0, double x1, double y) {
    g.setColor(LINE);
    g.draw(new Line2D.Double(x0, y, x1 - 1, y));
    BlockDiagram.arrowHead(g, x0, y, x1, y);
  }

  private static Path2D poly(double... xy) {
    Path2D p = new Path2D.Double();
    p.moveTo(xy[0], xy[1]);
    for (int i = 2; i < xy.length; i += 2) p.lineTo(xy[i], xy[i + 1]);
    p.closePath();
    return p;
  }
}
