package org.deepfig.embed;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Randomised PCA (Halko, Martinsson & Tropp 2011, algorithm 4.4 with one power iteration) of N points too wide to
 * hold: a layer of ~800,000 values per image for 1,000 images would be 3.2 GB as floats. The points are never held;
 * {@link Rows} streams them in batches, once per pass, and each pass keeps only sums. Four passes: the mean and
 * X·Ω, then Xᵀ·Q, X·Z and Xᵀ·Q again (each against the centred data, by subtracting the mean's share). Memory is
 * O(D·l + N·l) for l = k + 10 (one D×l float buffer, reused: 192 MB at D = 800,000 and k = 50, and the mean, D
 * doubles) plus one batch, whatever N. Deterministic for a seed and the same batches; each component's sign is fixed so that its largest-magnitude
 * score is positive, as {@link Pca} does.
 */
public final class StreamingPca {
  private StreamingPca() {}

  /** Points in batches: each call of {@link #forEach} hands every point once, in the same order and batches. */
  public interface Rows {
    void forEach(Batch consumer);
  }

  /** A batch of {@code count} points, row-major in {@code values} (count × D). */
  public interface Batch {
    void accept(float[] values, int count);
  }

  /** Passes over the data {@link #project} makes. */
  public static final int PASSES = 4;

  /** The N×k scores of the centred points on their top {@code k} principal axes. */
  public static Matrix project(Rows rows, int n, int d, int k, long seed) {
    k = Math.min(k, Math.min(n, d));
    int l = Math.min(Math.min(n, d), k + 10);
    // pass 1: the mean and X·Ω, with Ω a seeded D×l Gaussian test matrix
    float[] buf = new float[Math.multiplyExact(d, l)];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < buf.length; i++) buf[i] = (float) Pca.gaussian(r);
    double[] mean = new double[d];
    double[] y = new double[n * l];
    int[] at = {0};
    rows.forEach((v, count) -> {
      for (int i = 0; i < count; i++) {
        int o = i * d;
        for (int j = 0; j < d; j++) mean[j] += v[o + j];
      }
      timesRight(v, count, d, buf, l, y, at[0]);
      at[0] += count;
    });
    check(at[0], n);
    for (int j = 0; j < d; j++) mean[j] /= n;
    centreRows(y, n, l, mean, buf);
    Pca.orthonormaliseColumns(y, n, l);
    // one power iteration: Z = Xcᵀ·Q, Q = orth(Xc·Z)
    transposeTimes(rows, n, d, y, l, mean, buf);
    orthonormaliseColumns(buf, d, l);
    double[] y2 = new double[n * l];
    int[] at2 = {0};
    rows.forEach((v, count) -> {
      timesRight(v, count, d, buf, l, y2, at2[0]);
      at2[0] += count;
    });
    check(at2[0], n);
    centreRows(y2, n, l, mean, buf);
    Pca.orthonormaliseColumns(y2, n, l);
    // B = Qᵀ·Xc (its transpose, D×l, in buf); B·Bᵀ's eigenvectors give the top left singular vectors in span(Q)
    transposeTimes(rows, n, d, y2, l, mean, buf);
    double[] bbt = new double[l * l];
    IntStream.range(0, l).parallel().forEach(a -> {
      for (int b = a; b < l; b++) {
        double s = 0;
        for (int j = 0; j < d; j++) s += (double) buf[j * l + a] * buf[j * l + b];
        bbt[a * l + b] = s;
      }
    });
    for (int a = 0; a < l; a++) for (int b = 0; b < a; b++) bbt[a * l + b] = bbt[b * l + a];
    double[][] eig = SymmetricEigen.decompose(bbt, l);
    double[] out = new double[n * k];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        double s = 0;
        for (int a = 0; a < l; a++) s += y2[i * l + a] * eig[1][a * l + c];
        out[i * k + c] = s * Math.sqrt(Math.max(0, eig[0][c]));
      }
    }
    Pca.fixSigns(out, n, k);
    return new Matrix(n, k, out);
  }

  private static void check(int seen, int n) {
    if (seen != n) throw new IllegalStateException("the rows gave " + seen + " points, expected " + n);
  }

  /** y[from + i] += v_i · M for the batch's rows (M is D×l, row-major). */
  private static void timesRight(float[] v, int count, int d, float[] m, int l, double[] y, int from) {
    IntStream.range(0, count).parallel().forEach(i -> {
      double[] acc = new double[l];
      int o = i * d;
      for (int j = 0; j < d; j++) {
        float x = v[o + j];
        if (x == 0) continue;
        int mo = j * l;
        for (int c = 0; c < l; c++) acc[c] += x * m[mo + c];
      }
      System.arraycopy(acc, 0, y, (from + i) * l, l);
    });
  }

  /** Rows of X·M become rows of Xc·M = X·M − 1·(μᵀM). */
  private static void centreRows(double[] y, int n, int l, double[] mean, float[] m) {
    double[] shift = new double[l];
    int d = mean.length;
    for (int j = 0; j < d; j++) {
      if (mean[j] == 0) continue;
      for (int c = 0; c < l; c++) shift[c] += mean[j] * m[j * l + c];
    }
    for (int i = 0; i < n; i++) for (int c = 0; c < l; c++) y[i * l + c] -= shift[c];
  }

  /**
   * out (D×l) = Xcᵀ·Q = Xᵀ·Q − μ·(1ᵀQ), in one pass, accumulated in {@code out} itself (no second D×l buffer): each
   * batch's share of an entry is summed in double, in a fixed order, then added.
   */
  private static void transposeTimes(Rows rows, int n, int d, double[] q, int l, double[] mean, float[] out) {
    java.util.Arrays.fill(out, 0f);
    int[] at = {0};
    int chunk = 2048;
    rows.forEach((v, count) -> {
      int from = at[0];
      IntStream.range(0, (d + chunk - 1) / chunk).parallel().forEach(t -> {
        double[] loc = new double[l];
        for (int j = t * chunk; j < Math.min(d, (t + 1) * chunk); j++) {
          java.util.Arrays.fill(loc, 0);
          for (int i = 0; i < count; i++) {
            float x = v[i * d + j];
            if (x == 0) continue;
            int qo = (from + i) * l;
            for (int c = 0; c < l; c++) loc[c] += x * q[qo + c];
          }
          int o = j * l;
          for (int c = 0; c < l; c++) out[o + c] += (float) loc[c];
        }
      });
      at[0] += count;
    });
    check(at[0], n);
    double[] colSum = new double[l];
    for (int i = 0; i < n; i++) for (int c = 0; c < l; c++) colSum[c] += q[i * l + c];
    for (int j = 0; j < d; j++) {
      for (int c = 0; c < l; c++) out[j * l + c] = (float) (out[j * l + c] - mean[j] * colSum[c]);
    }
  }

  /** Modified Gram–Schmidt on the columns of a rows×cols float matrix, dot products in double. */
  static void orthonormaliseColumns(float[] m, int rows, int cols) {
    for (int c = 0; c < cols; c++) {
      for (int p = 0; p < c; p++) {
        double dot = 0;
        for (int r = 0; r < rows; r++) dot += (double) m[r * cols + c] * m[r * cols + p];
        for (int r = 0; r < rows; r++) m[r * cols + c] -= (float) (dot * m[r * cols + p]);
      }
      double norm = 0;
      for (int r = 0; r < rows; r++) norm += (double) m[r * cols + c] * m[r * cols + c];
      norm = Math.sqrt(norm);
      for (int r = 0; r < rows; r++) m[r * cols + c] = norm > 1e-12 ? (float) (m[r * cols + c] / norm) : 0f;
    }
  }
}
