package org.deepfig.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
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

  /** Relative error of the FFT repulsion against the exact sums, over all points (sum of |error| / sum of |force|). */
  static double[] errors(double[] y, int n) {
    double[] rep = new double[2 * n];
    double[] zParts = new double[n];
    new FftRepulsion().compute(y, n, rep, zParts);
    double[] exact = new double[2];
    double errSum = 0;
    double normSum = 0;
    double z = 0;
    double zApprox = 0;
    for (int i = 0; i < n; i++) {
      z += TSneGradient.repulsiveExact(y, n, i, exact);
      zApprox += zParts[i];
      errSum += Math.hypot(rep[2 * i] - exact[0], rep[2 * i + 1] - exact[1]);
      normSum += Math.hypot(exact[0], exact[1]);
    }
    return new double[] {errSum / normSum, Math.abs(zApprox - z) / z};
  }

  @Test
  void fftRepulsionMatchesTheExactSums() {
    SplittableRandom r = new SplittableRandom(7);
    for (double scale : new double[] {0.01, 1, 5, 30}) {
      int n = 400;
      double[] y = new double[2 * n];
      for (int i = 0; i < y.length; i++) y[i] = scale * Pca.gaussian(r);
      double[] e = errors(y, n);
      System.out.printf("scale %s: force %.3g Z %.3g%n", scale, e[0], e[1]);
    }
  }
}
