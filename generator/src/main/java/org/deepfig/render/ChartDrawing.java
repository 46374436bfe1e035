package org.deepfig.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * A line, scatter or bar chart drawn by deepfig itself, every string through {@link TextAnchor} so it stays text in
 * SVG and PDF. Everything is measured before anything is drawn: the title, the legend (outside the plot, on the
 * right, in as many columns as the height needs), the y tick labels and axis title on the left, the x tick labels
 * (turned 45° or 90° when they would collide) and axis title below; the plot takes what remains. The drawing grows
 * beyond its {@link Charts.Frame} only when the frame cannot hold that.
 */
public final class ChartDrawing implements Drawing {
  private static final double MARGIN = 6;
  private static final double GAP = 4;
  private static final double TICK = 3;
  private static final double LEGEND_GAP = 12;
  private static final double SWATCH = 16;
  private static final double MIN_PLOT = 60;
  private static final Color FRAME = new Color(0x55, 0x55, 0x55);
  private static final Color GRID = new Color(0xe5e5e5);

  /** What the plot shows. */
  enum Kind { LINE, SCATTER, BAR }

  /**
   * A legend entry or a drawn series: its name, colour and points (bars use y only); {@code lo} and {@code hi}, when
   * not null, the spread around each point (a band under a line over numbers, error bars over steps and on bars).
   */
  record Trace(String name, Color colour, double[] x, double[] y, double[] lo, double[] hi) {
    Trace(String name, Color colour, double[] x, double[] y) {
      this(name, colour, x, y, null, null);
    }
  }

  private final Charts.Frame frame;
  private final Kind kind;
  private final List<Trace> traces;
  private final List<String> categories;
  private final DoubleFunction<String> valueLabels;
  private final Layout l;

  ChartDrawing(Charts.Frame frame, Kind kind, List<Trace> traces, List<String> categories,
      DoubleFunction<String> valueLabels) {
    this.frame = frame;
    this.kind = kind;
    this.traces = List.copyOf(traces);
    this.categories = categories == null ? null : List.copyOf(categories);
    this.valueLabels = valueLabels;
    this.l = new Layout();
  }

  @Override
  public double width() {
    return l.width;
  }

  @Override
  public double height() {
    return l.height;
  }

  List<Trace> traces() {
    return traces;
  }

  /** The plot area in drawing coordinates (for tests and hover maps). */
  public Rectangle2D plotArea() {
    return new Rectangle2D.Double(l.left, l.top, l.right - l.left, l.bottom - l.top);
  }

  private boolean legendShown() {
    return traces.size() > 1 || kind == Kind.SCATTER && !traces.isEmpty();
  }

  /** Where everything goes, from text metrics (never from the Graphics2D at hand). */
  private final class Layout {
    final Font tick = Typography.tick();
    final double tickCap = Typography.capHeight(tick);
    final double tickLine = Typography.lineHeight(tick);
    double width;
    double height;
    double titleBaseline;
    double left;
    double right;
    double top;
    double bottom;
    double xLo;
    double xHi;
    double yLo;
    double yHi;
    NiceTicks yTicks;
    List<Double> xTickValues = List.of();
    List<String> xTickLabels = List.of();
    double xLabelAngle;
    int xLabelEvery = 1;
    double xLabelsHeight;
    double xLabelsLean;
    double yLabelsWidth;
    int legendRows;
    int legendColumns;
    double legendColumnWidth;
    double legendWidth;
    final double legendRow = Math.max(SWATCH * 0.6, tickLine) + 2;

    Layout() {
      // a chart narrower than its frame asks when the style's width is less (two charts side by side in a column)
      width = Math.max(MIN_PLOT * 2, Math.min(frame.width(), FigureStyle.current().layoutWidth()));
      height = frame.height();
      dataRanges();
      // the height limits the legend's rows and the y ticks; the width follows; grow once if the plot is too small
      for (int pass = 0; pass < 2; pass++) {
        vertical();
        horizontal();
        double needW = width - (right - left) + MIN_PLOT * 2;
        double needH = height - (bottom - top) + MIN_PLOT;
        if (right - left >= MIN_PLOT * 2 && bottom - top >= MIN_PLOT) break;
        width = Math.max(width, Math.ceil(needW));
        height = Math.max(height, Math.ceil(needH));
      }
      vertical();
      horizontal();
    }

