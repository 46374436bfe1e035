package org.deepfig.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Streamed randomised PCA recovers a planted subspace, and agrees with the in-memory PCA. */
class StreamingPcaTest {
  /**
   * N points in D dimensions: three orthogonal directions (each a random ±1/√D pattern over disjoint thirds of the
   * coordinates) with scores of standard deviation 30, 20 and 10, plus noise of σ 0.05 per coordinate, plus an offset.
   */
  record Planted(float[] x, double[][] scores) {}

  static Planted planted(int n, int d, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] dirs = new double[3][d];
    for (int k = 0; k < 3; k++) {
      for (int j = k * d / 3; j < (k + 1) * d / 3; j++) dirs[k][j] = (r.nextBoolean() ? 1 : -1) / Math.sqrt(d / 3.0);
    }
    double[] sd = {30, 20, 10};
    double[][] scores = new double[n][3];
    float[] x = new float[n * d];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < 3; k++) scores[i][k] = sd[k] * Pca.gaussian(r);
      for (int j = 0; j < d; j++) {
        double v = 3 + 0.05 * Pca.gaussian(r);
        for (int k = 0; k < 3; k++) v += scores[i][k] * dirs[k][j];
        x[i * d + j] = (float) v;
      }
    }
    return new Planted(x, scores);
  }

  /** The points in batches of {@code batch}, counting the passes. */
  static StreamingPca.Rows rows(float[] x, int n, int d, int batch, int[] passes) {
    return consumer -> {
      passes[0]++;
      for (int from = 0; from < n; from += batch) {
        int b = Math.min(batch, n - from);
        consumer.accept(java.util.Arrays.copyOfRange(x, from * d, (from + b) * d), b);
      }
    };
  }

  static double[] column(Matrix m, int c) {
    double[] out = new double[m.rows()];
    for (int i = 0; i < out.length; i++) out[i] = m.get(i, c);
    return out;
  }

  static double[] column(double[][] m, int c) {
    double[] out = new double[m.length];
    for (int i = 0; i < out.length; i++) out[i] = m[i][c];
    return out;
  }

  @Test
  void recoversThePlantedComponentsInOrderInFourPasses() {
    int n = 300;
    int d = 6000;
    Planted p = planted(n, d, 5);
    int[] passes = {0};
    Matrix s = StreamingPca.project(rows(p.x(), n, d, 37, passes), n, d, 3, 11);
    assertThat(passes[0]).isEqualTo(StreamingPca.PASSES).isEqualTo(4);
    assertThat(s.rows()).isEqualTo(n);
    assertThat(s.cols()).isEqualTo(3);
    for (int k = 0; k < 3; k++) {
      // component k is the planted score k up to sign (largest variance first)
      assertThat(Math.abs(org.deepfig.analysis.saliency.Scores.pearson(column(s, k), column(p.scores(), k)))).as("component " + k)
          .isGreaterThan(0.999);
    }
    // and the scores' scale is the planted one (centred, in the data's units): variance ≈ 900, 400, 100
    double var0 = 0;
    for (int i = 0; i < n; i++) var0 += s.get(i, 0) * s.get(i, 0) / n;
    double planted0 = 0;
    double mean0 = 0;
    for (int i = 0; i < n; i++) mean0 += p.scores()[i][0] / n;
    for (int i = 0; i < n; i++) planted0 += (p.scores()[i][0] - mean0) * (p.scores()[i][0] - mean0) / n;
    assertThat(var0).isCloseTo(planted0, org.assertj.core.data.Percentage.withPercentage(1));
  }

  @Test
  void agreesWithInMemoryPcaWhateverTheBatchSize() {
    int n = 200;
    int d = 900;
    Planted p = planted(n, d, 8);
    Matrix full = Pca.project(Matrix.of(p.x(), n, d), 3, 3);
    Matrix a = StreamingPca.project(rows(p.x(), n, d, 1, new int[1]), n, d, 3, 3);
    Matrix b = StreamingPca.project(rows(p.x(), n, d, 200, new int[1]), n, d, 3, 3);
    for (int k = 0; k < 3; k++) {
      for (int i = 0; i < n; i++) {
        // signs are fixed the same way (largest-magnitude score positive), so the scores agree, not just up to sign
        assertThat(a.get(i, k)).isCloseTo(full.get(i, k), org.assertj.core.data.Offset.offset(0.05));
        assertThat(b.get(i, k)).isCloseTo(a.get(i, k), org.assertj.core.data.Offset.offset(1e-3));
      }
    }
  }
}
