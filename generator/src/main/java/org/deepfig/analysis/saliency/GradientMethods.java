package org.deepfig.analysis.saliency;

import java.util.SplittableRandom;
import org.deepfig.probe.BatchBudget;
import org.deepfig.probe.Probe;

/** The gradient family: vanilla gradient, gradient × input, SmoothGrad, Integrated Gradients. */
final class GradientMethods {
  private GradientMethods() {}

  /**
   * ∂ logit_target / ∂ pixels, for n images (n × C × H × W), in batches of at most {@link BatchBudget}'s size (each
   * image's gradient is its own: the objective is a sum over images and the network runs in eval mode).
   */
  static float[] gradient(SaliencyContext s, float[] images, int n, int[] targets) {
    int batch = BatchBudget.images(s.network(), false, true);
    if (n <= batch) {
      return s.probe().inputGradient(images, s.shape(n), logits -> Probe.sumOfTargets(logits, targets));
    }
    int len = s.len();
    float[] out = new float[n * len];
    for (int from = 0; from < n; from += batch) {
      int b = Math.min(batch, n - from);
      int[] t = java.util.Arrays.copyOfRange(targets, from, from + b);
      float[] g = s.probe().inputGradient(java.util.Arrays.copyOfRange(images, from * len, (from + b) * len),
          s.shape(b), logits -> Probe.sumOfTargets(logits, t));
      System.arraycopy(g, 0, out, from * len, b * len);
    }
    return out;
  }

  /** Simonyan, Vedaldi & Zisserman (2014): |∂ y_c / ∂ x|, summed over colour channels. */
  static final class Vanilla implements Attribution {
    @Override
    public SaliencySpec.Method method() {
      return SaliencySpec.Method.GRADIENT;
    }

    @Override
    public float[] attribute(SaliencyContext s, float[] images, int n, int[] targets) {
      return s.reduce(gradient(s, images, n, targets), n, true);
    }
  }

  /** Shrikumar et al. (2016): x ⊙ ∂ y_c / ∂ x, signed. */
  static final class TimesInput implements Attribution {
    @Override
    public SaliencySpec.Method method() {
      return SaliencySpec.Method.GRADIENT_TIMES_INPUT;
    }

    @Override
    public float[] attribute(SaliencyContext s, float[] images, int n, int[] targets) {
      float[] g = gradient(s, images, n, targets);
      for (int i = 0; i < g.length; i++) g[i] *= images[i];
      return s.reduce(g, n, false);
    }
  }

  /**
   * Smilkov et al. (2017): the mean gradient magnitude over noisy copies x + N(0, σ²), σ a fraction of the input
   * range; each image's copies go through the network as one batch.
   */
  static final class SmoothGrad implements Attribution {
    @Override
    public SaliencySpec.Method method() {
      return SaliencySpec.Method.SMOOTHGRAD;
    }

    @Override
    public float[] attribute(SaliencyContext s, float[] images, int n, int[] targets) {
      int m = s.smoothgradSamples();
      double sigma = s.spec().smoothgradNoise();
      int len = s.len();
      float[] out = new float[n * s.h() * s.w()];
      SplittableRandom r = new SplittableRandom(s.seed());
      for (int i = 0; i < n; i++) {
        float[] batch = new float[m * len];
        int[] t = new int[m];
        for (int j = 0; j < m; j++) {
          t[j] = targets[i];
          for (int p = 0; p < len; p++) batch[j * len + p] = images[i * len + p] + (float) (sigma * r.nextGaussian());
        }
        float[] maps = s.reduce(gradient(s, batch, m, t), m, true);
        int hw = s.h() * s.w();
        for (int j = 0; j < m; j++) for (int p = 0; p < hw; p++) out[i * hw + p] += maps[j * hw + p] / m;
      }
      return out;
    }
  }

  /**
   * Sundararajan, Taly & Yan (2017): (x − x') ⊙ ∫ ∂y/∂x along the straight path from the baseline x' (black), by the
   * trapezoid rule over {@code steps} points evaluated as one batch. The attributions sum to f(x) − f(x') up to the
   * quadrature error, reported as the completeness error.
   */
  static final class IntegratedGradients implements Attribution {
    @Override
    public SaliencySpec.Method method() {
      return SaliencySpec.Method.INTEGRATED_GRADIENTS;
    }

    @Override
    public float[] attribute(SaliencyContext s, float[] images, int n, int[] targets) {
      return s.reduce(raw(s, images, n, targets, s.igSteps()), n, false);
    }

    /** Per-pixel, per-channel attributions (n × C × H × W), baseline zero. */
    static float[] raw(SaliencyContext s, float[] images, int n, int[] targets, int steps) {
      int len = s.len();
      float[] out = new float[n * len];
      for (int i = 0; i < n; i++) {
        float[] batch = new float[(steps + 1) * len];
        int[] t = new int[steps + 1];
        for (int k = 0; k <= steps; k++) {
          t[k] = targets[i];
          float a = (float) k / steps;
          for (int p = 0; p < len; p++) batch[k * len + p] = a * images[i * len + p];
        }
        float[] g = gradient(s, batch, steps + 1, t);
        for (int p = 0; p < len; p++) {
          double sum = 0;
          for (int k = 0; k <= steps; k++) sum += (k == 0 || k == steps ? 0.5 : 1) * g[k * len + p];
          out[i * len + p] = (float) (images[i * len + p] * sum / steps);
        }
      }
      return out;
    }
  }

}
