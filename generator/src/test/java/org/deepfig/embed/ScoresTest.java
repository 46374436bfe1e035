package org.deepfig.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScoresTest {
  @Test
  void neighbourhoodHitByHand() {
    // points on a line at 0, 1, 2, 10, 11, 12 with labels a a b b b a; k = 2
    // 0: nn {1 (a), 2 (b)} → 1/2; 1: {0 a, 2 b} → 1/2; 2: {1 a, 0 a} → 0 (label b)
    // 10: {11 b, 12 a} → 1/2; 11: {10 b, 12 a} → 1/2; 12: {11 b, 10 b} → 0 (label a)
    // mean = (0.5 + 0.5 + 0 + 0.5 + 0.5 + 0) / 6 = 1/3
    Matrix p = new Matrix(6, 2, new double[] {0, 0, 1, 0, 2, 0, 10, 0, 11, 0, 12, 0});
    assertThat(NeighbourhoodHit.of(p, new int[] {0, 0, 1, 1, 1, 0}, 2)).isCloseTo(1 / 3.0, within(1e-12));
    assertThat(NeighbourhoodHit.of(p, new int[] {0, 0, 0, 1, 1, 1}, 2)).isEqualTo(1.0);
  }

  @Test
  void trustworthinessAndContinuityByHand() {
    // original: 1-D positions 0, 1, 3, 7, 15, 31, 63 (N = 7); projection swaps points 0 and 6: 63, 1, 3, 7, 15, 31, 0
    // k = 1, normaliser 2 / (N k (2N − 3k − 1)) = 2 / (7·1·10) = 1/35
    // projection's nearest neighbours: 0(at 63)→5(31), 1→2(3)? |1-3|=2 vs |1-0|=1 → 6(at 0); 2(3)→1(1); 3(7)→2(3);
    //   4(15)→3(7); 5(31)→4(15) (|31−15|=16 < |31−63|=32); 6(at 0)→1(1)
    // original nearest: 0→1, 1→0, 2→1, 3→2, 4→3, 5→4, 6→5
    // U (projection neighbour not an original one): 0→5: rank of 5 from 0 in original = 5 → penalty 5−1 = 4;
    //   1→6: rank of 6 from 1 = 6 → 5; 6→1: rank of 1 from 6 (distances 62 to 1, 60 to 2, …): 1 is 5th → 4
    // T = 1 − (4 + 5 + 4)/35 = 22/35
    Matrix original = new Matrix(7, 1, new double[] {0, 1, 3, 7, 15, 31, 63});
    Matrix projection = new Matrix(7, 1, new double[] {63, 1, 3, 7, 15, 31, 0});
    assertThat(Trustworthiness.trustworthiness(original, projection, 1)).isCloseTo(22 / 35.0, within(1e-12));
    // continuity swaps the roles: original neighbours missing from the projection, ranked in the projection
    // 0→1: rank of 1 from 0(at 63) in projection: distances 62(1),60(2),56(3),48(4),32(5),63(6) → 1 is 5th → 4
    // 1→0: from 1, distances: 0(at 63)=62, 2=2, 3=6, 4=14, 5=30, 6=1 → 0 is 6th → 5
    // 6→5: from 6(at 0): 5 at 31, others 1,3,7,15 nearer, 63 farther → 5th → 4; others keep their neighbour
    // C = 1 − 13/35 = 22/35
    assertThat(Trustworthiness.continuity(original, projection, 1)).isCloseTo(22 / 35.0, within(1e-12));
    assertThat(Trustworthiness.trustworthiness(original, original, 2)).isEqualTo(1.0);
  }

  @Test
  void pcaFindsKnownAxes() {
    // points on a line along (3, 4)/5 with small noise along (−4, 3)/5: first component is ±(3,4)/5
    int n = 200;
    double[] x = new double[2 * n];
    for (int i = 0; i < n; i++) {
      double t = (i - n / 2.0) / 10;
      double s = ((i * 7919) % 13 - 6) / 1000.0;
      x[2 * i] = 3 / 5.0 * t - 4 / 5.0 * s;
      x[2 * i + 1] = 4 / 5.0 * t + 3 / 5.0 * s;
    }
    Matrix p = Pca.project(new Matrix(n, 2, x), 1, 1);
    // the score of point i is its centred coordinate along the axis, ±(t_i − mean t), up to the tiny noise
    double sign = Math.signum(p.get(n - 1, 0));
    double meanT = -0.05;
    for (int i = 0; i < n; i++) {
      assertThat(sign * p.get(i, 0)).isCloseTo((i - n / 2.0) / 10 - meanT, within(1e-2));
    }
  }

  @Test
  void randomisedPcaMatchesTheVariancesOfAxisAlignedData() {
    // 60 dims, variance 100 on axis 3, 25 on axis 10, 1 elsewhere → PC1 variance ≈ 100, PC2 ≈ 25
    java.util.SplittableRandom r = new java.util.SplittableRandom(5);
    int n = 2000;
    int d = 60;
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) x[i * d + j] = Pca.gaussian(r) * (j == 3 ? 10 : j == 10 ? 5 : 1);
    }
    Matrix p = Pca.project(new Matrix(n, d, x), 2, 2);
    double v0 = 0;
    double v1 = 0;
    for (int i = 0; i < n; i++) {
      v0 += p.get(i, 0) * p.get(i, 0) / n;
      v1 += p.get(i, 1) * p.get(i, 1) / n;
    }
    assertThat(v0).isCloseTo(100, within(8.0));
    assertThat(v1).isCloseTo(25, within(3.0));
  }
}