    private void dataRanges() {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      double xl = Double.POSITIVE_INFINITY;
      double xh = Double.NEGATIVE_INFINITY;
      for (Trace t : traces) {
        for (int i = 0; i < t.y().length; i++) {
          if (!Double.isFinite(t.y()[i]) || t.x() != null && !Double.isFinite(t.x()[i])) continue;
          lo = Math.min(lo, t.y()[i]);
          hi = Math.max(hi, t.y()[i]);
          if (t.lo() != null && Double.isFinite(t.lo()[i])) lo = Math.min(lo, t.lo()[i]);
          if (t.hi() != null && Double.isFinite(t.hi()[i])) hi = Math.max(hi, t.hi()[i]);
          if (t.x() != null) {
            xl = Math.min(xl, t.x()[i]);
            xh = Math.max(xh, t.x()[i]);
          }
        }
      }
      if (!(lo <= hi)) {
        lo = 0;
        hi = 1;
      }
      if (kind == Kind.BAR) {
        lo = Math.min(0, lo);
        hi = Math.max(0, hi);
        if (hi == lo) hi = 1;
        // head room for the value labels above the tallest bar
        hi += (hi - lo) * (valueLabels == null ? 0.04 : 0.12);
      } else {
        double[] padded = pad(lo, hi);
        lo = padded[0];
        hi = padded[1];
      }
      yLo = lo;
      yHi = hi;
      if (categories != null) {
        xLo = -0.5;
        xHi = categories.size() - 0.5;
      } else {
        if (!(xl <= xh)) {
          xl = 0;
          xh = 1;
        }
        double[] padded = pad(xl, xh);
        xLo = padded[0];
        xHi = padded[1];
      }
    }

    /** A few per cent beyond the data, so no marker sits on the frame; a single value gets a range around it. */
    private static double[] pad(double lo, double hi) {
      if (hi == lo) {
        double d = lo == 0 ? 1 : Math.abs(lo) * 0.1;
        return new double[] {lo - d, hi + d};
      }
      double d = (hi - lo) * 0.05;
      return new double[] {lo - d, hi + d};
    }

    private void vertical() {
      double y = MARGIN;
      if (frame.title() != null) {
        titleBaseline = y + Typography.capHeight(Typography.title());
        y = titleBaseline + GAP * 2;
      }
      // the top tick label is centred on the plot's top edge
      top = y + tickCap / 2;
      double below = MARGIN;
      if (frame.xAxis() != null) below += Typography.lineHeight(Typography.label()) + GAP;
      xTickLayout(right > left ? right - left : width / 2);
      below += TICK + 2 + xLabelsHeight;
      bottom = height - below;
      int maxTicks = Math.max(2, (int) ((bottom - top) / 28) + 1);
      yTicks = atLeastTwo(yLo, yHi, maxTicks);
      yLabelsWidth = Typography.widest(tick, yTicks.labels());
      legendRows = Math.max(1, (int) Math.floor((bottom - top) / legendRow));
    }

    private void horizontal() {
      left = MARGIN;
      if (frame.yAxis() != null) left += Typography.lineHeight(Typography.label()) + GAP;
      left += yLabelsWidth + TICK + 2;
      legendWidth = 0;
      if (legendShown()) {
        double widest = 0;
        for (Trace t : traces) widest = Math.max(widest, Typography.width(tick, t.name()));
        legendColumnWidth = SWATCH + GAP + widest;
        legendColumns = (traces.size() + legendRows - 1) / legendRows;
        legendRows = (traces.size() + legendColumns - 1) / legendColumns;
        legendWidth = LEGEND_GAP + legendColumns * legendColumnWidth + (legendColumns - 1) * GAP * 3;
      }
      right = width - MARGIN - legendWidth;
      xTickLayout(right - left);
      // x labels turned 45° lean left of their tick; the first may not leave the canvas
      left = Math.max(left, MARGIN + xLabelsLean);
      if (frame.title() != null) {
        double titleW = Typography.width(Typography.title(), frame.title()) + 2 * MARGIN;
        width = Math.max(width, Math.ceil(titleW));
        right = width - MARGIN - legendWidth;
      }
    }

