package org.deepfig.render;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Axis ticks at "nice" values: a step of 1, 2 or 5 times a power of ten (Heckbert, "Nice numbers for graph labels",
 * Graphics Gems, 1990), with only the ticks that fall inside the range, so a colour bar never claims a value the data
 * do not reach.
 */
public record NiceTicks(List<Double> values, double step, int decimals) {

  /** Ticks inside [lo, hi], at most about {@code maxTicks} of them. */
  public static NiceTicks between(double lo, double hi, int maxTicks) {
    if (!(lo <= hi) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
      throw new IllegalArgumentException("tick range must be finite with lo <= hi, got " + lo + ", " + hi);
    }
    if (maxTicks < 2) throw new IllegalArgumentException("need room for at least 2 ticks, got " + maxTicks);
    if (lo == hi) return new NiceTicks(List.of(lo), 0, decimalsFor(Math.abs(lo) > 0 ? Math.abs(lo) : 1));
    double step = niceStep((hi - lo) / (maxTicks - 1));
    int decimals = decimalsFor(step);
    List<Double> values = new ArrayList<>();
    long first = (long) Math.ceil(lo / step - 1e-9);
    long last = (long) Math.floor(hi / step + 1e-9);
    for (long i = first; i <= last; i++) {
      // round through decimal so 3 * 0.2 is 0.6, not 0.6000000000000001
      BigDecimal v = new BigDecimal(i).multiply(BigDecimal.valueOf(step));
      values.add(v.setScale(decimals, RoundingMode.HALF_EVEN).doubleValue());
    }
    return new NiceTicks(List.copyOf(values), step, decimals);
  }

  /** The tick labels, all with the same number of decimals. */
  public List<String> labels() {
    List<String> labels = new ArrayList<>(values.size());
    for (double v : values) labels.add(format(v));
    return labels;
  }

  public String format(double v) {
    String s = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    return s.equals("-0") || s.matches("-0\\.0+") ? s.substring(1) : s;
  }

  static double niceStep(double rough) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
    double f = rough / magnitude;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    return nice * magnitude;
  }

  private static int decimalsFor(double step) {
    return Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
  }
}
