package org.deepfig.data;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * deepfig's embedded dataset: ten classes of shapes and textures on noisy backgrounds, generated from a seed in about
 * a second, each image with its ground-truth object mask (used to score saliency maps). Colour, size, position and
 * rotation are random and independent of the class, so only shape and texture predict it. Image {@code i} of a split
 * depends only on (seed, split, i), not on the split's size or on thread timing.
 */
public final class ShapesDataset {
  public static final List<String> CLASS_NAMES = List.of("circle", "square", "triangle", "cross", "star", "ring",
      "diamond", "crescent", "stripes", "checkerboard");

  private ShapesDataset() {}

  public static Dataset generate(long seed, int trainSize, int testSize, int imageSize) {
    return new Dataset("shapes", CLASS_NAMES, split(seed, 0, trainSize, imageSize), split(seed, 1, testSize, imageSize),
        List.of());
  }

  static ArrayImageSet split(long seed, int split, int n, int side) {
    int hw = side * side;
    float[] pixels = new float[n * 3 * hw];
    byte[] masks = new byte[n * hw];
    int[] labels = new int[n];
    IntStream.range(0, n).parallel().forEach(i -> {
      // balanced classes in a seeded order: image i's class is fixed by (seed, split, i)
      SplittableRandom r = new SplittableRandom(mix(seed, split, i));
      int label = i % CLASS_NAMES.size();
      labels[i] = label;
      render(r, label, side, pixels, i * 3 * hw, masks, i * hw);
    });
    return new ArrayImageSet(3, side, side, pixels, labels, masks);
  }

  static long mix(long seed, int split, int index) {
    long z = seed * 0x9E3779B97F4A7C15L + split * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static void render(SplittableRandom r, int label, int side, float[] pixels, int pOff, byte[] masks,
      int mOff) {
    float[] bg = randomColour(r);
    float[] fg;
    do {
      fg = randomColour(r);
    } while (distance(fg, bg) < 0.55f);
    float[] fg2;
    do {
      fg2 = randomColour(r);
    } while (distance(fg2, fg) < 0.45f || distance(fg2, bg) < 0.3f);

    double size = side * (0.45 + 0.35 * r.nextDouble());
    double cx = side / 2.0 + (r.nextDouble() - 0.5) * (side - size) * 0.9;
    double cy = side / 2.0 + (r.nextDouble() - 0.5) * (side - size) * 0.9;
    double angle = r.nextDouble() * 2 * Math.PI;
    AffineTransform at = new AffineTransform();
    at.translate(cx, cy);
    at.rotate(angle);
    at.scale(size / 2, size / 2);
    Shape outline = at.createTransformedShape(unitShape(label));

    BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(bg[0], bg[1], bg[2]));
    g.fillRect(0, 0, side, side);
    g.setColor(new Color(fg[0], fg[1], fg[2]));
    g.fill(outline);
    if (label == 8 || label == 9) {
      g.setClip(outline);
      g.setColor(new Color(fg2[0], fg2[1], fg2[2]));
      g.fill(at.createTransformedShape(texture(label)));
    }
    g.dispose();
    BufferedImage mask = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_BINARY);
    Graphics2D mg = mask.createGraphics();
    mg.setColor(Color.WHITE);
    mg.fill(outline);
    mg.dispose();

    int hw = side * side;
    float noise = 0.04f + 0.06f * (float) r.nextDouble();
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        int p = y * side + x;
        boolean on = (mask.getRGB(x, y) & 0xFFFFFF) != 0;
        masks[mOff + p] = (byte) (on ? 1 : 0);
        int rgb = img.getRGB(x, y);
        for (int c = 0; c < 3; c++) {
          float v = ((rgb >> (16 - 8 * c)) & 0xFF) / 255f + (float) (r.nextDouble() * 2 - 1) * noise;
          pixels[pOff + c * hw + p] = Math.min(1f, Math.max(0f, v));
        }
      }
    }
  }

  private static float[] randomColour(SplittableRandom r) {
    return new float[] {(float) r.nextDouble(), (float) r.nextDouble(), (float) r.nextDouble()};
  }

  private static float distance(float[] a, float[] b) {
    float d = 0;
    for (int i = 0; i < 3; i++) d += (a[i] - b[i]) * (a[i] - b[i]);
    return (float) Math.sqrt(d);
  }

  /** The class's outline in the unit square [-1, 1]². */
  static Shape unitShape(int label) {
    return switch (label) {
      case 0 -> new Ellipse2D.Double(-1, -1, 2, 2);
      case 1, 9 -> new Rectangle2D.Double(-0.8, -0.8, 1.6, 1.6);
      case 2 -> polygon(3, 1.0, 0);
      case 3 -> cross();
      case 4 -> star();
      case 5 -> ring();
      case 6 -> rhombus();
      case 7 -> crescent();
      case 8 -> new Rectangle2D.Double(-1, -0.6, 2, 1.2);
      default -> throw new IllegalArgumentException("class " + label);
    };
  }

  private static Shape texture(int label) {
    Path2D p = new Path2D.Double();
    if (label == 8) {
      for (double x = -1; x < 1; x += 0.5) p.append(new Rectangle2D.Double(x, -1, 0.25, 2), false);
    } else {
      for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 4; j++) {
          if ((i + j) % 2 == 0) p.append(new Rectangle2D.Double(-0.8 + 0.4 * i, -0.8 + 0.4 * j, 0.4, 0.4), false);
        }
      }
    }
    return p;
  }

  private static Shape polygon(int n, double radius, double phase) {
    Path2D p = new Path2D.Double();
    for (int k = 0; k < n; k++) {
      double a = phase + 2 * Math.PI * k / n - Math.PI / 2;
      if (k == 0) p.moveTo(radius * Math.cos(a), radius * Math.sin(a));
      else p.lineTo(radius * Math.cos(a), radius * Math.sin(a));
    }
    p.closePath();
    return p;
  }

  /** A rhombus with unequal diagonals: a square turned 45° would be indistinguishable from a rotated square. */
  private static Shape rhombus() {
    Path2D p = new Path2D.Double();
    p.moveTo(0, -1);
    p.lineTo(0.45, 0);
    p.lineTo(0, 1);
    p.lineTo(-0.45, 0);
    p.closePath();
    return p;
  }

  private static Shape star() {
    Path2D p = new Path2D.Double();
    for (int k = 0; k < 10; k++) {
      double a = Math.PI * k / 5 - Math.PI / 2;
      double rad = k % 2 == 0 ? 1.0 : 0.42;
      if (k == 0) p.moveTo(rad * Math.cos(a), rad * Math.sin(a));
      else p.lineTo(rad * Math.cos(a), rad * Math.sin(a));
    }
    p.closePath();
    return p;
  }

  private static Shape crescent() {
    Area a = new Area(new Ellipse2D.Double(-1, -1, 2, 2));
    a.subtract(new Area(new Ellipse2D.Double(-0.45, -1.1, 2, 2)));
    return a;
  }

  private static Shape cross() {
    Area a = new Area(new Rectangle2D.Double(-1, -0.3, 2, 0.6));
    a.add(new Area(new Rectangle2D.Double(-0.3, -1, 0.6, 2)));
    return a;
  }

  private static Shape ring() {
    Area a = new Area(new Ellipse2D.Double(-1, -1, 2, 2));
    a.subtract(new Area(new Ellipse2D.Double(-0.55, -0.55, 1.1, 1.1)));
    return a;
  }
}
