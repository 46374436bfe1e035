package org.deepfig.embed;

import java.util.Arrays;

/**
 * Discrete Fourier transforms of length n = 2^a·3^b along the first index of a row-major grid, many columns at once:
 * the mixed-radix (4, 2, 3) Stockham autosort algorithm, decimation in frequency (Cooley &amp; Tukey 1965; Stockham
 * 1966). Stage by stage, a sequence of length L = r·m becomes r sequences of length m:
 * y[q + s(r·p + j)] = W_L^(j·p) Σ_k x[q + s(p + k·m)] W_r^(j·k), with W_L = exp(−2πi/L) and the stride s growing
 * by r, so the output lands in natural order without a bit-reversal pass. Each "element" is a row of the grid, held
 * as its own array, so the innermost loop runs over contiguous columns at offset 0 of each row: on the Vector API's
 * lanes ({@link FftLanes}) where the JVM has the module, else in scalar loops that C2 vectorises (rows as slices of
 * one flat array, at different offsets, it does not), with the same results. A column's arithmetic does not depend
 * on which other columns are transformed with it, so splitting the columns between threads gives bit-identical
 * results.
 *
 * <p>Not JTransforms (com.github.wendykierp:JTransforms 3.1, Ooura's split-radix FFT): its 2-D complex float
 * transform is bit-identical for 1 and 2 threads at these sizes, but took 68 ms for one 1152×1152 transform on one
 * core of this machine (2.8 ms at 384×384), where this class, transforming many columns per vector instruction,
 * did the whole forward step of {@link FftRepulsion} (about two and a quarter such transforms with the zero
 * padding skipped) in 35–50 ms (2.5–3.5 ms at 384) on its scalar kernels already: a dependency would make it slower.
 */
final class Fft {
  private final int n;
  private final int[] radices;
  private final float[] cos;
  private final float[] sin;
  private final boolean lanes;

  /**
   * Whether this JVM runs with the Vector API ({@code --add-modules jdk.incubator.vector}, as the launcher, the
   * benches and the tests start it): then the butterflies run on {@link FftLanes}, else on the scalar kernels below,
   * with the same results. Checked here, so that {@link FftLanes} is never loaded without the module.
   */
  static final boolean LANES = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  /** A transform of length n, on the Vector API's lanes where the JVM has them ({@link #LANES}). */
  Fft(int n) {
    this(n, LANES);
  }

  /** With {@code lanes} false, the scalar kernels only (the same results; for tests and comparisons). */
  Fft(int n, boolean lanes) {
    if (lanes && !LANES) throw new IllegalStateException("the JVM runs without jdk.incubator.vector");
    this.lanes = lanes;
    if (!smooth(n)) throw new IllegalArgumentException("FFT length must be 2^a·3^b, got " + n);
    this.n = n;
    int[] r = new int[64];
    int count = 0;
    int rest = n;
    while (rest % 4 == 0) {
      r[count++] = 4;
      rest /= 4;
    }
    while (rest % 2 == 0) {
      r[count++] = 2;
      rest /= 2;
    }
    while (rest % 3 == 0) {
      r[count++] = 3;
      rest /= 3;
    }
    radices = Arrays.copyOf(r, count);
    cos = new float[n];
    sin = new float[n];
    for (int t = 0; t < n; t++) {
      cos[t] = (float) Math.cos(2 * Math.PI * t / n);
      sin[t] = (float) Math.sin(2 * Math.PI * t / n);
    }
  }

  int length() {
    return n;
  }

  static boolean smooth(int n) {
    if (n < 1) return false;
    while (n % 2 == 0) n /= 2;
    while (n % 3 == 0) n /= 3;
    return n == 1;
  }

  /**
   * The smallest 2^a, 3·2^a or 9·2^a at least {@code n}: lengths with at most two radix-3 stages, costlier than
   * radix 4, and steps between lengths of at most 4/3. (Radix 5 for 5·2^a lengths, tried in session 6, makes the
   * boxes at a given spread coarser, not the FFT cheaper at the same accuracy: at BOX_WIDTH 1.5 the force error on
   * FftRepulsionTest's widest layout rose to 9.3 %, over its 7 % bound.)
   */
  static int nextFast(int n) {
    int best = Integer.MAX_VALUE;
    for (int odd : new int[] {1, 3, 9}) {
      long p = odd;
      while (p < n) p *= 2;
      best = (int) Math.min(best, p);
    }
    return best;
  }

