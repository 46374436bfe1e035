package org.deepfig.data;

import java.util.List;
import java.util.Random;
import org.deepfig.config.Seeds;
import org.deepfig.config.Toy2dFeature;

/**
 * The TensorFlow Playground's two-class data sets (Smilkov, Carter et al., playground.tensorflow.org, dataset.ts),
 * generated from the seed: two circles, XOR, two Gaussian blobs and two spirals, in the Playground's square
 * [-6, 6]², with its noise (0 to 0.5; labels near the boundary flip for circles and XOR, the blobs widen, the spiral
 * points move). Class 0 is the Playground's orange (−1), class 1 its blue (+1).
 */
public final class Toy2dDataset {
  public static final List<String> NAMES = List.of("circles", "xor", "gaussian", "spiral");
  public static final List<String> CLASS_NAMES = List.of("negative", "positive");
  /** Half the side of the square the points and the playground's plane lie in. */
  public static final double EXTENT = 6;

  private Toy2dDataset() {}

  public static Dataset generate(String name, long seed, int trainSize, int testSize, double noise,
      List<Toy2dFeature> features) {
    int n = trainSize + testSize;
    Random r = new Random(Seeds.derive(seed, "toy2d", 0));
    float[] pts = new float[2 * n];
    int[] labels = new int[n];
    switch (name) {
      case "circles" -> circles(r, n, noise, pts, labels);
      case "xor" -> xor(r, n, noise, pts, labels);
      case "gaussian" -> gaussian(r, n, noise, pts, labels);
      case "spiral" -> spiral(r, n, noise, pts, labels);
      default -> throw new IllegalArgumentException("unknown toy2d data set " + name);
    }
    // shuffled (seeded) before the split, as the Playground does, so both splits hold both classes
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      swap(pts, labels, i, j);
    }
    return new Dataset("toy2d:" + name, CLASS_NAMES, slice(pts, labels, 0, trainSize, features),
        slice(pts, labels, trainSize, n, features), List.of());
  }

  private static VectorSet slice(float[] pts, int[] labels, int from, int to, List<Toy2dFeature> features) {
    return new VectorSet(java.util.Arrays.copyOfRange(pts, 2 * from, 2 * to),
        java.util.Arrays.copyOfRange(labels, from, to), features);
  }

  private static void swap(float[] p, int[] l, int i, int j) {
    float x = p[2 * i], y = p[2 * i + 1];
    p[2 * i] = p[2 * j];
    p[2 * i + 1] = p[2 * j + 1];
    p[2 * j] = x;
    p[2 * j + 1] = y;
    int t = l[i];
    l[i] = l[j];
    l[j] = t;
  }

  private static double uniform(Random r, double a, double b) {
    return a + r.nextDouble() * (b - a);
  }

  /** Inside r < 2.5 is positive, the ring 3.5..5 negative; the label is read at a point moved by the noise. */
  static void circles(Random r, int n, double noise, float[] pts, int[] labels) {
    double radius = 5;
    for (int i = 0; i < n; i++) {
      boolean inner = i < n / 2;
      double rr = inner ? uniform(r, 0, radius * 0.5) : uniform(r, radius * 0.7, radius);
      double angle = uniform(r, 0, 2 * Math.PI);
      double x = rr * Math.sin(angle);
      double y = rr * Math.cos(angle);
      double nx = uniform(r, -radius, radius) * noise;
      double ny = uniform(r, -radius, radius) * noise;
      put(pts, labels, i, x, y, Math.hypot(x + nx, y + ny) < radius * 0.5 ? 1 : 0);
    }
  }

  /** Quadrants: positive where x·y ≥ 0 (read at a point moved by the noise), 0.3 kept clear of the axes. */
  static void xor(Random r, int n, double noise, float[] pts, int[] labels) {
    double padding = 0.3;
    for (int i = 0; i < n; i++) {
      double x = uniform(r, -5, 5);
      x += x > 0 ? padding : -padding;
      double y = uniform(r, -5, 5);
      y += y > 0 ? padding : -padding;
      double nx = uniform(r, -5, 5) * noise;
      double ny = uniform(r, -5, 5) * noise;
      put(pts, labels, i, x, y, (x + nx) * (y + ny) >= 0 ? 1 : 0);
    }
  }

  /** Two blobs at (2, 2) (positive) and (−2, −2), their variance 0.5 at no noise to 4 at noise 0.5. */
  static void gaussian(Random r, int n, double noise, float[] pts, int[] labels) {
    double variance = 0.5 + (4 - 0.5) * (noise / 0.5);
    double sd = Math.sqrt(variance);
    for (int i = 0; i < n; i++) {
      boolean positive = i < n / 2;
      double c = positive ? 2 : -2;
      put(pts, labels, i, c + sd * r.nextGaussian(), c + sd * r.nextGaussian(), positive ? 1 : 0);
    }
  }

  /** Two interleaved spirals of 1.75 turns out to radius 5; noise moves each point by up to ±noise. */
  static void spiral(Random r, int n, double noise, float[] pts, int[] labels) {
    int half = n / 2;
    for (int i = 0; i < n; i++) {
      boolean positive = i < half;
      int k = positive ? i : i - half;
      int m = positive ? half : n - half;
      double rr = (double) k / m * 5;
      double t = 1.75 * k / m * 2 * Math.PI + (positive ? 0 : Math.PI);
      double x = rr * Math.sin(t) + uniform(r, -1, 1) * noise;
      double y = rr * Math.cos(t) + uniform(r, -1, 1) * noise;
      put(pts, labels, i, x, y, positive ? 1 : 0);
    }
  }

  private static void put(float[] pts, int[] labels, int i, double x, double y, int label) {
    pts[2 * i] = (float) x;
    pts[2 * i + 1] = (float) y;
    labels[i] = label;
  }
}
