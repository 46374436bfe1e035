package org.deepfig;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deepfig.analysis.ValueMaps;
import org.deepfig.analysis.ValueMaps.ValueMap;
import org.deepfig.render.ColourBar;
import org.deepfig.render.ColourMap;
import org.deepfig.render.Drawing;
import org.deepfig.render.Normalisation;
import org.deepfig.render.Numbers;
import org.deepfig.render.Panels;
import org.deepfig.render.Rasters;
import org.deepfig.render.TextAnchor;
import org.deepfig.render.Typography;

/**
 * The pictures of several runs drawn again from the values behind them ({@link ValueMaps}): maps that correspond
 * (same group, name and shape) in rows of equal tiles, one row per run, every run's row of a group on one colour
 * scale (the union of their ranges; symmetric about 0 for signed values), and for two runs a row of B − A on a
 * diverging scale symmetric about 0.
 */
final class ValueComparison {
  /** At most this many maps of a group are shown (the first ones, in the first run's order). */
  static final int MAX_PER_GROUP = 8;
  private static final double TILE = 44;
  /** A group of one map (a lesion map of classes × channels) gets a larger tile, up to MAX_TILE wide. */
  private static final double LARGE_TILE = 96;
  private static final double MAX_TILE = 360;
  private static final double GAP = 6;
  private static final double MARGIN = 6;

  private ValueComparison() {}

  /**
   * A group's corresponding maps: {@code runs.get(r).get(i)} is run r's map named {@code names.get(i)}; {@code inputs}
   * the first run's input images of the same names (saliency), or null.
   */
  record Group(String name, String colours, String unit, int total, List<String> names, List<List<ValueMap>> runs,
      List<ValueMap> inputs) {}

  /** The maps every run has (same group, name and shape), grouped, in the first run's order. */
  static List<Group> groups(List<ValueMaps> runs) {
    Map<String, List<ValueMap>> firsts = new LinkedHashMap<>();
    for (ValueMap m : runs.get(0).maps()) firsts.computeIfAbsent(m.group(), k -> new ArrayList<>()).add(m);
    List<Group> out = new ArrayList<>();
    List<ValueMap> inputs = firsts.remove(ValueMaps.INPUTS);
    for (Map.Entry<String, List<ValueMap>> e : firsts.entrySet()) {
      List<String> names = new ArrayList<>();
      List<List<ValueMap>> perRun = new ArrayList<>();
      for (int r = 0; r < runs.size(); r++) perRun.add(new ArrayList<>());
      int total = 0;
      for (ValueMap m : e.getValue()) {
        List<ValueMap> found = new ArrayList<>();
        for (ValueMaps run : runs) {
          ValueMap match = run.maps().stream().filter(m::matches).findFirst().orElse(null);
          if (match == null || !match.colours().equals(m.colours())) break;
          found.add(match);
        }
        if (found.size() < runs.size()) continue;
        total++;
        if (names.size() >= MAX_PER_GROUP) continue;
        names.add(m.name());
        for (int r = 0; r < runs.size(); r++) perRun.get(r).add(found.get(r));
      }
      if (!names.isEmpty()) {
        ValueMap first = perRun.get(0).get(0);
        List<ValueMap> heads = new ArrayList<>();
        for (String n : names) {
          if (inputs != null) inputs.stream().filter(m -> m.name().equals(n)).findFirst().ifPresent(heads::add);
        }
        out.add(new Group(e.getKey(), first.colours(), first.unit(), total, names, perRun,
            heads.size() == names.size() ? heads : null));
      }
    }
    return out;
  }

  /**
   * B − A value by value for every map both have (matched by group, name and shape), in A's order; a three-channel
   * map's difference is the mean over its channels.
   */
  static List<ValueMap> differences(ValueMaps a, ValueMaps b) {
    List<ValueMap> out = new ArrayList<>();
    for (ValueMap ma : a.maps()) {
      ValueMap mb = b.maps().stream().filter(ma::matches).findFirst().orElse(null);
      if (mb == null) continue;
      int plane = ma.height() * ma.width();
      float[] d = new float[plane];
      for (int c = 0; c < ma.channels(); c++) {
        for (int i = 0; i < plane; i++) d[i] += (mb.values()[c * plane + i] - ma.values()[c * plane + i]);
      }
      if (ma.channels() > 1) for (int i = 0; i < plane; i++) d[i] /= ma.channels();
      out.add(ValueMap.of(ma.group(), ma.name(), "diverging", ma.unit(), ma.height(), ma.width(), d)
          .withAxes(ma.axes()));
    }
    return out;
  }

