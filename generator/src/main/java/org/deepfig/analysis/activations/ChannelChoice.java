package org.deepfig.analysis.activations;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Which channels of a C×H×W activation to show: the highest mean activation first, or a seeded random draw. */
final class ChannelChoice {
  private ChannelChoice() {}

  static int[] top(float[] chw, int c, int hw, int n) {
    double[] mean = new double[c];
    for (int ch = 0; ch < c; ch++) {
      double s = 0;
      for (int i = 0; i < hw; i++) s += chw[ch * hw + i];
      mean[ch] = s / hw;
    }
    Integer[] order = new Integer[c];
    for (int i = 0; i < c; i++) order[i] = i;
    // ties by channel index, so the choice is deterministic
    Arrays.sort(order, (a, b) -> mean[a] != mean[b] ? Double.compare(mean[b], mean[a]) : Integer.compare(a, b));
    int[] out = new int[Math.min(n, c)];
    for (int i = 0; i < out.length; i++) out[i] = order[i];
    return out;
  }

  static int[] random(int c, int n, long seed) {
    int[] p = new int[c];
    for (int i = 0; i < c; i++) p[i] = i;
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < Math.min(n, c); i++) {
      int j = i + r.nextInt(c - i);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    int[] out = Arrays.copyOf(p, Math.min(n, c));
    Arrays.sort(out);
    return out;
  }
}
