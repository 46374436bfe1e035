package org.deepfig.analysis.saliency;

import java.util.Arrays;

/** The numbers that say whether to trust a map. */
public final class Scores {
  private Scores() {}

  /** Pointing game (Zhang et al. 2018): is the map's maximum on the object (mask dilated by {@code tolerance} px)? */
  static boolean pointingHit(float[] map, byte[] mask, int h, int w, int tolerance) {
    int best = 0;
    for (int p = 1; p < map.length; p++) if (map[p] > map[best]) best = p;
    int by = best / w;
    int bx = best % w;
    for (int y = Math.max(0, by - tolerance); y <= Math.min(h - 1, by + tolerance); y++) {
      for (int x = Math.max(0, bx - tolerance); x <= Math.min(w - 1, bx + tolerance); x++) {
        if (mask[y * w + x] != 0) return true;
      }
    }
    return false;
  }

  /** Share of the positive attribution that lies on the object. */
  static double massInMask(float[] map, byte[] mask) {
    double in = 0;
    double all = 0;
    for (int p = 0; p < map.length; p++) {
      if (map[p] <= 0) continue;
      all += map[p];
      if (mask[p] != 0) in += map[p];
    }
    return all == 0 ? 0 : in / all;
  }

  /** Spearman rank correlation (average ranks for ties). */
  static double spearman(float[] a, float[] b) {
    double[] ra = ranks(a);
    double[] rb = ranks(b);
    return pearson(ra, rb);
  }

  static double[] ranks(float[] v) {
    Integer[] idx = new Integer[v.length];
    for (int i = 0; i < v.length; i++) idx[i] = i;
    Arrays.sort(idx, (x, y) -> Float.compare(v[x], v[y]));
    double[] r = new double[v.length];
    for (int i = 0; i < v.length;) {
      int j = i;
      while (j + 1 < v.length && v[idx[j + 1]] == v[idx[i]]) j++;
      double avg = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) r[idx[k]] = avg;
      i = j + 1;
    }
    return r;
  }

  /** Pearson's correlation of two equally long series; 0 when either is constant. */
  public static double pearson(double[] a, double[] b) {
    Moments m = Moments.of(a, b);
    return m.saa() == 0 || m.sbb() == 0 ? 0 : m.sab() / Math.sqrt(m.saa() * m.sbb());
  }

  /** SSIM (Wang et al. 2004) of two maps scaled to [0, 1] by their own maxima, over the whole map as one window. */
  static double ssim(float[] a, float[] b) {
    float[] x = scaled(a);
    Moments m = Moments.of(doubles(x), doubles(scaled(b)));
    double mx = m.ma();
    double my = m.mb();
    double vx = m.saa() / (x.length - 1);
    double vy = m.sbb() / (x.length - 1);
    double cov = m.sab() / (x.length - 1);
    double c1 = 1e-4;
    double c2 = 9e-4;
    return (2 * mx * my + c1) * (2 * cov + c2) / ((mx * mx + my * my + c1) * (vx + vy + c2));
  }

  /** Two equally long series' means and their sums of squared deviations and of cross products. */
  private record Moments(double ma, double mb, double saa, double sbb, double sab) {
    static Moments of(double[] a, double[] b) {
      double ma = 0;
      double mb = 0;
      for (int i = 0; i < a.length; i++) {
        ma += a[i];
        mb += b[i];
      }
      ma /= a.length;
      mb /= b.length;
      double sab = 0;
      double saa = 0;
      double sbb = 0;
      for (int i = 0; i < a.length; i++) {
        sab += (a[i] - ma) * (b[i] - mb);
        saa += (a[i] - ma) * (a[i] - ma);
        sbb += (b[i] - mb) * (b[i] - mb);
      }
      return new Moments(ma, mb, saa, sbb, sab);
    }
  }

  private static double[] doubles(float[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) out[i] = v[i];
    return out;
  }

  private static float[] scaled(float[] v) {
    float m = 0;
    for (float f : v) m = Math.max(m, Math.abs(f));
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) out[i] = m == 0 ? 0 : Math.abs(v[i]) / m;
    return out;
  }

  /** Trapezoid area under a curve sampled at equal steps over [0, 1]. */
  static double auc(float[] curve) {
    double s = 0;
    for (int i = 1; i < curve.length; i++) s += (curve[i - 1] + curve[i]) / 2.0;
    return s / (curve.length - 1);
  }
}
