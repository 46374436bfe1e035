package org.deepfig.analysis.embedding;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import org.deepfig.embed.Bounds;
import org.deepfig.render.Drawing;
import org.deepfig.render.Palette;
import org.deepfig.render.TextAnchor;
import org.deepfig.render.Typography;

/**
 * One 2-D projection: points coloured by class in a square frame, a title and a subtitle (the score). Axes of t-SNE
 * carry no meaning, so none are drawn. {@link #position} maps a point to drawing coordinates (for hover hotspots).
 * Above {@link #RASTER_ABOVE} points the dots are drawn as one raster image at {@link #RASTER_DPI} inside the vector
 * frame.
 */
public final class ScatterPanel implements Drawing {
  /** Side of the square plot when the figure's width allows it, and the least it shrinks to. */
  static final double PLOT = 150;
  static final double MIN_PLOT = 72;
  static final double PAD = 4;
  private static final double HEAD = 30;
  private final String title;
  private final String subtitle;
  private final double[] xy;
  private final int[] labels;
  private final double minX;
  private final double minY;
  private final double scale;
  private final double plot;
  private final double width;

  ScatterPanel(String title, String subtitle, double[] xy, int[] labels) {
    this(title, subtitle, xy, labels, PLOT);
  }

  /** @param plot side of the square plot in points (see {@link #sizeFor}) */
  public ScatterPanel(String title, String subtitle, double[] xy, int[] labels, double plot) {
    this.plot = plot;
    // the panel is as wide as its title and subtitle, so neighbouring titles never touch
    this.width = Math.max(plot, Math.max(Typography.width(Typography.bold(Typography.LABEL_SIZE), title),
        Typography.width(Typography.caption(), subtitle)) + 2);
    this.title = title;
    this.subtitle = subtitle;
    this.xy = xy;
    this.labels = labels;
    // keep the aspect ratio: t-SNE distances are isotropic
    Bounds.Square square = Bounds.of(xy, labels.length).square(1e-12);
    this.scale = (plot - 2 * PAD) / square.side();
    this.minX = square.minX();
    this.minY = square.minY();
  }

  /**
   * The plot side for {@code panels} panels side by side in the style's width less {@code reserve}: as large as
   * {@link #PLOT}, shrinking to {@link #MIN_PLOT} to keep up to three in a row before a row breaks.
   */
  public static double sizeFor(int panels, double gap, double reserve) {
    double room = org.deepfig.render.FigureStyle.current().layoutWidth() - reserve;
    for (int c = Math.min(3, Math.max(1, panels)); c >= 1; c--) {
      double s = (room - (c - 1) * gap) / c;
      if (s >= MIN_PLOT) return Math.floor(Math.min(PLOT, s));
    }
    return MIN_PLOT;
  }

  @Override
  public double width() {
    return width;
  }

  @Override
  public double height() {
    return HEAD + plot;
  }

  /** Left edge of the plot inside the panel (the plot is centred under a wider title). */
  private double left() {
    return (width - plot) / 2;
  }

  /** Drawing coordinates of point i. */
  double[] position(int i) {
    return new double[] {left() + PAD + (xy[2 * i] - minX) * scale, HEAD + PAD + (xy[2 * i + 1] - minY) * scale};
  }

  @Override
  public void paint(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.BLACK);
    TextAnchor.draw(g, title, Typography.bold(Typography.LABEL_SIZE), width / 2, 11, TextAnchor.Align.CENTRE);
    g.setColor(new Color(0x55, 0x55, 0x60));
    TextAnchor.draw(g, subtitle, Typography.caption(), width / 2, 24, TextAnchor.Align.CENTRE);
    g.setColor(new Color(0xCC, 0xCC, 0xD4));
    g.setStroke(new BasicStroke(0.6f));
    // grouped as the plot area, so the layout checker sees any text lying across the frame
    org.deepfig.render.SvgGroups.paint(g, org.deepfig.render.SvgGroups.PLOT_AREA,
        frame -> frame.draw(new Rectangle2D.Double(left() + 0.3, HEAD + 0.3, plot - 0.6, plot - 0.6)));
    double r = radius();
    if (rasterised()) {
      paintRaster(g, r);
      return;
    }
    for (int i = 0; i < labels.length; i++) {
      double[] p = position(i);
      g.setColor(Palette.categorical(labels[i]));
      g.fill(new Ellipse2D.Double(p[0] - r, p[1] - r, 2 * r, 2 * r));
    }
  }

  /** Above this many points a panel's dots are one raster image (title, subtitle and frame stay vector). */
  static final int RASTER_ABOVE = 3000;

  /** Pixels per inch of the raster layer. */
  static final double RASTER_DPI = 300;

  boolean rasterised() {
    return labels.length > RASTER_ABOVE;
  }

  private double radius() {
    return labels.length > 2000 ? 0.9 : 1.3;
  }

  /**
   * The dots drawn into one image inside the frame, in the same order and colours as the vector dots, so an SVG or
   * PDF of 10,000 points per panel holds one compressed picture instead of 10,000 paths.
   */
  private void paintRaster(Graphics2D g, double r) {
    double inset = 0.6; // inside the frame's stroke
    double x0 = left() + inset;
    double y0 = HEAD + inset;
    double side = plot - 2 * inset;
    int px = (int) Math.ceil(side / 72 * RASTER_DPI);
    double k = px / side;
    BufferedImage image = new BufferedImage(px, px, BufferedImage.TYPE_INT_RGB);
    Graphics2D ig = image.createGraphics();
    try {
      ig.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      ig.setColor(Color.WHITE);
      ig.fillRect(0, 0, px, px);
      for (int i = 0; i < labels.length; i++) {
        double[] p = position(i);
        ig.setColor(Palette.categorical(labels[i]));
        ig.fill(new Ellipse2D.Double((p[0] - r - x0) * k, (p[1] - r - y0) * k, 2 * r * k, 2 * r * k));
      }
    } finally {
      ig.dispose();
    }
    Graphics2D g2 = (Graphics2D) g.create();
    try {
      g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      AffineTransform at = new AffineTransform();
      at.translate(x0, y0);
      at.scale(1 / k, 1 / k);
      g2.drawImage(image, at, null);
    } finally {
      g2.dispose();
    }
  }
}