    /** X ticks and how their labels stand: level, 45° or 90°, and every k-th when even 90° is too tight. */
    private void xTickLayout(double plotWidth) {
      List<Double> values = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      if (categories != null) {
        for (int i = 0; i < categories.size(); i++) {
          values.add((double) i);
          labels.add(categories.get(i));
        }
      } else {
        int maxTicks = Math.max(2, (int) (plotWidth / 40) + 1);
        NiceTicks t;
        do {
          t = atLeastTwo(xLo, xHi, maxTicks);
          if (integral() && t.step() < 1) t = integerTicks(xLo, xHi);
          maxTicks--;
        } while (maxTicks >= 2 && widest(t.labels()) + 6 > plotWidth / Math.max(1, t.values().size()));
        values.addAll(t.values());
        labels.addAll(t.labels());
      }
      xTickValues = values;
      xTickLabels = labels;
      double slot = categories != null ? plotWidth / Math.max(1, categories.size()) : Double.MAX_VALUE;
      double widest = widest(labels);
      xLabelAngle = 0;
      xLabelEvery = 1;
      xLabelsLean = 0;
      if (widest + 4 <= slot) {
        xLabelsHeight = tickCap;
        return;
      }
      double textHeight = tickLine;
      if (slot * Math.sqrt(0.5) >= textHeight) {
        xLabelAngle = 45;
        xLabelsHeight = (widest + tickCap) * Math.sqrt(0.5);
        xLabelsLean = Math.max(0, widest * Math.sqrt(0.5) - tickCap * Math.sqrt(0.5));
      } else {
        xLabelAngle = 90;
        xLabelEvery = (int) Math.ceil(textHeight / Math.max(slot, 1e-9));
        xLabelsHeight = widest;
        xLabelsLean = 0;
      }
    }

    private boolean integral() {
      for (Trace t : traces) {
        if (t.x() == null) continue;
        for (double v : t.x()) if (Double.isFinite(v) && v != Math.rint(v)) return false;
      }
      return true;
    }

    private double widest(List<String> texts) {
      return Typography.widest(tick, texts);
    }

    double px(double x) {
      return left + (x - xLo) / (xHi - xLo) * (right - left);
    }

    double py(double y) {
      return bottom - (y - yLo) / (yHi - yLo) * (bottom - top);
    }
  }

  /** Nice ticks inside [lo, hi], asking for more until there are at least two. */
  static NiceTicks atLeastTwo(double lo, double hi, int maxTicks) {
    NiceTicks t = NiceTicks.between(lo, hi, Math.max(2, maxTicks));
    for (int m = Math.max(2, maxTicks) + 1; t.values().size() < 2 && m < 40; m++) t = NiceTicks.between(lo, hi, m);
    return t;
  }

  private static NiceTicks integerTicks(double lo, double hi) {
    List<Double> v = new ArrayList<>();
    for (long i = (long) Math.ceil(lo); i <= (long) Math.floor(hi); i++) v.add((double) i);
    return new NiceTicks(List.copyOf(v), 1, 0);
  }

  @Override
  public void paint(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fill(new Rectangle2D.Double(0, 0, l.width, l.height));
    g.setColor(Color.BLACK);
    if (frame.title() != null) {
      TextAnchor.draw(g, frame.title(), Typography.title(), l.width / 2, l.titleBaseline, TextAnchor.Align.CENTRE);
    }
    paintGridAndTicks(g);
    Graphics2D plot = (Graphics2D) g.create();
    try {
      plot.clip(new Rectangle2D.Double(l.left, l.top, l.right - l.left, l.bottom - l.top));
      switch (kind) {
        case LINE -> paintLines(plot);
        case SCATTER -> paintPoints(plot);
        case BAR -> paintBars(plot);
      }
    } finally {
      plot.dispose();
    }
    if (kind == Kind.BAR && valueLabels != null) paintValueLabels(g);
    g.setColor(FRAME);
    g.setStroke(new BasicStroke(0.8f));
    SvgGroups.paint(g, SvgGroups.PLOT_AREA, frameLine -> frameLine.draw(plotArea()));
    paintAxisTitles(g);
    if (legendShown()) SvgGroups.paint(g, SvgGroups.LEGEND, this::paintLegend);
  }

