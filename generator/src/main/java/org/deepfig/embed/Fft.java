package org.deepfig.embed;

import java.util.Arrays;

/**
 * Discrete Fourier transforms of length n = 2^a·3^b along the first index of a row-major grid, many columns at once:
 * the mixed-radix (4, 2, 3) Stockham autosort algorithm, decimation in frequency (Cooley &amp; Tukey 1965; Stockham
 * 1966). Stage by stage, a sequence of length L = r·m becomes r sequences of length m:
 * y[q + s(r·p + j)] = W_L^(j·p) Σ_k x[q + s(p + k·m)] W_r^(j·k), with W_L = exp(−2πi/L) and the stride s growing
 * by r, so the output lands in natural order without a bit-reversal pass. Each "element" is a row of the grid, held
 * as its own array, so the innermost loop runs over contiguous columns at offset 0 of each row, a form the JIT
 * vectorises (rows as slices of one flat array, at different offsets, are not vectorised by Java 17's C2). A
 * column's arithmetic does not depend on which other columns are transformed with it, so splitting the columns
 * between threads gives bit-identical results.
 *
 * <p>Not JTransforms (com.github.wendykierp:JTransforms 3.1, Ooura's split-radix FFT): its 2-D complex float
 * transform is bit-identical for 1 and 2 threads at these sizes, but took 68 ms for one 1152×1152 transform on one
 * core of this machine (2.8 ms at 384×384), where this class, transforming many columns per vector instruction,
 * does the whole forward step of {@link FftRepulsion} (about two and a quarter such transforms with the zero
 * padding skipped) in 35–50 ms (2.5–3.5 ms at 384): a dependency would make it slower.
 */
final class Fft {
  private final int n;
  private final int[] radices;
  private final float[] cos;
  private final float[] sin;