  /** One colour scale for all of a group's maps in every run: min to max, or ±max|v| for a diverging group. */
  static Normalisation shared(Group g) {
    int n = 0;
    for (List<ValueMap> run : g.runs()) for (ValueMap m : run) n += m.values().length;
    float[] all = new float[n];
    int at = 0;
    for (List<ValueMap> run : g.runs()) {
      for (ValueMap m : run) {
        System.arraycopy(m.values(), 0, all, at, m.values().length);
        at += m.values().length;
      }
    }
    return g.colours().equals("diverging") ? Normalisation.symmetric(all) : Normalisation.minMax(all);
  }

  private static ColourMap colourMap(String colours) {
    return switch (colours) {
      case "diverging" -> ColourMap.diverging();
      case "inferno" -> ColourMap.sequential(ColourMap.inferno());
      case "greys", "rgb" -> ColourMap.greys();
      default -> ColourMap.sequential(ColourMap.viridis());
    };
  }

  private static BufferedImage picture(ValueMap m, ColourMap map, Normalisation n) {
    if (!m.colours().equals("rgb")) return Rasters.ofMap(m.values(), m.height(), m.width(), map, n);
    float[] v = new float[m.values().length];
    double span = Math.max(n.max() - n.min(), 1e-12);
    for (int i = 0; i < v.length; i++) v[i] = (float) ((m.values()[i] - n.min()) / span);
    return Rasters.ofImage(v, 3, m.height(), m.width());
  }

  /**
   * The runs' corresponding maps group by group, each run a row (labelled {@code labels}), on the group's shared
   * scale; with {@code difference} (two runs) a third row of B − A. Null when the runs have no map in common.
   */
  static Drawing draw(List<String> labels, List<ValueMaps> runs, boolean difference) {
    List<Group> groups = groups(runs);
    if (groups.isEmpty()) return null;
    List<Drawing> blocks = new ArrayList<>();
    for (Group g : groups) {
      ColourMap map = colourMap(g.colours());
      Normalisation n = shared(g);
      // a group of one map gets a tile of about 3 points per value along its longer side (96 to 360)
      ValueMap only = g.runs().get(0).get(0);
      ValueMaps.Axes axes = g.names().size() == 1 ? only.axes() : null;
      double tile = g.names().size() > 1 ? TILE
          : Math.max(LARGE_TILE, Math.min(MAX_TILE, 3.0 * Math.max(only.height(), only.width())));
      // wide maps (a dense layer's strip of units) are as tall as they are drawn, not a square's height
      double tileHeight = 0;
      for (ValueMap m : g.runs().get(0)) tileHeight = Math.max(tileHeight, shownHeight(m.height(), m.width(), tile));
      if (axes != null) {
        // named rows get a line of text each; the columns share what width is left (at most as wide as tall)
        double cellH = Typography.lineHeight(Typography.caption()) + 1;
        double cellW = Math.max(2, Math.min(cellH, MAX_TILE / only.width()));
        tile = cellW * only.width();
        tileHeight = cellH * only.height();
      }
      List<Block.Row> rows = new ArrayList<>();
      if (g.inputs() != null) {
        List<BufferedImage> tiles = new ArrayList<>();
        for (ValueMap m : g.inputs()) tiles.add(Rasters.ofImage(m.values(), m.channels(), m.height(), m.width()));
        rows.add(new Block.Row("input", tiles, null));
      }
      for (int r = 0; r < runs.size(); r++) {
        List<BufferedImage> tiles = new ArrayList<>();
        for (ValueMap m : g.runs().get(r)) tiles.add(picture(m, map, n));
        rows.add(new Block.Row(labels.get(r), tiles, g.colours().equals("rgb") ? null
            : new ColourBar(map, n, null, tileHeight)));
      }
      if (difference && runs.size() == 2) {
        List<ValueMap> d = differences(new ValueMaps(g.runs().get(0)), new ValueMaps(g.runs().get(1)));
        int total = 0;
        for (ValueMap m : d) total += m.values().length;
        float[] all = new float[total];
        int at = 0;
        for (ValueMap m : d) {
          System.arraycopy(m.values(), 0, all, at, m.values().length);
          at += m.values().length;
        }
        Normalisation dn = Normalisation.symmetric(all);
        List<BufferedImage> tiles = new ArrayList<>();
        for (ValueMap m : d) tiles.add(Rasters.ofMap(m.values(), m.height(), m.width(), ColourMap.diverging(), dn));
        rows.add(new Block.Row("B − A", tiles, new ColourBar(ColourMap.diverging(), dn, null, tileHeight)));
      }
      String title = g.name() + " · " + g.unit() + (g.total() > g.names().size()
          ? String.format(Locale.ROOT, " (first %d of %d)", g.names().size(), g.total()) : "");
      blocks.add(new Block(title, g.names(), rows, tile, tileHeight, axes));
    }
    return Panels.column(8, blocks);
  }

