package org.deepfig.analysis.actmax;

/** The image priors of Yosinski et al. (2015, §3): jitter (a circular shift), L2 decay, Gaussian blur, clipping. */
final class Regularisers {
  private Regularisers() {}

  /** Circularly shifts each of n C×H×W images by (dy, dx). */
  static float[] roll(float[] x, int n, int c, int h, int w, int dy, int dx) {
    float[] out = new float[x.length];
    for (int i = 0; i < n * c; i++) {
      int base = i * h * w;
      for (int y = 0; y < h; y++) {
        int ty = Math.floorMod(y + dy, h);
        for (int xx = 0; xx < w; xx++) out[base + ty * w + Math.floorMod(xx + dx, w)] = x[base + y * w + xx];
      }
    }
    return out;
  }

  /** Separable Gaussian blur of every H×W plane, edges clamped. */
  static void blur(float[] x, int planes, int h, int w, double sigma) {
    if (sigma <= 0) return;
    int r = Math.max(1, (int) Math.ceil(3 * sigma));
    double[] k = new double[2 * r + 1];
    double s = 0;
    for (int i = -r; i <= r; i++) {
      k[i + r] = Math.exp(-i * i / (2 * sigma * sigma));
      s += k[i + r];
    }
    for (int i = 0; i < k.length; i++) k[i] /= s;
    float[] tmp = new float[h * w];
    for (int p = 0; p < planes; p++) {
      int base = p * h * w;
      for (int y = 0; y < h; y++) {
        for (int xx = 0; xx < w; xx++) {
          double v = 0;
          for (int i = -r; i <= r; i++) v += k[i + r] * x[base + y * w + Math.min(w - 1, Math.max(0, xx + i))];
          tmp[y * w + xx] = (float) v;
        }
      }
      for (int y = 0; y < h; y++) {
        for (int xx = 0; xx < w; xx++) {
          double v = 0;
          for (int i = -r; i <= r; i++) v += k[i + r] * tmp[Math.min(h - 1, Math.max(0, y + i)) * w + xx];
          x[base + y * w + xx] = (float) v;
        }
      }
    }
  }
}
