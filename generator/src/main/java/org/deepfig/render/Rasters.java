package org.deepfig.render;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * Turns float arrays (saliency maps, activations, input images) into images, and draws images so each source pixel
 * stays a crisp square. Arrays are row-major: a map is H×W, an image C×H×W with C = 1 (grey) or 3 (RGB).
 */
public final class Rasters {
  /**
   * Vector viewers smooth embedded images when they scale them up, which turns a 28×28 digit into a blur. Images are
   * therefore upscaled by an integer factor (nearest neighbour) until they have about this many pixels per inch of
   * figure, so any smoothing a viewer applies only softens the edges of each square.
   */
  private static final double EMBED_DPI = 300;

  private static final int MAX_EMBED_SIDE = 4096;

  private Rasters() {}

  /** A H×W map coloured through {@code map} under {@code normalisation}. */
  public static BufferedImage ofMap(float[] values, int h, int w, ColourMap map, Normalisation normalisation) {
    checkLength(values, 1, h, w);
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) image.setRGB(x, y, map.rgb(values[y * w + x], normalisation));
    }
    return image;
  }

  /** A H×W map coloured through {@code map} with the map's own normalisation of these values. */
  public static BufferedImage ofMap(float[] values, int h, int w, ColourMap map) {
    return ofMap(values, h, w, map, map.normalisationFor(values));
  }

  /** A C×H×W image with values in [0, 1] (clamped); C = 1 gives grey, C = 3 gives RGB. */
  public static BufferedImage ofImage(float[] chw, int c, int h, int w) {
    if (c != 1 && c != 3) throw new IllegalArgumentException("image must have 1 or 3 channels, got " + c);
    checkLength(chw, c, h, w);
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int plane = h * w;
    for (int i = 0; i < plane; i++) {
      int r = byteOf(chw[i]);
      int g = c == 3 ? byteOf(chw[plane + i]) : r;
      int b = c == 3 ? byteOf(chw[2 * plane + i]) : r;
      image.setRGB(i % w, i / w, (r << 16) | (g << 8) | b);
    }
    return image;
  }

  /** Rec. 601 luma of an image, as the muted backdrop for a heat-map overlay. */
  public static BufferedImage greyscale(BufferedImage image) {
    BufferedImage grey = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        int l = (int) Math.round(0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff));
        grey.setRGB(x, y, (l << 16) | (l << 8) | l);
      }
    }
    return grey;
  }

  /**
   * A heat map laid over a greyscale copy of {@code base} with opacity {@code alpha}; both must be the same size
   * (resample the map to the input's size first). Blended per pixel here, not with a Composite, so every backend
   * receives the same finished image.
   */
  public static BufferedImage overlay(BufferedImage base, BufferedImage heat, double alpha) {
    if (base.getWidth() != heat.getWidth() || base.getHeight() != heat.getHeight()) {
      throw new IllegalArgumentException("overlay needs equal sizes: " + base.getWidth() + "x" + base.getHeight()
          + " vs " + heat.getWidth() + "x" + heat.getHeight());
    }
    if (!(alpha >= 0 && alpha <= 1)) throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
    BufferedImage grey = greyscale(base);
    BufferedImage out = new BufferedImage(base.getWidth(), base.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < out.getHeight(); y++) {
      for (int x = 0; x < out.getWidth(); x++) {
        int g = grey.getRGB(x, y);
        int h = heat.getRGB(x, y);
        int r = blend(g >> 16, h >> 16, alpha);
        int gr = blend(g >> 8, h >> 8, alpha);
        int b = blend(g, h, alpha);
        out.setRGB(x, y, (r << 16) | (gr << 8) | b);
      }
    }
    return out;
  }

  /** Draws {@code image} filling the rectangle, each source pixel a sharp-edged block. */
  public static void draw(Graphics2D g, BufferedImage image, double x, double y, double w, double h) {
    int factor = embedFactor(image, w, h);
    BufferedImage embedded = factor > 1 ? upscale(image, factor) : image;
    Graphics2D g2 = (Graphics2D) g.create();
    try {
      g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
      AffineTransform at = new AffineTransform();
      at.translate(x, y);
      at.scale(w / embedded.getWidth(), h / embedded.getHeight());
      g2.drawImage(embedded, at, null);
    } finally {
      g2.dispose();
    }
  }

  static int embedFactor(BufferedImage image, double w, double h) {
    double wantedPixels = Math.max(w, h) / 72 * EMBED_DPI;
    int factor = (int) Math.ceil(wantedPixels / Math.max(image.getWidth(), image.getHeight()));
    int cap = MAX_EMBED_SIDE / Math.max(image.getWidth(), image.getHeight());
    return Math.max(1, Math.min(factor, cap));
  }

  static BufferedImage upscale(BufferedImage image, int factor) {
    BufferedImage big =
        new BufferedImage(image.getWidth() * factor, image.getHeight() * factor, BufferedImage.TYPE_INT_RGB);
    int[] row = new int[big.getWidth()];
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < big.getWidth(); x++) row[x] = image.getRGB(x / factor, y);
      for (int k = 0; k < factor; k++) big.setRGB(0, y * factor + k, big.getWidth(), 1, row, 0, big.getWidth());
    }
    return big;
  }

  private static int blend(int a, int b, double alpha) {
    return (int) Math.round((a & 0xff) * (1 - alpha) + (b & 0xff) * alpha);
  }

  private static int byteOf(float v) {
    if (Float.isNaN(v)) return 0;
    return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
  }

  private static void checkLength(float[] values, int c, int h, int w) {
    if (h <= 0 || w <= 0) throw new IllegalArgumentException("raster size must be positive, got " + h + "x" + w);
    if (values.length != (long) c * h * w) {
      throw new IllegalArgumentException(
          "expected " + c + "x" + h + "x" + w + " = " + ((long) c * h * w) + " values, got " + values.length);
    }
  }
}
