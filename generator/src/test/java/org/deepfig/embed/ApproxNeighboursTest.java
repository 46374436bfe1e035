package org.deepfig.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class ApproxNeighboursTest {
  /** Share of the exact k nearest neighbours that the approximate lists hold. */
  static double recall(Neighbours.Result exact, Neighbours.Result approx) {
    int n = exact.n();
    int k = exact.k();
    long hits = 0;
    java.util.BitSet row = new java.util.BitSet(n);
    for (int i = 0; i < n; i++) {
      row.clear();
      for (int r = 0; r < k; r++) row.set(exact.indices()[i * k + r]);
      for (int r = 0; r < k; r++) if (row.get(approx.indices()[i * k + r])) hits++;
    }
    return hits / (double) ((long) n * k);
  }

  @Test
  void recallOnFashionMnistPca50IsAtLeast98PercentAtK90() {
    assumeTrue(FashionPoints.available(), "Debian's dataset-fashion-mnist is not installed");
    int n = 10_000;
    Matrix x = FashionPoints.pca50(n, new int[n]);
    Neighbours.Result exact = Neighbours.of(x, 90);
    Neighbours.Result approx = ApproxNeighbours.of(x, 90, 1);
    double recall = recall(exact, approx);
    assertThat(recall).isGreaterThanOrEqualTo(0.98);
    // distances are the true ones, ascending
    for (int i = 0; i < n; i += 97) {
      for (int r = 0; r < 90; r++) {
        assertThat(approx.distances2()[i * 90 + r]).isEqualTo(x.distance2(i, approx.indices()[i * 90 + r]));
        if (r > 0) assertThat(approx.distances2()[i * 90 + r]).isGreaterThanOrEqualTo(approx.distances2()[i * 90 + r - 1]);
      }
    }
  }

  @Test
  void recallOnGaussianClustersIsHigh() {
    int[] labels = new int[6000];
    Matrix x = TSneTest.blobs(10, 600, 50, 12, 4, labels);
    Neighbours.Result exact = Neighbours.of(x, 30);
    assertThat(recall(exact, ApproxNeighbours.of(x, 30, 2))).isGreaterThan(0.9);
  }

  @Test
  void identicalForOneAndTwoThreadsAndAcrossRuns() throws Exception {
    int[] labels = new int[3000];
    Matrix x = TSneTest.blobs(10, 300, 20, 8, 5, labels);
    Neighbours.Result one = inPool(1, x);
    Neighbours.Result two = inPool(2, x);
    Neighbours.Result again = inPool(2, x);
    assertThat(two.indices()).isEqualTo(one.indices());
    assertThat(two.distances2()).isEqualTo(one.distances2());
    assertThat(again.indices()).isEqualTo(two.indices());
    // another seed gives other trees, so (almost surely) somewhat different lists
    assertThat(ApproxNeighbours.of(x, 30, 99).indices()).isNotEqualTo(one.indices());
  }

  private static Neighbours.Result inPool(int threads, Matrix x) throws Exception {
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      return pool.submit(() -> ApproxNeighbours.of(x, 30, 7)).get();
    } finally {
      pool.shutdown();
    }
  }
}
