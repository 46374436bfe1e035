package org.deepfig.render;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.util.ArrayList;
import java.util.List;

/**
 * Drawings laid side by side (a row) or stacked (a column), top-aligned, with a gap between them; or wrapped into a
 * grid that fits the {@linkplain FigureStyle#layoutWidth() width of the style in force}, lettered (a), (b), … when the
 * style asks for panel letters.
 */
public final class Panels implements Drawing {
  private final List<Drawing> parts;
  private final boolean row;
  private final double gap;

  private Panels(List<Drawing> parts, boolean row, double gap) {
    if (parts.isEmpty()) throw new IllegalArgumentException("no panels");
    this.parts = List.copyOf(parts);
    this.row = row;
    this.gap = gap;
  }

  public static Panels row(double gap, List<? extends Drawing> parts) {
    return new Panels(List.copyOf(parts), true, gap);
  }

  public static Panels column(double gap, List<? extends Drawing> parts) {
    return new Panels(List.copyOf(parts), false, gap);
  }

  /**
   * The panels in rows of equal count that fit the current style's width: as many columns as fit, then rows balanced
   * (ten panels that fit seven to a row become two rows of five). Lettered when the style says so.
   */
  public static PanelGrid grid(double gap, List<? extends Drawing> parts) {
    if (parts.isEmpty()) throw new IllegalArgumentException("no panels");
    FigureStyle style = FigureStyle.current();
    boolean letters = style.panelLetters() && parts.size() > 1;
    List<Drawing> cells = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) cells.add(letters ? new Lettered(parts.get(i), i) : parts.get(i));
    return new PanelGrid(cells, columnsThatFit(cells, gap, style.layoutWidth()), gap);
  }

  /**
   * {@code main} with {@code side} (a legend) on its right when both fit the style's width, else below it; main
   * stays at (0, 0).
   */
  public static Drawing beside(double gap, Drawing main, Drawing side) {
    boolean fits = main.width() + gap + side.width() <= FigureStyle.current().layoutWidth();
    return fits ? row(gap, List.of(main, side)) : column(gap, List.of(main, side));
  }

  /** Panels in rows, each row as tall as its tallest panel, panels top-aligned. */
  public static final class PanelGrid extends MeasuredDrawing {
    private final List<Drawing> cells;
    private final int columns;
    private final double gap;
    private final double[] rowTops;

    private PanelGrid(List<Drawing> cells, int columns, double gap) {
      this.cells = List.copyOf(cells);
      this.columns = columns;
      this.gap = gap;
      int rows = (cells.size() + columns - 1) / columns;
      rowTops = new double[rows];
      double y = 0;
      double w = 0;
      for (int r = 0; r < rows; r++) {
        rowTops[r] = y;
        double rowH = 0;
        double rowW = -gap;
        for (int i = r * columns; i < Math.min(cells.size(), (r + 1) * columns); i++) {
          rowH = Math.max(rowH, cells.get(i).height());
          rowW += cells.get(i).width() + gap;
        }
        w = Math.max(w, rowW);
        y += rowH + (r < rows - 1 ? gap : 0);
      }
      width = w;
      height = y;
    }

    public int columns() {
      return columns;
    }

    /** Top-left corner of panel {@code i}'s own drawing (below its letter, if lettered). */
    public double[] origin(int i) {
      double x = 0;
      int r = i / columns;
      for (int j = r * columns; j < i; j++) x += cells.get(j).width() + gap;
      double y = rowTops[r] + (cells.get(i) instanceof Lettered l ? l.band : 0);
      return new double[] {x, y};
    }

    @Override
    public void paint(Graphics2D g) {
      AffineTransform saved = g.getTransform();
      for (int i = 0; i < cells.size(); i++) {
        double x = 0;
        int r = i / columns;
        for (int j = r * columns; j < i; j++) x += cells.get(j).width() + gap;
        g.setTransform(saved);
        g.translate(x, rowTops[r]);
        cells.get(i).paint(g);
      }
      g.setTransform(saved);
    }
  }

  /** Columns of a balanced grid of {@code cells} whose rows fit {@code width} (at least one). */
  static int columnsThatFit(List<? extends Drawing> cells, double gap, double width) {
    int n = cells.size();
    int fit = 1;
    for (int c = n; c >= 1; c--) {
      if (widestRow(cells, c, gap) <= width) {
        fit = c;
        break;
      }
    }
    int rows = (n + fit - 1) / fit;
    return (n + rows - 1) / rows;
  }

  private static double widestRow(List<? extends Drawing> cells, int columns, double gap) {
    double widest = 0;
    for (int i = 0; i < cells.size(); i += columns) {
      double w = -gap;
      for (int j = i; j < Math.min(cells.size(), i + columns); j++) w += cells.get(j).width() + gap;
      widest = Math.max(widest, w);
    }
    return widest;
  }

  /** The letter of panel {@code index}: (a), (b), … (z), (aa), …. */
  public static String letter(int index) {
    String s = "";
    int i = index;
    do {
      s = (char) ('a' + i % 26) + s;
      i = i / 26 - 1;
    } while (i >= 0);
    return "(" + s + ")";
  }

  /** A panel with its letter in bold above its top-left corner, as journals set them. */
  private static final class Lettered implements Drawing {
    private final Drawing inner;
    private final String letter;
    private final java.awt.Font font = Typography.bold(Typography.LABEL_SIZE);
    private final double band = Math.ceil(Typography.lineHeight(font)) + 2;

    Lettered(Drawing inner, int index) {
      this.inner = inner;
      this.letter = letter(index);
    }

    @Override
    public double width() {
      return Math.max(inner.width(), Typography.width(font, letter) + 2);
    }

    @Override
    public double height() {
      return band + inner.height();
    }

    @Override
    public void paint(Graphics2D g) {
      g.setColor(java.awt.Color.BLACK);
      TextAnchor.draw(g, letter, font, 1, Typography.capHeight(font) + 1, TextAnchor.Align.START);
      AffineTransform saved = g.getTransform();
      g.translate(0, band);
      inner.paint(g);
      g.setTransform(saved);
    }
  }

  @Override
  public double width() {
    return row ? sum(true) : max(true);
  }

  @Override
  public double height() {
    return row ? max(false) : sum(false);
  }

  private double sum(boolean widths) {
    double s = gap * (parts.size() - 1);
    for (Drawing d : parts) s += widths ? d.width() : d.height();
    return s;
  }

  private double max(boolean widths) {
    double m = 0;
    for (Drawing d : parts) m = Math.max(m, widths ? d.width() : d.height());
    return m;
  }

  @Override
  public void paint(Graphics2D g) {
    AffineTransform saved = g.getTransform();
    double offset = 0;
    for (Drawing d : parts) {
      g.setTransform(saved);
      if (row) g.translate(offset, 0);
      else g.translate(0, offset);
      d.paint(g);
      offset += (row ? d.width() : d.height()) + gap;
    }
    g.setTransform(saved);
  }
}