  private void paintGridAndTicks(Graphics2D g) {
    g.setStroke(new BasicStroke(0.5f));
    Font tick = l.tick;
    for (int i = 0; i < l.yTicks.values().size(); i++) {
      double y = l.py(l.yTicks.values().get(i));
      g.setColor(GRID);
      g.draw(new Line2D.Double(l.left, y, l.right, y));
      g.setColor(FRAME);
      g.draw(new Line2D.Double(l.left - TICK, y, l.left, y));
    }
    g.setColor(Color.BLACK);
    SvgGroups.paint(g, SvgGroups.Y_TICKS, labels -> {
      for (int i = 0; i < l.yTicks.values().size(); i++) {
        TextAnchor.drawMiddle(labels, l.yTicks.labels().get(i), tick, l.left - TICK - 2, l.py(l.yTicks.values()
            .get(i)), TextAnchor.Align.END);
      }
    });
    for (int i = 0; i < l.xTickValues.size(); i++) {
      double x = l.px(l.xTickValues.get(i));
      if (kind != Kind.BAR) {
        g.setColor(GRID);
        g.draw(new Line2D.Double(x, l.top, x, l.bottom));
      }
      g.setColor(FRAME);
      g.draw(new Line2D.Double(x, l.bottom, x, l.bottom + TICK));
      if (i % l.xLabelEvery != 0) continue;
      g.setColor(Color.BLACK);
      String s = l.xTickLabels.get(i);
      double y = l.bottom + TICK + 2;
      if (l.xLabelAngle == 0) {
        TextAnchor.draw(g, s, tick, x, y + l.tickCap, TextAnchor.Align.CENTRE);
      } else if (l.xLabelAngle == 45) {
        // the label's end sits just under its tick, reading up to the right
        double h = Math.sqrt(0.5) * l.tickCap / 2;
        TextAnchor.drawRotated(g, s, tick, x + h, y + h, -45, TextAnchor.Align.END);
      } else {
        TextAnchor.drawRotated(g, s, tick, x, y, -90, TextAnchor.Align.END);
      }
    }
  }

  private void paintLines(Graphics2D g) {
    // spreads first, so every line stays on top of every band
    for (Trace t : traces) {
      if (t.lo() == null || t.hi() == null) continue;
      if (categories == null) paintBand(g, t);
      else for (int i = 0; i < t.y().length; i++) errorBar(g, t.colour(), l.px(t.x()[i]), t.lo()[i], t.hi()[i], 6);
    }
    for (Trace t : traces) {
      g.setColor(t.colour());
      g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      Path2D.Double path = new Path2D.Double();
      boolean pen = false;
      for (int i = 0; i < t.y().length; i++) {
        if (!Double.isFinite(t.x()[i]) || !Double.isFinite(t.y()[i])) {
          pen = false;
          continue;
        }
        double x = l.px(t.x()[i]);
        double y = l.py(t.y()[i]);
        if (pen) path.lineTo(x, y);
        else path.moveTo(x, y);
        pen = true;
      }
      g.draw(path);
      double r = t.y().length > 40 ? 1.2 : 2;
      for (int i = 0; i < t.y().length; i++) {
        if (!Double.isFinite(t.x()[i]) || !Double.isFinite(t.y()[i])) continue;
        g.fill(new Ellipse2D.Double(l.px(t.x()[i]) - r, l.py(t.y()[i]) - r, 2 * r, 2 * r));
      }
    }
  }

