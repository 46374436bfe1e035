package org.deepfig.analysis.embedding;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.deepfig.embed.Bounds;
import org.deepfig.render.Drawing;
import org.deepfig.render.Palette;
import org.deepfig.render.Rasters;
import org.deepfig.render.TextAnchor;
import org.deepfig.render.Typography;

/**
 * The inputs placed at their t-SNE positions: the embedding's bounding square is cut into {@code cells × cells}
 * cells and each cell shows the input of the point nearest its centre, among the points inside it (empty cells stay
 * empty), framed in its class colour; the usual "t-SNE grid" view (e.g. Karpathy's CNN-codes visualisation), which
 * shows what the regions of the map hold.
 */
final class ImageGrid implements Drawing {
  static final double CELL = 18;
  private static final double HEAD = 22;
  private final String title;
  private final int cells;
  private final int[] chosen;
  private final List<BufferedImage> thumbs;
  private final int[] labels;

  /**
   * @param xy the 2-D embedding (x0, y0, x1, y1, …)
   * @param thumbnail the input of point i as an image
   */
  ImageGrid(String title, double[] xy, int[] labels, int cells, java.util.function.IntFunction<BufferedImage> thumbnail) {
    this.title = title;
    this.cells = cells;
    this.labels = labels;
    this.chosen = assign(xy, labels.length, cells);
    this.thumbs = new ArrayList<>();
    for (int p : chosen) thumbs.add(p < 0 ? null : thumbnail.apply(p));
  }

  /** For each cell (row-major, y down), the point nearest its centre among those inside it, or −1. */
  static int[] assign(double[] xy, int n, int cells) {
    Bounds.Square square = Bounds.of(xy, n).square(1e-12);
    double ox = square.minX();
    double oy = square.minY();
    double size = square.side() / cells;
    int[] best = new int[cells * cells];
    double[] dist = new double[cells * cells];
    java.util.Arrays.fill(best, -1);
    java.util.Arrays.fill(dist, Double.POSITIVE_INFINITY);
    for (int i = 0; i < n; i++) {
      double fx = (xy[2 * i] - ox) / size;
      double fy = (xy[2 * i + 1] - oy) / size;
      int cx = Math.min(cells - 1, (int) fx);
      int cy = Math.min(cells - 1, (int) fy);
      double dx = fx - (cx + 0.5);
      double dy = fy - (cy + 0.5);
      double d = dx * dx + dy * dy;
      int cell = cy * cells + cx;
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

  double cellOrigin(int index) {
    return index * CELL;
  }

  static double head() {
    return HEAD;
  }

  @Override
  public double width() {
    return cells * CELL;
  }

  @Override
  public double height() {
    return HEAD + cells * CELL;
  }

  @Override
  public void paint(Graphics2D g) {
    g.setColor(Color.BLACK);
    TextAnchor.draw(g, title, Typography.bold(Typography.LABEL_SIZE), width() / 2, 13, TextAnchor.Align.CENTRE);
    g.setStroke(new BasicStroke(1.2f));
    for (int c = 0; c < chosen.length; c++) {
      if (chosen[c] < 0) continue;
      double x = (c % cells) * CELL;
      double y = HEAD + (c / cells) * CELL;
      Rasters.draw(g, thumbs.get(c), x + 1.2, y + 1.2, CELL - 2.4, CELL - 2.4);
      g.setColor(Palette.categorical(labels[chosen[c]]));
      g.draw(new Rectangle2D.Double(x + 0.6, y + 0.6, CELL - 1.2, CELL - 1.2));
    }
  }
}