  /** The height a map of h × w values is drawn at in a tile of side {@code tile}: at least 8 points. */
  static double shownHeight(int h, int w, double tile) {
    return Math.max(h * tile / Math.max(h, w), Math.min(tile, 8));
  }

  /** Which groups are compared and on what scale, for captions: "Gradient −0.3 to 0.3; Grad-CAM 0 to 1.2". */
  static String scales(List<ValueMaps> runs) {
    List<String> parts = new ArrayList<>();
    for (Group g : groups(runs)) {
      Normalisation n = shared(g);
      parts.add(g.name() + " " + Numbers.significant(n.min(), 3) + " to " + Numbers.significant(n.max(), 3));
    }
    return String.join("; ", parts);
  }

  /** What the layout adds to the maps, for captions: the input row, the named rows and columns ("" if neither). */
  static String notes(List<ValueMaps> runs) {
    StringBuilder out = new StringBuilder();
    List<Group> groups = groups(runs);
    if (groups.stream().anyMatch(g -> g.inputs() != null)) {
      out.append(" The first row of each group, input, is the images the maps are of (as the first run holds them).");
    }
    for (Group g : groups) {
      ValueMaps.Axes a = g.names().size() == 1 ? g.runs().get(0).get(0).axes() : null;
      if (a == null) continue;
      out.append(String.format(Locale.ROOT, " In %s's map the rows are %s (named beside each run's map) and the "
          + "columns %s (named under the last).", g.name(), plural(a.rowTitle()), plural(a.columnTitle())));
    }
    return out.toString();
  }

  private static String plural(String noun) {
    return noun.endsWith("s") ? noun + "es" : noun + "s";
  }

  /**
   * One group: a title, the maps' names over their columns, then one row per run (its label on the left, its colour
   * bar on the right). Every tile has the same size and every row the same height, so columns and rows line up. A
   * map with named rows and columns ({@link ValueMaps.Axes}) fills its tile, its row names left of every run's tile
   * and its column names (thinned to fit) with their title under the last.
   */
  static final class Block implements Drawing {
    record Row(String label, List<BufferedImage> tiles, ColourBar bar) {}

    private final String title;
    private final List<String> names;
    private final List<Row> rows;
    private final double labelWidth;
    private final double cellWidth;
    private final double barWidth;
    private final double tile;
    private final double tileHeight;
    private final ValueMaps.Axes axes;
    private final double rowNamesWidth;

    /**
     * @param tile the tiles' width; @param tileHeight their height (less for wide maps); @param axes the names of the
     * one map's rows and columns, or null
     */
    Block(String title, List<String> names, List<Row> rows, double tile, double tileHeight, ValueMaps.Axes axes) {
      this.tile = tile;
      this.tileHeight = tileHeight;
      this.axes = axes;
      double rw = 0;
      if (axes != null) for (String s : axes.rows()) rw = Math.max(rw, Typography.width(Typography.caption(), s));
      this.rowNamesWidth = axes == null ? 0 : rw + 4;
      this.title = title;
      this.names = List.copyOf(names);
      this.rows = List.copyOf(rows);
      double lw = 0;
      for (Row r : rows) lw = Math.max(lw, Typography.width(Typography.label(), r.label()));
      this.labelWidth = lw;
      double cw = tile;
      for (String s : names) cw = Math.max(cw, Typography.width(Typography.caption(), s));
      this.cellWidth = cw;
      double bw = 0;
      for (Row r : rows) if (r.bar() != null) bw = Math.max(bw, r.bar().width());
      this.barWidth = bw;
    }

    private double titleHeight() {
      return MARGIN + Typography.lineHeight(Typography.label()) + 2;
    }

    private double headerHeight() {
      return Typography.lineHeight(Typography.caption()) + 2;
    }

    private double rowHeight() {
      double h = tileHeight + 2 * ColourBar.inset();
      for (Row r : rows) if (r.bar() != null) h = Math.max(h, r.bar().height());
      return h;
    }

    private double tilesLeft() {
      return MARGIN + labelWidth + GAP + rowNamesWidth;
    }

