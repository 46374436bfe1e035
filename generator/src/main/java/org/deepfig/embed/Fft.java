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
   * zero-padded convolution), which halves the first stage's work when its radix is 4 or 2.
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
      stage(radix, xr, xi, yr, yi, from, to, s, sign, zeroTail && s == 1 && n % 2 == 0);
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

  /**
   * One stage of radix r = {@code radix} at stride s: for each of the m = n/(s·r) twiddle steps p and each q &lt; s,
   * the butterfly of the rows x[q + s(p + k·m)], k &lt; r, into y[q + s(r·p + j)], j &lt; r, over the columns
   * [from, to). The rows and the twiddles W_L^(j·p) are picked here once for both kinds of kernel: {@code in} and
   * {@code out} hold (real, imaginary) row pairs, {@code w} the (real, imaginary) twiddle pairs for j = 1 … r − 1.
   * With {@code halfZero} (first stage, r = 4 or 2, second half of the input zero) only the rows k &lt; r/2 are read.
   */
  private void stage(int radix, float[][] xr, float[][] xi, float[][] yr, float[][] yi, int from, int to, int s,
      float sign, boolean halfZero) {
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
          in[2 * k] = xr[q + s * (p + k * m)];
          in[2 * k + 1] = xi[q + s * (p + k * m)];
          out[2 * k] = yr[q + s * (radix * p + k)];
          out[2 * k + 1] = yi[q + s * (radix * p + k)];
        }
        // the lanes take the columns in whole vectors, the scalar loops the rest (the same arithmetic)
        int c = lanes ? FftLanes.butterfly(radix, halfZero, in, out, w, sign, from, to) : from;
        if (c == to) continue;
        if (halfZero) {
          if (radix == 4) radix4HalfZero(in, out, w, sign, c, to);
          else radix2HalfZero(in, out, w, c, to);
        } else {
          switch (radix) {
            case 4 -> radix4(in, out, w, sign, c, to);
            case 2 -> radix2(in, out, w, c, to);
            default -> radix3(in, out, w, sign, c, to);
          }
        }
      }
    }
  }

  // The scalar kernels: one output per loop, a form Java 17's C2 vectorises (the whole butterfly in one loop it does
  // not; measured again in session 6: four loops of two outputs each took 10–40 % longer). FftLanes computes the same
  // expressions in the same order, so either gives the same bits.

  /** Radix 2: y0 = a + b, y1 = (a − b)·W. */
  private static void radix2(float[][] in, float[][] out, float[] w, int from, int to) {
    float wr = w[0];
    float wi = w[1];
    float[] aRe = in[0];
    float[] aIm = in[1];
    float[] bRe = in[2];
    float[] bIm = in[3];
    float[] y0Re = out[0];
    float[] y0Im = out[1];
    float[] y1Re = out[2];
    float[] y1Im = out[3];
    for (int c = from; c < to; c++) y0Re[c] = aRe[c] + bRe[c];
    for (int c = from; c < to; c++) y0Im[c] = aIm[c] + bIm[c];
    for (int c = from; c < to; c++) y1Re[c] = (aRe[c] - bRe[c]) * wr - (aIm[c] - bIm[c]) * wi;
    for (int c = from; c < to; c++) y1Im[c] = (aRe[c] - bRe[c]) * wi + (aIm[c] - bIm[c]) * wr;
  }

  /** The first radix-2 stage when the second half of the input is zero: y0 = a, y1 = a·W. */
  private static void radix2HalfZero(float[][] in, float[][] out, float[] w, int from, int to) {
    float wr = w[0];
    float wi = w[1];
    float[] aRe = in[0];
    float[] aIm = in[1];
    float[] y1Re = out[2];
    float[] y1Im = out[3];
    System.arraycopy(aRe, from, out[0], from, to - from);
    System.arraycopy(aIm, from, out[1], from, to - from);
    for (int c = from; c < to; c++) y1Re[c] = aRe[c] * wr - aIm[c] * wi;
    for (int c = from; c < to; c++) y1Im[c] = aRe[c] * wi + aIm[c] * wr;
  }

  /** The first radix-4 stage when the second half of the input is zero (c = d = 0 in {@link #radix4}). */
  private static void radix4HalfZero(float[][] in, float[][] out, float[] w, float sign, int from, int to) {
    float w1r = w[0];
    float w1i = w[1];
    float w2r = w[2];
    float w2i = w[3];
    float w3r = w[4];
    float w3i = w[5];
    float[] aRe = in[0];
    float[] aIm = in[1];
    float[] bRe = in[2];
    float[] bIm = in[3];
    float[] y0Re = out[0];
    float[] y0Im = out[1];
    float[] y1Re = out[2];
    float[] y1Im = out[3];
    float[] y2Re = out[4];
    float[] y2Im = out[5];
    float[] y3Re = out[6];
    float[] y3Im = out[7];
    for (int c = from; c < to; c++) y0Re[c] = aRe[c] + bRe[c];
    for (int c = from; c < to; c++) y0Im[c] = aIm[c] + bIm[c];
    for (int c = from; c < to; c++) y2Re[c] = (aRe[c] - bRe[c]) * w2r - (aIm[c] - bIm[c]) * w2i;
    for (int c = from; c < to; c++) y2Im[c] = (aRe[c] - bRe[c]) * w2i + (aIm[c] - bIm[c]) * w2r;
    for (int c = from; c < to; c++) y1Re[c] = (aRe[c] + sign * bIm[c]) * w1r - (aIm[c] - sign * bRe[c]) * w1i;
    for (int c = from; c < to; c++) y1Im[c] = (aRe[c] + sign * bIm[c]) * w1i + (aIm[c] - sign * bRe[c]) * w1r;
    for (int c = from; c < to; c++) y3Re[c] = (aRe[c] - sign * bIm[c]) * w3r - (aIm[c] + sign * bRe[c]) * w3i;
    for (int c = from; c < to; c++) y3Im[c] = (aRe[c] - sign * bIm[c]) * w3i + (aIm[c] + sign * bRe[c]) * w3r;
  }

  /** Radix 4: with u = a ± c and v = b ± d, y0 = u₊ + v₊, y2 = (u₊ − v₊)·W², y1, y3 = (u₋ ∓ i·v₋)·W¹, W³ (forward). */
  private static void radix4(float[][] in, float[][] out, float[] w, float sign, int from, int to) {
    float w1r = w[0];
    float w1i = w[1];
    float w2r = w[2];
    float w2i = w[3];
    float w3r = w[4];
    float w3i = w[5];
    float[] aRe = in[0];
    float[] aIm = in[1];
    float[] bRe = in[2];
    float[] bIm = in[3];
    float[] cRe = in[4];
    float[] cIm = in[5];
    float[] dRe = in[6];
    float[] dIm = in[7];
    float[] y0Re = out[0];
    float[] y0Im = out[1];
    float[] y1Re = out[2];
    float[] y1Im = out[3];
    float[] y2Re = out[4];
    float[] y2Im = out[5];
    float[] y3Re = out[6];
    float[] y3Im = out[7];
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
  private static void radix3(float[][] in, float[][] out, float[] w, float sign, int from, int to) {
    float h = sign * (float) (Math.sqrt(3) / 2);
    float w1r = w[0];
    float w1i = w[1];
    float w2r = w[2];
    float w2i = w[3];
    float[] aRe = in[0];
    float[] aIm = in[1];
    float[] bRe = in[2];
    float[] bIm = in[3];
    float[] cRe = in[4];
    float[] cIm = in[5];
    float[] y0Re = out[0];
    float[] y0Im = out[1];
    float[] y1Re = out[2];
    float[] y1Im = out[3];
    float[] y2Re = out[4];
    float[] y2Im = out[5];
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