  /** The band between lo and hi under a line: the line's colour at a fifth of its opacity. */
  private void paintBand(Graphics2D g, Trace t) {
    Path2D.Double band = new Path2D.Double();
    int n = 0;
    for (int i = 0; i < t.y().length; i++) {
      if (!Double.isFinite(t.x()[i]) || !Double.isFinite(t.lo()[i]) || !Double.isFinite(t.hi()[i])) continue;
      if (n++ == 0) band.moveTo(l.px(t.x()[i]), l.py(t.hi()[i]));
      else band.lineTo(l.px(t.x()[i]), l.py(t.hi()[i]));
    }
    for (int i = t.y().length - 1; i >= 0; i--) {
      if (!Double.isFinite(t.x()[i]) || !Double.isFinite(t.lo()[i]) || !Double.isFinite(t.hi()[i])) continue;
      band.lineTo(l.px(t.x()[i]), l.py(t.lo()[i]));
    }
    if (n < 2) return;
    band.closePath();
    Color c = t.colour();
    g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 51));
    g.fill(band);
  }

  /** A vertical error bar from lo to hi at x, with caps {@code cap} points wide, in a darker shade of the colour. */
  private void errorBar(Graphics2D g, Color colour, double x, double lo, double hi, double cap) {
    if (!Double.isFinite(lo) || !Double.isFinite(hi)) return;
    g.setColor(colour.darker());
    g.setStroke(new BasicStroke(0.9f));
    double y0 = l.py(lo);
    double y1 = l.py(hi);
    g.draw(new Line2D.Double(x, y0, x, y1));
    g.draw(new Line2D.Double(x - cap / 2, y0, x + cap / 2, y0));
    g.draw(new Line2D.Double(x - cap / 2, y1, x + cap / 2, y1));
  }

  private void paintPoints(Graphics2D g) {
    for (Trace t : traces) {
      g.setColor(t.colour());
      double r = 1.5;
      for (int i = 0; i < t.y().length; i++) {
        g.fill(new Ellipse2D.Double(l.px(t.x()[i]) - r, l.py(t.y()[i]) - r, 2 * r, 2 * r));
      }
    }
  }

  private double barWidth() {
    double slot = (l.right - l.left) / categories.size();
    return slot * 0.75 / traces.size();
  }

  private double barX(int category, int group) {
    double slot = (l.right - l.left) / categories.size();
    return l.left + category * slot + slot * 0.125 + group * barWidth();
  }

  private void paintBars(Graphics2D g) {
    double zero = l.py(0);
    double w = barWidth();
    for (int s = 0; s < traces.size(); s++) {
      Trace t = traces.get(s);
      g.setColor(t.colour());
      for (int c = 0; c < categories.size(); c++) {
        double v = t.y()[c];
        if (!Double.isFinite(v)) continue;
        double y = l.py(v);
        // a zero bar is still shown, as a line on the axis, so "none" reads differently from "missing"
        double h = Math.max(Math.abs(zero - y), 1.2);
        g.fill(new Rectangle2D.Double(barX(c, s), Math.min(y, zero - (v == 0 ? 1.2 : 0)), w, h));
      }
    }
    for (Trace t : traces) {
      if (t.lo() == null || t.hi() == null) continue;
      int s = traces.indexOf(t);
      for (int c = 0; c < categories.size(); c++) {
        errorBar(g, Color.BLACK, barX(c, s) + w / 2, t.lo()[c], t.hi()[c], Math.min(6, w * 0.6));
      }
    }
  }

  private void paintValueLabels(Graphics2D g) {
    Font font = l.tick;
    double w = barWidth();
    for (int s = 0; s < traces.size(); s++) {
      Trace t = traces.get(s);
      for (int c = 0; c < categories.size(); c++) {
        double v = t.y()[c];
        if (!Double.isFinite(v)) continue;
        String text = valueLabels.apply(v);
        double textW = Typography.width(font, text);
        if (textW > w + 1) {
          // too wide for a narrow bar: turned to read upwards inside the bar's top, when the bar is tall enough
          // (labels of neighbouring bars may not touch, so otherwise it is left out)
          double barH = Math.abs(l.py(0) - l.py(v));
          if (v <= 0 || barH < textW + 6 || w < l.tickLine) continue;
          g.setColor(HeatmapDrawing.textOn(t.colour().getRGB()));
          TextAnchor.drawRotated(g, text, font, barX(c, s) + w / 2, l.py(v) + 3 + textW / 2, -90,
              TextAnchor.Align.CENTRE);
          continue;
        }
        g.setColor(Color.BLACK);
        double y = Math.min(l.py(v), l.py(0)) - 2;
        TextAnchor.draw(g, text, font, barX(c, s) + w / 2, y, TextAnchor.Align.CENTRE);
      }
    }
  }

  private void paintAxisTitles(Graphics2D g) {
    g.setColor(Color.BLACK);
    Font label = Typography.label();
    if (frame.yAxis() != null) {
      double lh = Typography.lineHeight(label);
      TextAnchor.drawRotated(g, frame.yAxis(), label, MARGIN + lh / 2, (l.top + l.bottom) / 2, -90,
          TextAnchor.Align.CENTRE);
    }
    if (frame.xAxis() != null) {
      double baseline = l.height - MARGIN - (Typography.lineHeight(label) - Typography.capHeight(label)) / 2;
      TextAnchor.draw(g, frame.xAxis(), label, (l.left + l.right) / 2, baseline, TextAnchor.Align.CENTRE);
    }
  }

  private void paintLegend(Graphics2D g) {
    double x0 = l.right + LEGEND_GAP;
    for (int i = 0; i < traces.size(); i++) {
      Trace t = traces.get(i);
      int col = i / l.legendRows;
      int row = i % l.legendRows;
      double x = x0 + col * (l.legendColumnWidth + GAP * 3);
      double y = l.top + (row + 0.5) * l.legendRow;
      g.setColor(t.colour());
      switch (kind) {
        case LINE -> {
          g.setStroke(new BasicStroke(1.2f));
          g.draw(new Line2D.Double(x, y, x + SWATCH, y));
          g.fill(new Ellipse2D.Double(x + SWATCH / 2 - 2, y - 2, 4, 4));
        }
        case SCATTER -> g.fill(new Ellipse2D.Double(x + SWATCH / 2 - 3, y - 3, 6, 6));
        case BAR -> g.fill(new Rectangle2D.Double(x + 2, y - 4, SWATCH - 4, 8));
      }
      g.setColor(Color.BLACK);
      TextAnchor.drawMiddle(g, t.name(), l.tick, x + SWATCH + GAP, y, TextAnchor.Align.START);
    }
  }
}
