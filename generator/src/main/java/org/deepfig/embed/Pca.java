package org.deepfig.embed;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Principal component analysis by randomised subspace iteration (Halko, Martinsson & Tropp 2011, algorithm 4.4):
 * O(N·D·k) instead of the O(N·D²) covariance, so 3,072-dimensional images project in about a second. Deterministic
 * for a seed; each component's sign is fixed so that its largest-magnitude entry is positive.
 */
public final class Pca {
  private Pca() {}

  /** The projection of the centred rows of {@code x} on their top {@code k} principal axes (N×k). */
  public static Matrix project(Matrix x, int k, long seed) {
    int n = x.rows();
    int d = x.cols();
    k = Math.min(k, Math.min(n, d));
    double[] centred = centre(x);
    if (d <= k) return new Matrix(n, d, centred);
    int l = Math.min(d, k + 10);
    // Ω: D×l Gaussian test matrix
    double[] omega = new double[d * l];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < omega.length; i++) omega[i] = gaussian(r);
    double[] y = multiply(centred, n, d, omega, l); // N×l
    orthonormaliseColumns(y, n, l);
    for (int it = 0; it < 3; it++) {
      double[] z = multiplyTransposed(centred, n, d, y, l); // D×l = Xᵀ Y
      orthonormaliseColumns(z, d, l);
      y = multiply(centred, n, d, z, l);
      orthonormaliseColumns(y, n, l);
    }
    // B = Qᵀ X (l×D); eigenvectors of B Bᵀ give the top left singular vectors within span(Q)
    double[] bt = multiplyTransposed(centred, n, d, y, l); // D×l = Xᵀ Q = Bᵀ
    double[] bbt = new double[l * l];
    for (int a = 0; a < l; a++) {
      for (int b = a; b < l; b++) {
        double s = 0;
        for (int i = 0; i < d; i++) s += bt[i * l + a] * bt[i * l + b];
        bbt[a * l + b] = s;
        bbt[b * l + a] = s;
      }
    }
    double[][] eig = SymmetricEigen.decompose(bbt, l); // eig[0] = values (descending), eig[1] = vectors (columns)
    // scores = X V = Q U Σ: rows of Q times the eigenvectors, scaled by the singular values
    double[] out = new double[n * k];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        double s = 0;
        for (int a = 0; a < l; a++) s += y[i * l + a] * eig[1][a * l + c];
        out[i * k + c] = s * Math.sqrt(Math.max(0, eig[0][c]));
      }
    }
    fixSigns(out, n, k);
    return new Matrix(n, k, out);
  }

  static double[] centre(Matrix x) {
    int n = x.rows();
    int d = x.cols();
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) mean[j] += x.data()[i * d + j];
    for (int j = 0; j < d; j++) mean[j] /= n;
    double[] c = new double[n * d];
    for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) c[i * d + j] = x.data()[i * d + j] - mean[j];
    return c;
  }

  /** (N×D)·(D×L). */
  static double[] multiply(double[] x, int n, int d, double[] m, int l) {
    double[] out = new double[n * l];
    IntStream.range(0, n).parallel().forEach(i -> {
      int o = i * l;
      for (int j = 0; j < d; j++) {
        double v = x[i * d + j];
        if (v == 0) continue;
        int mo = j * l;
        for (int c = 0; c < l; c++) out[o + c] += v * m[mo + c];
      }
    });
    return out;
  }

  /** (N×D)ᵀ·(N×L) = D×L, parallel over D so each output row is summed in one fixed order. */
  static double[] multiplyTransposed(double[] x, int n, int d, double[] y, int l) {
    double[] out = new double[d * l];
    IntStream.range(0, d).parallel().forEach(j -> {
      int o = j * l;
      for (int i = 0; i < n; i++) {
        double v = x[i * d + j];
        if (v == 0) continue;
        int yo = i * l;
        for (int c = 0; c < l; c++) out[o + c] += v * y[yo + c];
      }
    });
    return out;
  }

  /** Modified Gram–Schmidt on the columns of a rows×cols row-major matrix. */
  static void orthonormaliseColumns(double[] m, int rows, int cols) {
    for (int c = 0; c < cols; c++) {
      for (int p = 0; p < c; p++) {
        double dot = 0;
        for (int r = 0; r < rows; r++) dot += m[r * cols + c] * m[r * cols + p];
        for (int r = 0; r < rows; r++) m[r * cols + c] -= dot * m[r * cols + p];
      }
      double norm = 0;
      for (int r = 0; r < rows; r++) norm += m[r * cols + c] * m[r * cols + c];
      norm = Math.sqrt(norm);
      for (int r = 0; r < rows; r++) m[r * cols + c] = norm > 1e-12 ? m[r * cols + c] / norm : 0;
    }
  }

  static void fixSigns(double[] scores, int n, int k) {
    for (int c = 0; c < k; c++) {
      double best = 0;
      for (int i = 0; i < n; i++) if (Math.abs(scores[i * k + c]) > Math.abs(best)) best = scores[i * k + c];
      if (best < 0) for (int i = 0; i < n; i++) scores[i * k + c] = -scores[i * k + c];
    }
  }

  static double gaussian(SplittableRandom r) {
    double u = 1 - r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
