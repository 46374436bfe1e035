package org.deepfig.analysis.embedding;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.deepfig.embed.Bounds;
import org.deepfig.render.FigureStyle;
import org.deepfig.render.Drawing;
import org.deepfig.render.Palette;
import org.deepfig.render.Rasters;
import org.deepfig.render.TextAnchor;
import org.deepfig.render.Typography;

/**
 * The inputs placed at their t-SNE positions: the embedding's bounding box is cut into square cells, {@code cells}
 * along its longer side, and each cell shows the input of the point nearest its centre, among the points inside it (empty cells stay
 * empty), framed in its class colour; the usual "t-SNE grid" view (e.g. Karpathy's CNN-codes visualisation), which
 * shows what the regions of the map hold.
 */
final class ImageGrid implements Drawing {
  /** Side of a cell when the figure's width allows it. */
  static final double MAX_CELL = 18;
  private static final double HEAD = 22;
  private static final double MARGIN = 6;
  private final String title;
  private final int columns;
  private final int rows;
  private final int[] chosen;
  private final List<BufferedImage> thumbs;
  private final int[] labels;
  private final double cell;
  private final double head;

  /**
   * @param xy the 2-D embedding (x0, y0, x1, y1, …)
   * @param thumbnail the input of point i as an image
   */
  ImageGrid(String title, double[] xy, int[] labels, int cells, java.util.function.IntFunction<BufferedImage> thumbnail) {
    this.title = title;
    int[] shape = shape(xy, labels.length, cells);
    this.columns = shape[0];
    this.rows = shape[1];
    this.labels = labels;
    this.chosen = assign(xy, labels.length, cells);
    this.thumbs = new ArrayList<>();
    for (int p : chosen) thumbs.add(p < 0 ? null : thumbnail.apply(p));
    this.cell = Math.max(6, Math.min(MAX_CELL, (FigureStyle.current().layoutWidth() - 2 * MARGIN) / columns));
    this.head = title == null ? 0 : HEAD;
  }

  /** Side of one cell in points. */
  double cell() {
    return cell;
  }

  /**
   * Columns and rows: {@code cells} along the map's longer side and as many as its extent needs along the other, so
   * a wide map leaves no empty band above and below it (both axes keep one scale).
   */
  static int[] shape(double[] xy, int n, int cells) {
    Bounds b = Bounds.of(xy, n);
    double w = Math.max(b.width(), 1e-12);
    double h = Math.max(b.height(), 1e-12);
    int shorter = (int) Math.max(1, Math.min(cells, Math.ceil(cells * Math.min(w, h) / Math.max(w, h) - 1e-9)));
    return w >= h ? new int[] {cells, shorter} : new int[] {shorter, cells};
  }

  /** For each cell (row-major, y down), the point nearest its centre among those inside it, or −1. */
  static int[] assign(double[] xy, int n, int cells) {
    int[] shape = shape(xy, n, cells);
    int columns = shape[0];
    int rows = shape[1];
    Bounds b = Bounds.of(xy, n);
    double size = Math.max(Math.max(b.width() / columns, b.height() / rows), 1e-12);
    // the map centred in the grid
    double ox = b.minX() - (columns * size - b.width()) / 2;
    double oy = b.minY() - (rows * size - b.height()) / 2;
    int[] best = new int[columns * rows];
    double[] dist = new double[columns * rows];
    java.util.Arrays.fill(best, -1);
    java.util.Arrays.fill(dist, Double.POSITIVE_INFINITY);
    for (int i = 0; i < n; i++) {
      double fx = (xy[2 * i] - ox) / size;
      double fy = (xy[2 * i + 1] - oy) / size;
      int cx = Math.max(0, Math.min(columns - 1, (int) fx));
      int cy = Math.max(0, Math.min(rows - 1, (int) fy));
      double dx = fx - (cx + 0.5);
      double dy = fy - (cy + 0.5);
      double d = dx * dx + dy * dy;
      int cell = cy * columns + cx;
      if (d < dist[cell]) { // ties keep the lower index: deterministic
        dist[cell] = d;
        best[cell] = i;
      }
    }
    return best;
  }

  /** The point shown in each cell (row-major), −1 for an empty cell. */
  int[] chosen() {
    return chosen.clone();
  }

  int columns() {
    return columns;
  }

  int rows() {
    return rows;
  }

  /** Drawing coordinates of the top-left corner of cell {@code c} (row-major). */
  double[] cellOrigin(int c) {
    return new double[] {left() + (c % columns) * cell, MARGIN + head + (c / columns) * cell};
  }

  private double left() {
    return (width() - columns * cell) / 2;
  }

  @Override
  public double width() {
    double title = this.title == null ? 0 : Typography.width(Typography.bold(Typography.LABEL_SIZE), this.title);
    return Math.ceil(2 * MARGIN + Math.max(title, columns * cell));
  }

  @Override
  public double height() {
    return Math.ceil(2 * MARGIN + head + rows * cell);
  }

  @Override
  public void paint(Graphics2D g) {
    g.setColor(Color.BLACK);
    if (title != null) {
      TextAnchor.draw(g, title, Typography.bold(Typography.LABEL_SIZE), width() / 2, MARGIN + 11,
          TextAnchor.Align.CENTRE);
    }
    g.setStroke(new BasicStroke(1.2f));
    for (int c = 0; c < chosen.length; c++) {
      if (chosen[c] < 0) continue;
      double[] o = cellOrigin(c);
      double x = o[0];
      double y = o[1];
      Rasters.draw(g, thumbs.get(c), x + 1.2, y + 1.2, cell - 2.4, cell - 2.4);
      g.setColor(Palette.categorical(labels[chosen[c]]));
      g.draw(new Rectangle2D.Double(x + 0.6, y + 0.6, cell - 1.2, cell - 1.2));
    }
  }
}