    /** The column names under the last row and their title: their height, 0 without axes. */
    private double columnNamesHeight() {
      return axes == null ? 0 : 2 + 2 * Typography.lineHeight(Typography.caption());
    }

    /** Every how many columns a name is written, so that names do not touch (1, 2, 5, 10, 20, 50, …). */
    private int columnStep() {
      double widest = 0;
      for (String s : axes.columns()) widest = Math.max(widest, Typography.width(Typography.caption(), s));
      double cell = tile / axes.columns().size();
      int[] steps = {1, 2, 5};
      for (int scale = 1; ; scale *= 10) {
        for (int st : steps) if (st * scale * cell >= widest + 3) return st * scale;
      }
    }

    private double barLeft() {
      return tilesLeft() + names.size() * cellWidth + (names.size() - 1) * GAP + 8;
    }

    @Override
    public double width() {
      double t = 2 * MARGIN + Typography.width(Typography.label(), title);
      return Math.ceil(Math.max(t, barLeft() + barWidth + MARGIN));
    }

    @Override
    public double height() {
      return Math.ceil(titleHeight() + headerHeight() + rows.size() * rowHeight() + (rows.size() - 1) * 2
          + columnNamesHeight() + MARGIN);
    }

    @Override
    public void paint(Graphics2D g) {
      g.setColor(Color.BLACK);
      TextAnchor.draw(g, title, Typography.label(), MARGIN, MARGIN + Typography.capHeight(Typography.label()),
          TextAnchor.Align.START);
      double headerBase = titleHeight() + Typography.capHeight(Typography.caption());
      for (int i = 0; i < names.size(); i++) {
        TextAnchor.draw(g, names.get(i), Typography.caption(), tilesLeft() + i * (cellWidth + GAP) + cellWidth / 2,
            headerBase, TextAnchor.Align.CENTRE);
      }
      double y = titleHeight() + headerHeight();
      for (Row r : rows) {
        double tileTop = y + (rowHeight() - tileHeight) / 2;
        g.setColor(Color.BLACK);
        TextAnchor.drawMiddle(g, r.label(), Typography.label(), MARGIN, tileTop + tileHeight / 2,
            TextAnchor.Align.START);
        for (int i = 0; i < r.tiles().size(); i++) {
          BufferedImage img = r.tiles().get(i);
          double x = tilesLeft() + i * (cellWidth + GAP) + (cellWidth - tile) / 2;
          double scale = tile / Math.max(img.getWidth(), img.getHeight());
          double w = axes != null ? tile : img.getWidth() * scale;
          // a strip of units stays visible
          double h = axes != null ? tileHeight : shownHeight(img.getHeight(), img.getWidth(), tile);
          Rectangle2D box = new Rectangle2D.Double(x + (tile - w) / 2, tileTop + (tileHeight - h) / 2, w, h);
          Rasters.draw(g, img, box.getX(), box.getY(), box.getWidth(), box.getHeight());
          g.setColor(new Color(0x999999));
          g.setStroke(new BasicStroke(0.4f));
          g.draw(box);
        }
        if (axes != null) {
          g.setColor(Color.BLACK);
          double cellH = tileHeight / axes.rows().size();
          for (int k = 0; k < axes.rows().size(); k++) {
            TextAnchor.drawMiddle(g, axes.rows().get(k), Typography.caption(), tilesLeft() - 3,
                tileTop + (k + 0.5) * cellH, TextAnchor.Align.END);
          }
        }
        if (r.bar() != null) {
          Graphics2D h = (Graphics2D) g.create();
          h.translate(barLeft(), y + (rowHeight() - r.bar().height()) / 2);
          r.bar().paint(h);
          h.dispose();
        }
        y += rowHeight() + 2;
      }
      if (axes != null) {
        g.setColor(Color.BLACK);
        double x0 = tilesLeft() + (cellWidth - tile) / 2;
        double cell = tile / axes.columns().size();
        double lastBottom = y - 2 - (rowHeight() - tileHeight) / 2;
        double base = lastBottom + 2 + Typography.capHeight(Typography.caption());
        for (int c = 0; c < axes.columns().size(); c += columnStep()) {
          TextAnchor.draw(g, axes.columns().get(c), Typography.caption(), x0 + (c + 0.5) * cell, base,
              TextAnchor.Align.CENTRE);
        }
        TextAnchor.draw(g, axes.columnTitle(), Typography.caption(), x0 + tile / 2,
            base + Typography.lineHeight(Typography.caption()), TextAnchor.Align.CENTRE);
      }
    }
  }
}
