package org.deepfig.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class FftRepulsionTest {
  static float[][] grid(int rows, int cols) {
    return new float[rows][cols];
  }

  @Test
  void mixedRadixFftMatchesTheDefiningSumForwardAndBack() {
    SplittableRandom r = new SplittableRandom(3);
    for (int n : new int[] {2, 3, 4, 6, 8, 12, 18, 24, 36, 48, 54, 96, 324}) {
      int width = 3;
      float[][] re = grid(n, width);
      float[][] im = grid(n, width);
      for (int t = 0; t < n; t++) {
        for (int c = 0; c < width; c++) {
          re[t][c] = (float) (r.nextDouble() - 0.5);
          im[t][c] = (float) (r.nextDouble() - 0.5);
        }
      }
      float[][] re0 = new float[n][];
      float[][] im0 = new float[n][];
      for (int t = 0; t < n; t++) {
        re0[t] = re[t].clone();
        im0[t] = im[t].clone();
      }
      Fft fft = new Fft(n);
      // columns 1 and 2 only: column 0 must stay untouched
      fft.transform(re, im, grid(n, width), grid(n, width), 1, 3, false);
      for (int f = 0; f < n; f++) {
        assertThat(re[f][0]).isEqualTo(re0[f][0]);
        assertThat(im[f][0]).isEqualTo(im0[f][0]);
        for (int c = 1; c < 3; c++) {
          double sr = 0;
          double si = 0;
          for (int t = 0; t < n; t++) {
            double ang = -2 * Math.PI * ((long) f * t % n) / n;
            sr += re0[t][c] * Math.cos(ang) - im0[t][c] * Math.sin(ang);
            si += re0[t][c] * Math.sin(ang) + im0[t][c] * Math.cos(ang);
          }
          assertThat((double) re[f][c]).as("n=%d f=%d", n, f).isCloseTo(sr, within(1e-6 * n));
          assertThat((double) im[f][c]).as("n=%d f=%d", n, f).isCloseTo(si, within(1e-6 * n));
        }
      }
      // the unnormalised inverse brings back n times the input
      fft.transform(re, im, grid(n, width), grid(n, width), 1, 3, true);
      for (int t = 0; t < n; t++) {
        for (int c = 1; c < 3; c++) {
          assertThat((double) re[t][c] / n).isCloseTo(re0[t][c], within(1e-6));
          assertThat((double) im[t][c] / n).isCloseTo(im0[t][c], within(1e-6));
        }
      }
    }
  }

  @Test
  void zeroTailTransformsNeverReadTheSecondHalfAndMatchTheDefiningSum() {
    SplittableRandom r = new SplittableRandom(4);
    for (int n : new int[] {2, 4, 6, 8, 12, 24, 48, 96, 192}) {
      float[][] re = grid(n, 2);
      float[][] im = grid(n, 2);
      for (int t = 0; t < n; t++) {
        for (int c = 0; c < 2; c++) {
          // the second half holds NaN: read, it would spoil every output
          re[t][c] = t < n / 2 ? (float) (r.nextDouble() - 0.5) : Float.NaN;
          im[t][c] = t < n / 2 ? (float) (r.nextDouble() - 0.5) : Float.NaN;
        }
      }
      float[][] re0 = new float[n][];
      float[][] im0 = new float[n][];
      for (int t = 0; t < n; t++) {
        re0[t] = re[t].clone();
        im0[t] = im[t].clone();
      }
      new Fft(n).transform(re, im, grid(n, 2), grid(n, 2), 0, 2, false, true);
      for (int f = 0; f < n; f++) {
        for (int c = 0; c < 2; c++) {
          double sr = 0;
          double si = 0;
          for (int t = 0; t < n / 2; t++) {
            double ang = -2 * Math.PI * ((long) f * t % n) / n;
            sr += re0[t][c] * Math.cos(ang) - im0[t][c] * Math.sin(ang);
            si += re0[t][c] * Math.sin(ang) + im0[t][c] * Math.cos(ang);
          }
          assertThat((double) re[f][c]).as("n=%d f=%d", n, f).isCloseTo(sr, within(1e-6 * n));
          assertThat((double) im[f][c]).as("n=%d f=%d", n, f).isCloseTo(si, within(1e-6 * n));
        }
      }
    }
  }

  @Test
  void vectorLanesGiveTheScalarKernelsBitsForEveryRadixAndTail() {
    // surefire starts the JVM with the Vector API (as the launcher does); without it there is one path only
    assertThat(Fft.LANES).as("JVM started with --add-modules jdk.incubator.vector").isTrue();
    SplittableRandom r = new SplittableRandom(5);
    // lengths with radix 4, 2 and 3 stages; 37 columns: whole vectors and a scalar tail, from an odd first column
    for (int n : new int[] {4, 6, 8, 12, 18, 24, 96, 192, 288, 384}) {
      for (boolean zeroTail : new boolean[] {false, true}) {
        for (boolean inverse : new boolean[] {false, true}) {
          float[][][] out = new float[2][][];
          float[][][] outIm = new float[2][][];
          float[][] re = grid(n, 40);
          float[][] im = grid(n, 40);
          for (int t = 0; t < n; t++) {
            for (int c = 0; c < 40; c++) {
              re[t][c] = zeroTail && t >= n / 2 ? 0 : (float) (r.nextDouble() - 0.5);
              im[t][c] = zeroTail && t >= n / 2 ? 0 : (float) (r.nextDouble() - 0.5);
            }
          }
          for (int lanes = 0; lanes < 2; lanes++) {
            out[lanes] = new float[n][];
            outIm[lanes] = new float[n][];
            for (int t = 0; t < n; t++) {
              out[lanes][t] = re[t].clone();
              outIm[lanes][t] = im[t].clone();
            }
            new Fft(n, lanes == 1).transform(out[lanes], outIm[lanes], grid(n, 40), grid(n, 40), 3, 40, inverse,
                zeroTail);
          }
          for (int t = 0; t < n; t++) {
            assertThat(out[1][t]).as("n=%d row %d", n, t).containsExactly(out[0][t]);
            assertThat(outIm[1][t]).as("n=%d row %d", n, t).containsExactly(outIm[0][t]);
          }
        }
      }
    }
  }

  @Test
  void lagrangeWeightsReproduceQuadratics() {
    double[] w = new double[3];
    double[] nodes = {1.0 / 6, 0.5, 5.0 / 6};
    for (double u = 0; u <= 1; u += 0.125) {
      FftRepulsion.lagrange(u, w, 0);
      double one = w[0] + w[1] + w[2];
      double lin = w[0] * nodes[0] + w[1] * nodes[1] + w[2] * nodes[2];
      double sq = w[0] * nodes[0] * nodes[0] + w[1] * nodes[1] * nodes[1] + w[2] * nodes[2] * nodes[2];
      assertThat(one).isCloseTo(1, within(1e-12));
      assertThat(lin).isCloseTo(u, within(1e-12));
      assertThat(sq).isCloseTo(u * u, within(1e-12));
    }
  }

  /**
   * Relative errors of the FFT repulsion against the exact O(N²) sums: Σ_i |F_i − F̂_i| / Σ_i |F_i| over the force
   * vectors, and |Z − Ẑ| / Z.
   */
  static double[] errors(double[] y, int n) {
    double[] rep = new double[2 * n];
    double zApprox = new FftRepulsion().compute(y, n, rep);
    double[] exact = new double[2];
    double errSum = 0;
    double normSum = 0;
    double z = 0;
    for (int i = 0; i < n; i++) {
      z += TSneGradient.repulsiveExact(y, n, i, exact);
      errSum += Math.hypot(rep[2 * i] - exact[0], rep[2 * i + 1] - exact[1]);
      normSum += Math.hypot(exact[0], exact[1]);
    }
    return new double[] {errSum / normSum, Math.abs(zApprox - z) / z};
  }

  static double[] gaussianPoints(int n, double scale, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] y = new double[2 * n];
    for (int i = 0; i < y.length; i++) y[i] = scale * Pca.gaussian(r);
    return y;
  }

  @Test
  void fftRepulsionMatchesTheExactSumsToWithinAThousandthOnFineBoxes() {
    // spread ≈ 8: 32 boxes of width ≈ 0.25, 3 nodes each
    double[] e = errors(gaussianPoints(400, 1, 7), 400);
    assertThat(e[0]).as("relative force error").isLessThan(1e-3);
    assertThat(e[1]).as("relative error of Z").isLessThan(1e-4);
  }

  @Test
  void fftRepulsionIsWithinAFewPercentWithBoxesOfTheDefaultWidth() {
    // spread ≈ 200 and 300: boxes of width ≈ BOX_WIDTH (1.5; FIt-SNE's 1 gives 1–2%), where p = 3 interpolation
    // gives about 5% on the forces; Z, a sum of positive terms with the self-interaction taken out exactly, comes out
    // near 1e-3. The embedding's quality at this width is measured by bench/tsne.sh (see BOX_WIDTH).
    for (double scale : new double[] {30, 45}) {
      double[] y = gaussianPoints(400, scale, 11);
      double[] e = errors(y, 400);
      assertThat(e[0]).as("relative force error at scale %s", scale).isLessThan(0.07);
      assertThat(e[1]).as("relative error of Z at scale %s", scale).isLessThan(2e-3);
    }
  }

  @Test
  void theErrorFallsAsTheBoxesNarrow() {
    // the same layout shrunk: relative to the kernel's width the boxes get finer, and p = 3 is third order
    double[] coarse = errors(gaussianPoints(300, 8, 5), 300);
    double[] fine = errors(gaussianPoints(300, 2, 5), 300);
    assertThat(fine[0]).isLessThan(coarse[0] / 8);
  }

  @Test
  void theResultDoesNotDependOnTheNumberOfThreads() throws Exception {
    double[] y = gaussianPoints(2000, 10, 3);
    double[][] out = new double[2][];
    double[] z = new double[2];
    int[] threads = {1, 3};
    for (int t = 0; t < 2; t++) {
      double[] rep = new double[4000];
      ForkJoinPool pool = new ForkJoinPool(threads[t]);
      try {
        z[t] = pool.submit(() -> new FftRepulsion().compute(y, 2000, rep)).get();
      } finally {
        pool.shutdown();
      }
      out[t] = rep;
    }
    assertThat(out[1]).containsExactly(out[0]);
    assertThat(z[1]).isEqualTo(z[0]);
  }

  @Test
  void boxesGrowWithTheSpreadNotWithN() {
    assertThat(FftRepulsion.boxesFor(0.001)).isEqualTo(FftRepulsion.boxesFor(10)).isGreaterThanOrEqualTo(32);
    assertThat(FftRepulsion.boxesFor(100)).isGreaterThanOrEqualTo((int) Math.ceil(100 / FftRepulsion.BOX_WIDTH));
    assertThat(FftRepulsion.boxesFor(400)).isGreaterThanOrEqualTo((int) Math.ceil(400 / FftRepulsion.BOX_WIDTH));
    for (double spread : new double[] {1, 50, 77, 100, 333}) {
      int p = FftRepulsion.fftLength(FftRepulsion.boxesFor(spread));
      assertThat(Fft.smooth(p)).isTrue();
      assertThat(p).isGreaterThanOrEqualTo(2 * 3 * FftRepulsion.boxesFor(spread));
    }
  }
}