  Fft(int n) {
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
    boolean tail = zeroTail && n % 2 == 0;
    for (int radix : radices) {
      int m = n / (s * radix);
      if (tail && s == 1 && radix == 4) {
        radix4HalfZero(xr, xi, yr, yi, from, to, m, sign);
      } else if (tail && s == 1 && radix == 2) {
        radix2HalfZero(xr, xi, yr, yi, from, to, m, sign);
      } else { // (an even length starts with radix 4 or 2)
        switch (radix) {
          case 4 -> radix4(xr, xi, yr, yi, from, to, s, m, sign);
          case 2 -> radix2(xr, xi, yr, yi, from, to, s, m, sign);
          default -> radix3(xr, xi, yr, yi, from, to, s, m, sign);
        }
      }
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

  /** The first radix-2 stage when the second half of the input is zero: y[2p] = x[p], y[2p + 1] = x[p]·W^p. */
  private void radix2HalfZero(float[][] xr, float[][] xi, float[][] yr, float[][] yi, int from, int to, int m,
      float sign) {
    for (int p = 0; p < m; p++) {
      float wr = cos[p];
      float wi = -sign * sin[p];
      float[] aRe = xr[p];
      float[] aIm = xi[p];
      float[] y0Re = yr[2 * p];
      float[] y0Im = yi[2 * p];
      float[] y1Re = yr[2 * p + 1];
      float[] y1Im = yi[2 * p + 1];
      System.arraycopy(aRe, from, y0Re, from, to - from);
      System.arraycopy(aIm, from, y0Im, from, to - from);
      for (int c = from; c < to; c++) y1Re[c] = aRe[c] * wr - aIm[c] * wi;
      for (int c = from; c < to; c++) y1Im[c] = aRe[c] * wi + aIm[c] * wr;
    }
  }

  /** The first radix-4 stage when the second half of the input is zero (c = d = 0 in {@link #radix4}). */
  private void radix4HalfZero(float[][] xr, float[][] xi, float[][] yr, float[][] yi, int from, int to, int m,
      float sign) {
    for (int p = 0; p < m; p++) {
      float w1r = cos[p];
      float w1i = -sign * sin[p];
      float w2r = cos[2 * p];
      float w2i = -sign * sin[2 * p];
      float w3r = cos[3 * p];
      float w3i = -sign * sin[3 * p];
      float[] aRe = xr[p];
      float[] aIm = xi[p];
      float[] bRe = xr[p + m];
      float[] bIm = xi[p + m];
      float[] y0Re = yr[4 * p];
      float[] y0Im = yi[4 * p];
      float[] y1Re = yr[4 * p + 1];
      float[] y1Im = yi[4 * p + 1];
      float[] y2Re = yr[4 * p + 2];
      float[] y2Im = yi[4 * p + 2];
      float[] y3Re = yr[4 * p + 3];
      float[] y3Im = yi[4 * p + 3];
      for (int c = from; c < to; c++) y0Re[c] = aRe[c] + bRe[c];
      for (int c = from; c < to; c++) y0Im[c] = aIm[c] + bIm[c];
      for (int c = from; c < to; c++) y2Re[c] = (aRe[c] - bRe[c]) * w2r - (aIm[c] - bIm[c]) * w2i;
      for (int c = from; c < to; c++) y2Im[c] = (aRe[c] - bRe[c]) * w2i + (aIm[c] - bIm[c]) * w2r;
      for (int c = from; c < to; c++) y1Re[c] = (aRe[c] + sign * bIm[c]) * w1r - (aIm[c] - sign * bRe[c]) * w1i;
      for (int c = from; c < to; c++) y1Im[c] = (aRe[c] + sign * bIm[c]) * w1i + (aIm[c] - sign * bRe[c]) * w1r;
      for (int c = from; c < to; c++) y3Re[c] = (aRe[c] - sign * bIm[c]) * w3r - (aIm[c] + sign * bRe[c]) * w3i;
      for (int c = from; c < to; c++) y3Im[c] = (aRe[c] - sign * bIm[c]) * w3i + (aIm[c] + sign * bRe[c]) * w3r;
    }
  }

  private void radix2(float[][] xr, float[][] xi, float[][] yr, float[][] yi, int from, int to, int s, int m,
      float sign) {
    for (int p = 0; p < m; p++) {
      float wr = cos[p * s];
      float wi = -sign * sin[p * s];
      for (int q = 0; q < s; q++) {
        int a = q + s * p;
        int b = q + s * (p + m);
        int o0 = q + s * (2 * p);
        int o1 = o0 + s;
        float[] aRe = xr[a];
        float[] aIm = xi[a];
        float[] bRe = xr[b];
        float[] bIm = xi[b];
        float[] y0Re = yr[o0];
        float[] y0Im = yi[o0];
        float[] y1Re = yr[o1];
        float[] y1Im = yi[o1];
        for (int c = from; c < to; c++) y0Re[c] = aRe[c] + bRe[c];
        for (int c = from; c < to; c++) y0Im[c] = aIm[c] + bIm[c];
        for (int c = from; c < to; c++) y1Re[c] = (aRe[c] - bRe[c]) * wr - (aIm[c] - bIm[c]) * wi;
        for (int c = from; c < to; c++) y1Im[c] = (aRe[c] - bRe[c]) * wi + (aIm[c] - bIm[c]) * wr;
      }
    }
  }

  private void radix4(float[][] xr, float[][] xi, float[][] yr, float[][] yi, int from, int to, int s, int m,
      float sign) {
    for (int p = 0; p < m; p++) {
      float w1r = cos[p * s];
      float w1i = -sign * sin[p * s];
      float w2r = cos[2 * p * s];
      float w2i = -sign * sin[2 * p * s];
      float w3r = cos[3 * p * s];
      float w3i = -sign * sin[3 * p * s];
      for (int q = 0; q < s; q++) {
        int a = q + s * p;
        int o0 = q + s * (4 * p);
        float[] aRe = xr[a];
        float[] aIm = xi[a];
        float[] bRe = xr[a + s * m];
        float[] bIm = xi[a + s * m];
        float[] cRe = xr[a + 2 * s * m];
        float[] cIm = xi[a + 2 * s * m];
        float[] dRe = xr[a + 3 * s * m];
        float[] dIm = xi[a + 3 * s * m];
        float[] y0Re = yr[o0];
        float[] y0Im = yi[o0];
        float[] y1Re = yr[o0 + s];
        float[] y1Im = yi[o0 + s];
        float[] y2Re = yr[o0 + 2 * s];
        float[] y2Im = yi[o0 + 2 * s];
        float[] y3Re = yr[o0 + 3 * s];
        float[] y3Im = yi[o0 + 3 * s];
        // one output per loop: Java 17's C2 vectorises loops this small, not the whole butterfly in one loop (measured
        // again in session 6: four loops of two outputs each took 10–40 % longer)
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
    }
  }

  private void radix3(float[][] xr, float[][] xi, float[][] yr, float[][] yi, int from, int to, int s, int m,
      float sign) {
    float h = sign * (float) (Math.sqrt(3) / 2);
    for (int p = 0; p < m; p++) {
      float w1r = cos[p * s];
      float w1i = -sign * sin[p * s];
      float w2r = cos[2 * p * s];
      float w2i = -sign * sin[2 * p * s];
      for (int q = 0; q < s; q++) {
        int a = q + s * p;
        int o0 = q + s * (3 * p);
        float[] aRe = xr[a];
        float[] aIm = xi[a];
        float[] bRe = xr[a + s * m];
        float[] bIm = xi[a + s * m];
        float[] cRe = xr[a + 2 * s * m];
        float[] cIm = xi[a + 2 * s * m];
        float[] y0Re = yr[o0];
        float[] y0Im = yi[o0];
        float[] y1Re = yr[o0 + s];
        float[] y1Im = yi[o0 + s];
        float[] y2Re = yr[o0 + 2 * s];
        float[] y2Im = yi[o0 + 2 * s];
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
  }
}
