package org.deepfig.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * A labelled matrix of values: each cell coloured and, when it fits, written in a colour that contrasts with its
 * fill; row names on the left, column names below (turned 45° when they are wider than a cell), a colour bar on the
 * right. The confusion matrix is the first use: rows are the true class, columns the predicted one.
 */
public final class HeatmapDrawing implements Drawing {
  private static final double MARGIN = 8;
  private static final double GAP = 4;
  private static final double LABEL_GAP = 3;
  private static final double COLOUR_BAR_GAP = 10;
  /** Widest a row or column label is drawn, in points (about 28 characters at tick size). */
  static final double MAX_LABEL = 110;

  private final Builder b;
  private final Layout layout;

  private HeatmapDrawing(Builder b) {
    this.b = b;
    this.layout = new Layout(b);
  }

  /** Rows = true class, columns = predicted class, cells = counts, coloured by count. */
  public static HeatmapDrawing confusionMatrix(int[][] counts, List<String> classNames) {
    double[][] values = new double[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      values[i] = new double[counts[i].length];
      for (int j = 0; j < counts[i].length; j++) values[i][j] = counts[i][j];
    }
    return builder(values)
        .setRowLabels(classNames)
        .setColumnLabels(classNames)
        .optTitle("Confusion matrix")
        .optAxisTitles("True class", "Predicted class")
        .optColourBarLabel("count")
        .optValueFormat(v -> Long.toString(Math.round(v)))
        .build();
  }

  public static Builder builder(double[][] values) {
    return new Builder(values);
  }

  @Override
  public double width() {
    return layout.width;
  }

  @Override
  public double height() {
    return layout.height;
  }

  /** Where cell (row, column) is drawn, in the drawing's points (for hover annotations). */
  public Rectangle2D cellBounds(int row, int column) {
    return new Rectangle2D.Double(layout.matrixX + column * layout.cell, layout.matrixY + row * layout.cell,
        layout.cell, layout.cell);
  }

