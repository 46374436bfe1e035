package org.deepfig.analysis.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.deepfig.embed.Matrix;
import org.deepfig.embed.Trustworthiness;
import org.junit.jupiter.api.Test;

/** Above 5,000 points the t-SNE figure's trustworthiness and continuity are taken on a seeded sample. */
class ScoreSampleTest {
  static Matrix[] points(int n) {
    SplittableRandom r = new SplittableRandom(4);
    double[] x = new double[n * 4];
    double[] y = new double[n * 2];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 4; j++) x[i * 4 + j] = r.nextGaussian();
      y[2 * i] = x[i * 4] + 0.3 * r.nextGaussian();
      y[2 * i + 1] = x[i * 4 + 1] + 0.3 * r.nextGaussian();
    }
    return new Matrix[] {new Matrix(n, 4, x), new Matrix(n, 2, y)};
  }

  @Test
  void wholeUpTo5000PointsASeededSampleAbove() {
    Matrix[] small = points(2000);
    assertThat(Embedding.trustworthiness(small[0], small[1], 6, 1, false))
        .isEqualTo(Trustworthiness.trustworthiness(small[0], small[1], 6));
    assertThat(Embedding.trustworthiness(small[0], small[1], 6, 1, true))
        .isEqualTo(Trustworthiness.continuity(small[0], small[1], 6));
    Matrix[] big = points(6000);
    double a = Embedding.trustworthiness(big[0], big[1], 6, 1, false);
    assertThat(Embedding.trustworthiness(big[0], big[1], 6, 1, false)).isEqualTo(a); // seeded
    double whole = Trustworthiness.trustworthiness(big[0], big[1], 6);
    assertThat(a).isNotEqualTo(whole).isCloseTo(whole, org.assertj.core.api.Assertions.within(0.02));
    assertThat(Embedding.trustworthiness(big[0], big[1], 6, 2, false)).isNotEqualTo(a);
  }

  @Test
  void aSmallTestSetLowersKBelowHalfItsPoints() {
    EmbeddingSpec spec = ReduceTest.spec(null, null, null); // k = 6 by default
    assertThat(spec.k()).isEqualTo(6);
    assertThat(Embedding.k(spec, 1000)).isEqualTo(6);
    assertThat(Embedding.k(spec, 13)).isEqualTo(6); // 6 < 13/2
    assertThat(Embedding.k(spec, 10)).isEqualTo(4); // trustworthiness needs k < N/2 = 5
    assertThat(Embedding.k(spec, 11)).isEqualTo(5);
    Matrix[] ten = points(10);
    assertThat(Embedding.trustworthiness(ten[0], ten[1], Embedding.k(spec, 10), 1, false)).isBetween(0.0, 1.0);
  }
}
