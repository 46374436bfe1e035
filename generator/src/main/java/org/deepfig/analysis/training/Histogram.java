package org.deepfig.analysis.training;

/**
 * Counts of values in equal-width bins over [lo, hi]: bin b holds lo + b·w ≤ v < lo + (b+1)·w, the last bin also
 * its right edge; values outside the range are not counted (callers choose a range that holds them all).
 */
record Histogram(double lo, double hi, long[] counts) {
  static Histogram of(float[] values, double lo, double hi, int bins) {
    long[] counts = new long[bins];
    double w = (hi - lo) / bins;
    for (float v : values) {
      if (!(v >= lo && v <= hi)) continue;
      int b = (int) Math.floor((v - lo) / w);
      counts[Math.min(bins - 1, b)]++;
    }
    return new Histogram(lo, hi, counts);
  }

  long total() {
    long t = 0;
    for (long c : counts) t += c;
    return t;
  }

  long max() {
    long m = 0;
    for (long c : counts) m = Math.max(m, c);
    return m;
  }

  /** [min, max] of several arrays, widened by half a unit when all values are equal. */
  static double[] range(java.util.List<float[]> arrays) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (float[] a : arrays) {
      for (float v : a) {
        if (!Float.isFinite(v)) continue;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (lo > hi) return new double[] {0, 1};
    if (lo == hi) return new double[] {lo - 0.5, hi + 0.5};
    return new double[] {lo, hi};
  }
}
