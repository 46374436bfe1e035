package org.deepfig.analysis.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * Confidence calibration after Guo et al. 2017 ("On Calibration of Modern Neural Networks"): the reliability diagram's
 * bins, the expected and maximum calibration error, and temperature scaling.
 *
 * <p>Bins are {@code bins} equal-width intervals (lo, hi] of the confidence (the predicted class's probability); a
 * confidence of exactly 0 falls in the first. ECE = Σ_b |B_b|/n · |acc(B_b) − conf(B_b)|, MCE = max over non-empty
 * bins of |acc(B_b) − conf(B_b)|.
 */
public final class CalibrationMeasures {
  private CalibrationMeasures() {}

  /** One bin: its interval, how many images fall in it, their mean confidence and the share predicted right. */
  public record Bin(double lo, double hi, int count, int correct, double meanConfidence, double accuracy) {
    public double gap() {
      return count == 0 ? 0 : Math.abs(accuracy - meanConfidence);
    }
  }

  public record Reliability(List<Bin> bins, double ece, double mce, int total) {}

  /** The bin of {@code confidence} among {@code bins} equal-width bins (lo, hi] of [0, 1]. */
  public static int binOf(double confidence, int bins) {
    int b = (int) Math.ceil(confidence * bins) - 1;
    return Math.max(0, Math.min(bins - 1, b));
  }

  public static Reliability reliability(Predictions p, int bins) {
    double[] confidence = new double[p.size()];
    boolean[] correct = new boolean[p.size()];
    for (int i = 0; i < p.size(); i++) {
      confidence[i] = p.confidence(i);
      correct[i] = p.correct(i);
    }
    return reliability(confidence, correct, bins);
  }

  public static Reliability reliability(double[] confidence, boolean[] correct, int bins) {
    int[] count = new int[bins];
    int[] right = new int[bins];
    double[] confSum = new double[bins];
    for (int i = 0; i < confidence.length; i++) {
      int b = binOf(confidence[i], bins);
      count[b]++;
      confSum[b] += confidence[i];
      if (correct[i]) right[b]++;
    }
    List<Bin> out = new ArrayList<>();
    double ece = 0;
    double mce = 0;
    int n = confidence.length;
    for (int b = 0; b < bins; b++) {
      double conf = count[b] == 0 ? Double.NaN : confSum[b] / count[b];
      double acc = count[b] == 0 ? Double.NaN : (double) right[b] / count[b];
      Bin bin = new Bin((double) b / bins, (double) (b + 1) / bins, count[b], right[b], conf, acc);
      out.add(bin);
      if (count[b] > 0) {
        ece += (double) count[b] / n * bin.gap();
        mce = Math.max(mce, bin.gap());
      }
    }
    return new Reliability(out, ece, mce, n);
  }

  /** Softmax probabilities below this (an underflow to 0 in float) are taken as this in logarithms. */
  private static final double FLOOR = Float.MIN_NORMAL;

  /**
   * The probabilities with temperature {@code t}: softmax(z / t) for logits z. The logits are log p up to a constant
   * per image, which softmax ignores, so this is p^(1/t) renormalised; t = 1 returns the same values.
   */
  public static Predictions scaled(Predictions p, double t) {
    int k = p.classes();
    float[] out = new float[p.probabilities().length];
    double beta = 1 / t;
    for (int i = 0; i < p.size(); i++) {
      double[] logits = new double[k];
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        logits[c] = beta * Math.log(Math.max(FLOOR, p.p(i, c)));
        max = Math.max(max, logits[c]);
      }
      double sum = 0;
      for (int c = 0; c < k; c++) sum += Math.exp(logits[c] - max);
      for (int c = 0; c < k; c++) out[i * k + c] = (float) (Math.exp(logits[c] - max) / sum);
    }
    return new Predictions(p.labels(), out, k);
  }

  /** Mean negative log-likelihood of the true classes with temperature {@code t} (natural log). */
  public static double nll(Predictions p, double t) {
    int k = p.classes();
    double beta = 1 / t;
    double total = 0;
    for (int i = 0; i < p.size(); i++) {
      double max = Double.NEGATIVE_INFINITY;
      double[] logits = new double[k];
      for (int c = 0; c < k; c++) {
        logits[c] = beta * Math.log(Math.max(FLOOR, p.p(i, c)));
        max = Math.max(max, logits[c]);
      }
      double sum = 0;
      for (int c = 0; c < k; c++) sum += Math.exp(logits[c] - max);
      total += max + Math.log(sum) - logits[p.labels()[i]];
    }
    return p.size() == 0 ? 0 : total / p.size();
  }

  /** The lowest and highest temperature {@link #fitTemperature} considers. */
  public static final double MIN_T = 0.05;
  public static final double MAX_T = 20;

  /**
   * The temperature minimising the negative log-likelihood on {@code p}, as Guo et al. fit it on a validation set:
   * the NLL is convex in 1/t, so a golden-section search over log t in [{@link #MIN_T}, {@link #MAX_T}] finds it.
   */
  public static double fitTemperature(Predictions p) {
    double lo = Math.log(MIN_T);
    double hi = Math.log(MAX_T);
    double g = (Math.sqrt(5) - 1) / 2;
    double a = hi - g * (hi - lo);
    double b = lo + g * (hi - lo);
    double fa = nll(p, Math.exp(a));
    double fb = nll(p, Math.exp(b));
    for (int it = 0; it < 80 && hi - lo > 1e-7; it++) {
      if (fa <= fb) {
        hi = b;
        b = a;
        fb = fa;
        a = hi - g * (hi - lo);
        fa = nll(p, Math.exp(a));
      } else {
        lo = a;
        a = b;
        fa = fb;
        b = lo + g * (hi - lo);
        fb = nll(p, Math.exp(b));
      }
    }
    return Math.exp((lo + hi) / 2);
  }
}