  /** The smallest 2^a·3^b at least {@code n}. */
  static int nextSmooth(int n) {
    int m = Math.max(1, n);
    while (!smooth(m)) m++;
    return m;
  }

  /**
   * Transforms, in place, the columns [from, to) of an n-row grid (element (t, c) at [t][c]): forward
   * X[f] = Σ_t x[t] e^(−2πi f t/n), or, with {@code inverse}, the same sum with e^(+2πi f t/n) and no 1/n.
   * {@code workRe}/{@code workIm} are scratch of the grid's size; only their columns [from, to) are touched.
   */
  void transform(float[][] re, float[][] im, float[][] workRe, float[][] workIm, int from, int to,
      boolean inverse) {
    transform(re, im, workRe, workIm, from, to, inverse, false);
  }

  /**
   * As above; with {@code zeroTail} the rows n/2 … n − 1 are taken as zero and never read (the input of a
   * zero-padded convolution): the first stage, radix 4 or 2 for an even n, reads a row of zeros in their place, so
   * half the rows it reads come from the cache instead of the grid.
   */
  void transform(float[][] re, float[][] im, float[][] workRe, float[][] workIm, int from, int to,
      boolean inverse, boolean zeroTail) {
    float sign = inverse ? -1 : 1; // multiplies sin: W = cos − i·sign·sin
    float[][] xr = re;
    float[][] xi = im;
    float[][] yr = workRe;
    float[][] yi = workIm;
    int s = 1;
    for (int radix : radices) {
      stage(radix, xr, xi, yr, yi, from, to, s, sign, zeroTail && s == 1 && n % 2 == 0 ? zeros(to) : null);
      float[][] t = xr;
      xr = yr;
      yr = t;
      t = xi;
      xi = yi;
      yi = t;
      s *= radix;
    }
    if (xr != re) {
      for (int row = 0; row < n; row++) {
        System.arraycopy(xr[row], from, re[row], from, to - from);
        System.arraycopy(xi[row], from, im[row], from, to - from);
      }
    }
  }

  private float[] zeros = new float[0];

  /** A row of at least {@code columns} zeros (shared: only ever read). */
  private float[] zeros(int columns) {
    float[] z = zeros;
    if (z.length < columns) {
      z = new float[columns];
      zeros = z; // a race only replaces one row of zeros by another
    }
    return z;
  }

  /**
   * One stage of radix r = {@code radix} at stride s: for each of the m = n/(s·r) twiddle steps p and each q &lt; s,
   * the butterfly of the rows x[q + s(p + k·m)], k &lt; r, into y[q + s(r·p + j)], j &lt; r, over the columns
   * [from, to), with the twiddles W_L^(j·p). The rows and twiddles are picked here once for both kinds of kernel:
   * {@code in} and {@code out} hold (real, imaginary) row pairs, {@code w} the (real, imaginary) twiddle pairs for
   * j = 1 … r − 1. With {@code zeroRow} (first stage, the input's second half zero) the rows k ≥ r/2 are that row.
   */
  private void stage(int radix, float[][] xr, float[][] xi, float[][] yr, float[][] yi, int from, int to, int s,
      float sign, float[] zeroRow) {
    int m = n / (s * radix);
    float[][] in = new float[2 * radix][];
    float[][] out = new float[2 * radix][];
    float[] w = new float[2 * radix - 2];
    for (int p = 0; p < m; p++) {
      for (int j = 1; j < radix; j++) {
        w[2 * j - 2] = cos[j * p * s];
        w[2 * j - 1] = -sign * sin[j * p * s];
      }
      for (int q = 0; q < s; q++) {
        for (int k = 0; k < radix; k++) {
          boolean zero = zeroRow != null && 2 * k >= radix;
          in[2 * k] = zero ? zeroRow : xr[q + s * (p + k * m)];
          in[2 * k + 1] = zero ? zeroRow : xi[q + s * (p + k * m)];
          out[2 * k] = yr[q + s * (radix * p + k)];
          out[2 * k + 1] = yi[q + s * (radix * p + k)];
        }
        // the lanes take the columns in whole vectors, the scalar loops the rest (the same arithmetic)
        int c = lanes ? FftLanes.butterfly(radix, in, out, w, sign, from, to) : from;
        if (c == to) continue;
        switch (radix) {
          case 4 -> radix4(in[0], in[1], in[2], in[3], in[4], in[5], in[6], in[7], out[0], out[1], out[2], out[3],
              out[4], out[5], out[6], out[7], w[0], w[1], w[2], w[3], w[4], w[5], sign, c, to);
          case 2 -> radix2(in[0], in[1], in[2], in[3], out[0], out[1], out[2], out[3], w[0], w[1], c, to);
          default -> radix3(in[0], in[1], in[2], in[3], in[4], in[5], out[0], out[1], out[2], out[3], out[4], out[5],
              w[0], w[1], w[2], w[3], sign, c, to);
        }
      }
    }
  }