  @Override
  public void paint(Graphics2D g) {
    Layout l = layout;
    int rows = b.values.length;
    int cols = b.values[0].length;
    g.setColor(Color.BLACK);
    if (b.title != null) {
      TextAnchor.draw(g, b.title, Typography.title(), l.matrixX + l.matrixW / 2, l.titleBaseline,
          TextAnchor.Align.CENTRE);
    }
    // the cells go in as one image: adjacent filled rectangles leave antialiasing seams in every backend
    BufferedImage cells = new BufferedImage(cols, rows, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) cells.setRGB(j, i, b.colourMap.rgb(b.values[i][j], b.normalisation));
    }
    Rasters.draw(g, cells, l.matrixX, l.matrixY, l.matrixW, l.matrixH);
    if (l.valuesFit) {
      Font cellFont = Typography.tick();
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          g.setColor(textOn(cells.getRGB(j, i)));
          TextAnchor.drawMiddle(g, b.valueFormat.apply(b.values[i][j]), cellFont, l.matrixX + (j + 0.5) * l.cell,
              l.matrixY + (i + 0.5) * l.cell, TextAnchor.Align.CENTRE);
        }
      }
    }
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(0.5f));
    g.draw(new Rectangle2D.Double(l.matrixX, l.matrixY, l.matrixW, l.matrixH));

    Font labelFont = Typography.tick();
    for (int i = 0; i < rows; i += l.labelEvery) {
      TextAnchor.drawMiddle(g, l.rowLabels.get(i), labelFont, l.matrixX - LABEL_GAP,
          l.matrixY + (i + 0.5) * l.cell, TextAnchor.Align.END);
    }
    for (int j = 0; j < cols; j += l.labelEvery) {
      double cx = l.matrixX + (j + 0.5) * l.cell;
      String s = l.columnLabels.get(j);
      if (l.rotateColumns) {
        // anchored at the label's end, just under the column centre, reading up to the right
        double top = l.matrixY + l.matrixH + LABEL_GAP;
        TextAnchor.drawRotated(g, s, labelFont, cx + l.capHeight / 2, top + l.capHeight / 2, -45,
            TextAnchor.Align.END);
      } else {
        TextAnchor.draw(g, s, labelFont, cx, l.matrixY + l.matrixH + LABEL_GAP + l.capHeight,
            TextAnchor.Align.CENTRE);
      }
    }
    Font axisFont = Typography.label();
    if (b.columnAxis != null) {
      TextAnchor.draw(g, b.columnAxis, axisFont, l.matrixX + l.matrixW / 2, l.columnAxisBaseline,
          TextAnchor.Align.CENTRE);
    }
    if (b.rowAxis != null) {
      TextAnchor.drawRotated(g, b.rowAxis, axisFont, l.rowAxisX, l.matrixY + l.matrixH / 2, -90,
          TextAnchor.Align.CENTRE);
    }
    Graphics2D bar = (Graphics2D) g.create();
    try {
      bar.translate(l.colourBarX, l.matrixY - ColourBar.inset());
      l.colourBar.paint(bar);
    } finally {
      bar.dispose();
    }
  }

  /** Black or white, whichever contrasts more with the fill (WCAG relative luminance). */
  static Color textOn(int rgb) {
    double lum = 0.2126 * linear(rgb >> 16) + 0.7152 * linear(rgb >> 8) + 0.0722 * linear(rgb);
    // contrast with black (lum+0.05)/0.05 equals contrast with white 1.05/(lum+0.05) at lum ≈ 0.179
    return lum > 0.179 ? Color.BLACK : Color.WHITE;
  }

  private static double linear(int channel) {
    double c = (channel & 0xff) / 255.0;
    return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }

  /** Where everything goes, computed once from text metrics so all three encoders see the same figure. */
  private static final class Layout {
    final double cell;
    /** Every k-th row and column is labelled when the cells are thinner than a line of label text. */
    final int labelEvery;
    final boolean valuesFit;
    final boolean rotateColumns;
    final double capHeight;
    final double titleBaseline;
    final double rowAxisX;
    final double matrixX;
    final double matrixY;
    final double matrixW;
    final double matrixH;
    final double columnAxisBaseline;
    final double colourBarX;
    final ColourBar colourBar;
    final double width;
    final double height;

    /** The labels as drawn: a name longer than {@link #MAX_LABEL} points is cut with an ellipsis (tables keep it). */
    final List<String> rowLabels;
    final List<String> columnLabels;

    Layout(Builder b) {
      Font tick = Typography.tick();
      rowLabels = b.rowLabels.stream().map(t -> shortened(tick, t)).toList();
      columnLabels = b.columnLabels.stream().map(t -> shortened(tick, t)).toList();
      Font axis = Typography.label();
      capHeight = Typography.capHeight(tick);
      double widestValue = 0;
      for (double[] row : b.values) {
        for (double v : row) widestValue = Math.max(widestValue, Typography.width(tick, b.valueFormat.apply(v)));
      }
      double natural = b.cellSize > 0 ? b.cellSize : Math.max(16, Math.ceil(widestValue + 6));
      // the cells shrink to fit the style's width (labels and colour bar keep their size); values then may not fit
      double fixed = 2 * MARGIN + (b.rowAxis != null ? Typography.lineHeight(axis) + GAP : 0)
          + Typography.widest(tick, rowLabels) + LABEL_GAP + COLOUR_BAR_GAP
          + new ColourBar(b.colourMap, b.normalisation, b.colourBarLabel, 100).width();
      double room = (FigureStyle.current().layoutWidth() - fixed) / b.values[0].length;
      cell = Math.max(4, Math.min(natural, Math.floor(room * 4) / 4));
      valuesFit = b.showValues && widestValue + 2 <= cell;
      double line = Typography.lineHeight(tick);
      double widestColumn = Typography.widest(tick, columnLabels);
      // rotated 45°, neighbouring column labels are cell·√½ apart; level row labels a cell apart
      labelEvery = (int) Math.max(1, Math.ceil(line / (widestColumn > cell - 2 ? cell * Math.sqrt(0.5) : cell)));
      rotateColumns = widestColumn > cell - 2;
      double diagonal = Math.sqrt(0.5);
      double columnLabelsH =
          rotateColumns ? (widestColumn + capHeight) * diagonal + capHeight : capHeight;

      double y = MARGIN;
      titleBaseline = y + Typography.capHeight(Typography.title());
      if (b.title != null) y = titleBaseline + GAP * 2;
      matrixY = y;
      matrixH = cell * b.values.length;
      matrixW = cell * b.values[0].length;

      double x = MARGIN;
      rowAxisX = x + Typography.capHeight(axis) / 2 + 1;
      if (b.rowAxis != null) x += Typography.lineHeight(axis) + GAP;
      x += Typography.widest(tick, rowLabels) + LABEL_GAP;
      // rotated column labels lean left under the matrix; make sure the first one does not leave the page
      double lean = rotateColumns ? (widestColumn * diagonal) - (cell / 2) - (x - MARGIN) : 0;
      // the title is centred over the matrix: a matrix narrower than its title (two classes) moves right to fit it
      double halfTitle = b.title == null ? 0 : Typography.width(Typography.title(), b.title) / 2;
      matrixX = Math.max(x + Math.max(0, lean), MARGIN + halfTitle - matrixW / 2);

      double below = matrixY + matrixH + LABEL_GAP + columnLabelsH;
      columnAxisBaseline = below + GAP + Typography.capHeight(axis);
      double bottom = b.columnAxis != null ? columnAxisBaseline + Typography.lineHeight(axis) / 3 : below;

      colourBarX = matrixX + matrixW + COLOUR_BAR_GAP;
      colourBar = new ColourBar(b.colourMap, b.normalisation, b.colourBarLabel, matrixH);
      width = Math.ceil(Math.max(colourBarX + colourBar.width(), matrixX + matrixW / 2 + halfTitle) + MARGIN);
      height = Math.ceil(Math.max(bottom, matrixY - ColourBar.inset() + colourBar.height()) + MARGIN);
    }

    /** {@code text}, or its longest prefix that fits {@link #MAX_LABEL} points with "…" after it. */
    static String shortened(Font font, String text) {
      if (Typography.width(font, text) <= MAX_LABEL) return text;
      int lo = 0;
      int hi = text.length();
      while (lo < hi) { // the longest prefix whose shortened form fits
        int mid = (lo + hi + 1) / 2;
        if (Typography.width(font, text.substring(0, mid).strip() + "…") <= MAX_LABEL) lo = mid;
        else hi = mid - 1;
      }
      return text.substring(0, lo).strip() + "…";
    }
  }

  /** Required values are {@code set…}, optional ones {@code opt…}, as in DJL's builders. */
  public static final class Builder {
    private final double[][] values;
    private List<String> rowLabels;
    private List<String> columnLabels;
    private String title;
    private String rowAxis;
    private String columnAxis;
    private String colourBarLabel;
    private ColourMap colourMap = ColourMap.sequential(ColourMap.viridis());
    private Normalisation normalisation;
    private DoubleFunction<String> valueFormat = v -> String.format(Locale.ROOT, "%.2f", v);
    private boolean showValues = true;
    private double cellSize;

    private Builder(double[][] values) {
      if (values.length == 0 || values[0].length == 0) throw new IllegalArgumentException("heat map has no cells");
      for (double[] row : values) {
        if (row.length != values[0].length) throw new IllegalArgumentException("heat map rows differ in length");
      }
      double[][] copy = new double[values.length][];
      for (int i = 0; i < values.length; i++) copy[i] = values[i].clone();
      this.values = copy;
    }

    public Builder setRowLabels(List<String> labels) {
      this.rowLabels = List.copyOf(labels);
      return this;
    }

    public Builder setColumnLabels(List<String> labels) {
      this.columnLabels = List.copyOf(labels);
      return this;
    }

    public Builder optTitle(String title) {
      this.title = title;
      return this;
    }

    /** Titles of the row axis (left, reading upwards) and the column axis (below). */
    public Builder optAxisTitles(String rowAxis, String columnAxis) {
      this.rowAxis = rowAxis;
      this.columnAxis = columnAxis;
      return this;
    }

    public Builder optColourBarLabel(String label) {
      this.colourBarLabel = label;
      return this;
    }

    public Builder optColourMap(ColourMap map) {
      this.colourMap = map;
      return this;
    }

    /** Defaults to the colour map's own: min..max, or ±max|v| for a diverging map. */
    public Builder optNormalisation(Normalisation normalisation) {
      this.normalisation = normalisation;
      return this;
    }

    public Builder optValueFormat(DoubleFunction<String> format) {
      this.valueFormat = format;
      return this;
    }

    public Builder optShowValues(boolean show) {
      this.showValues = show;
      return this;
    }

    /** Side of a cell in points; by default just wide enough for the widest value. */
    public Builder optCellSize(double points) {
      this.cellSize = points;
      return this;
    }

    public HeatmapDrawing build() {
      int rows = values.length;
      int cols = values[0].length;
      if (rowLabels == null || rowLabels.size() != rows) {
        throw new IllegalArgumentException("need " + rows + " row labels, got " + size(rowLabels));
      }
      if (columnLabels == null || columnLabels.size() != cols) {
        throw new IllegalArgumentException("need " + cols + " column labels, got " + size(columnLabels));
      }
      if (normalisation == null) {
        float[] flat = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
          for (int j = 0; j < cols; j++) flat[i * cols + j] = (float) values[i][j];
        }
        normalisation = colourMap.normalisationFor(flat);
      }
      return new HeatmapDrawing(this);
    }

    private static int size(List<String> l) {
      return l == null ? 0 : l.size();
    }
  }
}
