package org.deepfig.render;

/**
 * Maps data values to [0, 1] for a {@link ColourMap}: linearly from {@code min} to {@code max}. A degenerate range
 * (all values equal) maps everything to 0.5 rather than dividing by zero.
 */
public record Normalisation(double min, double max) {
  public Normalisation {
    if (!(min <= max)) throw new IllegalArgumentException("normalisation needs min <= max, got " + min + ", " + max);
  }

  /** Min to max over the finite values; (0, 1) if there are none. */
  public static Normalisation minMax(float[] values) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (float v : values) {
      if (!Float.isFinite(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return lo <= hi ? new Normalisation(lo, hi) : new Normalisation(0, 1);
  }

  /** ±max|v|, so that zero lands on the centre of a diverging map whatever the imbalance of signs. */
  public static Normalisation symmetric(float[] values) {
    double m = 0;
    for (float v : values) {
      if (Float.isFinite(v)) m = Math.max(m, Math.abs(v));
    }
    return m > 0 ? new Normalisation(-m, m) : new Normalisation(-1, 1);
  }

  public double apply(double value) {
    if (max == min) return 0.5;
    return (value - min) / (max - min);
  }
}