  // The scalar kernels: one output per loop, a form Java 17's C2 vectorises (the whole butterfly in one loop it does
  // not; measured again in session 6: four loops of two outputs each took 10–40 % longer). Rows and twiddles come as
  // parameters, not read from stage's arrays in the loops: C2 cannot tell a float[] written in the loop from the
  // twiddle array, so it would load the twiddles again in every iteration. FftLanes computes the same expressions in
  // the same order, so either gives the same bits.

  /** Radix 2: y0 = a + b, y1 = (a − b)·W. */
  private static void radix2(float[] aRe, float[] aIm, float[] bRe, float[] bIm, float[] y0Re, float[] y0Im,
      float[] y1Re, float[] y1Im, float wr, float wi, int from, int to) {
    for (int c = from; c < to; c++) y0Re[c] = aRe[c] + bRe[c];
    for (int c = from; c < to; c++) y0Im[c] = aIm[c] + bIm[c];
    for (int c = from; c < to; c++) y1Re[c] = (aRe[c] - bRe[c]) * wr - (aIm[c] - bIm[c]) * wi;
    for (int c = from; c < to; c++) y1Im[c] = (aRe[c] - bRe[c]) * wi + (aIm[c] - bIm[c]) * wr;
  }

  /**
   * Radix 4: with u = a ± c and v = b ± d, y0 = u₊ + v₊, y2 = (u₊ − v₊)·W², y1, y3 = (u₋ ∓ i·v₋)·W¹, W³ (forward;
   * ± i for the inverse).
   */
  private static void radix4(float[] aRe, float[] aIm, float[] bRe, float[] bIm, float[] cRe, float[] cIm,
      float[] dRe, float[] dIm, float[] y0Re, float[] y0Im, float[] y1Re, float[] y1Im, float[] y2Re, float[] y2Im,
      float[] y3Re, float[] y3Im, float w1r, float w1i, float w2r, float w2i, float w3r, float w3i, float sign,
      int from, int to) {
    for (int c = from; c < to; c++) y0Re[c] = (aRe[c] + cRe[c]) + (bRe[c] + dRe[c]);
    for (int c = from; c < to; c++) y0Im[c] = (aIm[c] + cIm[c]) + (bIm[c] + dIm[c]);
    for (int c = from; c < to; c++) {
      float ur = (aRe[c] + cRe[c]) - (bRe[c] + dRe[c]);
      float ui = (aIm[c] + cIm[c]) - (bIm[c] + dIm[c]);
      y2Re[c] = ur * w2r - ui * w2i;
    }
    for (int c = from; c < to; c++) {
      float ur = (aRe[c] + cRe[c]) - (bRe[c] + dRe[c]);
      float ui = (aIm[c] + cIm[c]) - (bIm[c] + dIm[c]);
      y2Im[c] = ur * w2i + ui * w2r;
    }
    // (a − c) ∓ i(b − d): sign = +1 forward
    for (int c = from; c < to; c++) {
      float ur = (aRe[c] - cRe[c]) + sign * (bIm[c] - dIm[c]);
      float ui = (aIm[c] - cIm[c]) - sign * (bRe[c] - dRe[c]);
      y1Re[c] = ur * w1r - ui * w1i;
    }
    for (int c = from; c < to; c++) {
      float ur = (aRe[c] - cRe[c]) + sign * (bIm[c] - dIm[c]);
      float ui = (aIm[c] - cIm[c]) - sign * (bRe[c] - dRe[c]);
      y1Im[c] = ur * w1i + ui * w1r;
    }
    for (int c = from; c < to; c++) {
      float ur = (aRe[c] - cRe[c]) - sign * (bIm[c] - dIm[c]);
      float ui = (aIm[c] - cIm[c]) + sign * (bRe[c] - dRe[c]);
      y3Re[c] = ur * w3r - ui * w3i;
    }
    for (int c = from; c < to; c++) {
      float ur = (aRe[c] - cRe[c]) - sign * (bIm[c] - dIm[c]);
      float ui = (aIm[c] - cIm[c]) + sign * (bRe[c] - dRe[c]);
      y3Im[c] = ur * w3i + ui * w3r;
    }
  }

  /** Radix 3: with m = a − (b + c)/2 and e = ∓i·(√3/2)(b − c), y0 = a + b + c, y1 = (m + e)·W¹, y2 = (m − e)·W². */
  private static void radix3(float[] aRe, float[] aIm, float[] bRe, float[] bIm, float[] cRe, float[] cIm,
      float[] y0Re, float[] y0Im, float[] y1Re, float[] y1Im, float[] y2Re, float[] y2Im, float w1r, float w1i,
      float w2r, float w2i, float sign, int from, int to) {
    float h = sign * (float) (Math.sqrt(3) / 2);
    // one output per loop, as in radix 4: the same expressions as one loop for all six outputs, so the same
    // results, and measured 8–10 % faster for the whole repulsion at n = 576 and 1152 (two radix-3 stages)
    for (int c = from; c < to; c++) y0Re[c] = aRe[c] + (bRe[c] + cRe[c]);
    for (int c = from; c < to; c++) y0Im[c] = aIm[c] + (bIm[c] + cIm[c]);
    for (int c = from; c < to; c++) {
      float mr = aRe[c] - 0.5f * (bRe[c] + cRe[c]);
      float mi = aIm[c] - 0.5f * (bIm[c] + cIm[c]);
      float er = h * (bIm[c] - cIm[c]);
      float ei = -h * (bRe[c] - cRe[c]);
      y1Re[c] = (mr + er) * w1r - (mi + ei) * w1i;
    }
    for (int c = from; c < to; c++) {
      float mr = aRe[c] - 0.5f * (bRe[c] + cRe[c]);
      float mi = aIm[c] - 0.5f * (bIm[c] + cIm[c]);
      float er = h * (bIm[c] - cIm[c]);
      float ei = -h * (bRe[c] - cRe[c]);
      y1Im[c] = (mr + er) * w1i + (mi + ei) * w1r;
    }
    for (int c = from; c < to; c++) {
      float mr = aRe[c] - 0.5f * (bRe[c] + cRe[c]);
      float mi = aIm[c] - 0.5f * (bIm[c] + cIm[c]);
      float er = h * (bIm[c] - cIm[c]);
      float ei = -h * (bRe[c] - cRe[c]);
      y2Re[c] = (mr - er) * w2r - (mi - ei) * w2i;
    }
    for (int c = from; c < to; c++) {
      float mr = aRe[c] - 0.5f * (bRe[c] + cRe[c]);
      float mi = aIm[c] - 0.5f * (bIm[c] + cIm[c]);
      float er = h * (bIm[c] - cIm[c]);
      float ei = -h * (bRe[c] - cRe[c]);
      y2Im[c] = (mr - er) * w2i + (mi - ei) * w2r;
    }
  }
}
