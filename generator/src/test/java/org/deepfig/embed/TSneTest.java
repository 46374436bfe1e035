package org.deepfig.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class TSneTest {
  /** {@code clusters} Gaussian blobs of {@code per} points in {@code d} dimensions, centres {@code gap} apart. */
  static Matrix blobs(int clusters, int per, int d, double gap, long seed, int[] labels) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[clusters * per * d];
    for (int c = 0; c < clusters; c++) {
      for (int p = 0; p < per; p++) {
        int i = c * per + p;
        labels[i] = c;
        for (int j = 0; j < d; j++) x[i * d + j] = (j == c % d ? gap * (1 + c / d) : 0) + Pca.gaussian(r);
      }
    }
    return new Matrix(clusters * per, d, x);
  }

  @Test
  void twoWellSeparatedClustersStaySeparatedWithFft() {
    int[] labels = new int[200];
    Matrix x = blobs(2, 100, 10, 20, 1, labels);
    TSneResult r = new TSne().optMethod(TSne.Method.FFT).optPerplexity(20).optIterations(500).optSeed(3).fit(x);
    Matrix y = new Matrix(200, 2, r.coordinates());
    assertThat(NeighbourhoodHit.of(y, labels, 6)).isEqualTo(1.0);
    // every point is closer to its own cluster's centre than to the other's
    double[][] centre = new double[2][2];
    for (int i = 0; i < 200; i++) {
      centre[labels[i]][0] += r.x(i) / 100;
      centre[labels[i]][1] += r.y(i) / 100;
    }
    for (int i = 0; i < 200; i++) {
      double own = Math.hypot(r.x(i) - centre[labels[i]][0], r.y(i) - centre[labels[i]][1]);
      double other = Math.hypot(r.x(i) - centre[1 - labels[i]][0], r.y(i) - centre[1 - labels[i]][1]);
      assertThat(own).isLessThan(other);
    }
  }

  @Test
  void tenClustersSeparateWithBarnesHut() {
    int[] labels = new int[1500];
    Matrix x = blobs(10, 150, 50, 12, 2, labels);
    TSneResult r = new TSne().optMethod(TSne.Method.BARNES_HUT).optSeed(5).optIterations(750).fit(x);
    assertThat(NeighbourhoodHit.of(new Matrix(1500, 2, r.coordinates()), labels, 6)).isGreaterThan(0.99);
    assertThat(Trustworthiness.trustworthiness(x, new Matrix(1500, 2, r.coordinates()), 5)).isGreaterThan(0.9);
  }

  @Test
  void tenClustersSeparateWithFftAsWellAsWithBarnesHut() {
    int[] labels = new int[1500];
    Matrix x = blobs(10, 150, 50, 12, 2, labels);
    TSneResult fft = new TSne().optMethod(TSne.Method.FFT).optSeed(5).optIterations(750).fit(x);
    TSneResult bh = new TSne().optMethod(TSne.Method.BARNES_HUT).optSeed(5).optIterations(750).fit(x);
    Matrix y = new Matrix(1500, 2, fft.coordinates());
    assertThat(NeighbourhoodHit.of(y, labels, 6)).isGreaterThan(0.99);
    double t = Trustworthiness.trustworthiness(x, y, 5);
    double tBh = Trustworthiness.trustworthiness(x, new Matrix(1500, 2, bh.coordinates()), 5);
    assertThat(t).isGreaterThan(0.9).isCloseTo(tBh, within(0.01));
    assertThat(fft.finalKl()).isCloseTo(bh.finalKl(), within(0.05 * bh.finalKl()));
  }

  @Test
  void klDecreasesAfterEarlyExaggerationWithFft() {
    int[] labels = new int[300];
    Matrix x = blobs(3, 100, 20, 6, 4, labels);
    TSneResult r = new TSne().optMethod(TSne.Method.FFT).optSeed(1).optIterations(1000).fit(x);
    double prev = Double.POSITIVE_INFINITY;
    for (double[] point : r.klTrace()) {
      if (point[0] <= 300) continue; // exaggeration ends at 250; the first sample after it is at 300
      assertThat(point[1]).as("KL at iteration %.0f", point[0]).isLessThanOrEqualTo(prev + 1e-3);
      prev = point[1];
    }
    assertThat(r.finalKl()).isLessThan(r.klTrace().get(5)[1]);
  }

  @Test
  void sameSeedGivesIdenticalCoordinatesWhateverTheThreadCount() {
    int[] labels = new int[400];
    Matrix x = blobs(4, 100, 30, 5, 9, labels);
    for (TSne.Method m : new TSne.Method[] {TSne.Method.FFT, TSne.Method.BARNES_HUT}) {
      TSneResult a = new TSne().optMethod(m).optSeed(11).optIterations(300).optThreads(1).fit(x);
      TSneResult b = new TSne().optMethod(m).optSeed(11).optIterations(300).optThreads(2).fit(x);
      TSneResult c = new TSne().optMethod(m).optSeed(12).optIterations(300).optInit(TSne.Init.RANDOM).fit(x);
      assertThat(a.coordinates()).as("%s", m).containsExactly(b.coordinates());
      assertThat(c.coordinates()).as("%s", m).isNotEqualTo(a.coordinates());
    }
  }

  @Test
  void approximateNeighboursGiveIdenticalCoordinatesForOneAndTwoThreadsAndTheExactRunsQuality() {
    int[] labels = new int[1200];
    Matrix x = blobs(6, 200, 30, 6, 9, labels);
    TSneResult a = new TSne().optNeighbours(TSne.NeighbourSearch.APPROXIMATE).optSeed(11).optIterations(300)
        .optThreads(1).fit(x);
    TSneResult b = new TSne().optNeighbours(TSne.NeighbourSearch.APPROXIMATE).optSeed(11).optIterations(300)
        .optThreads(2).fit(x);
    TSneResult exact = new TSne().optNeighbours(TSne.NeighbourSearch.EXACT).optSeed(11).optIterations(300).fit(x);
    assertThat(a.approximateNeighbours()).isTrue();
    assertThat(exact.approximateNeighbours()).isFalse();
    assertThat(a.coordinates()).containsExactly(b.coordinates());
    assertThat(a.finalKl()).isCloseTo(exact.finalKl(), within(0.02 * exact.finalKl()));
    Matrix ya = new Matrix(1200, 2, a.coordinates());
    assertThat(NeighbourhoodHit.of(ya, labels, 6)).isGreaterThan(0.99);
    // AUTO: exact up to 5,000 points, approximate above
    assertThat(TSne.approximate(TSne.NeighbourSearch.AUTO, 5000)).isFalse();
    assertThat(TSne.approximate(TSne.NeighbourSearch.AUTO, 5001)).isTrue();
    assertThat(TSne.approximate(TSne.NeighbourSearch.EXACT, 70000)).isFalse();
  }

  @Test
  void openTsneScheduleReachesAKlNoWorseThanTheClassicOne() {
    int[] labels = new int[1000];
    Matrix x = blobs(10, 100, 50, 12, 2, labels);
    TSneResult classic = new TSne().optClassicSchedule().optSeed(1).optIterations(750).fit(x);
    TSneResult open = new TSne().optSeed(1).optIterations(750).fit(x);
    assertThat(open.finalKl()).isLessThanOrEqualTo(classic.finalKl());
    assertThat(NeighbourhoodHit.of(new Matrix(1000, 2, open.coordinates()), labels, 6)).isGreaterThan(0.99);
    // openTSNE's N/12 and N in its units (no factor 4 in its gradient), at least 50; a given rate in both phases
    assertThat(new TSne().learningRate(12_000, 12)).isEqualTo(250);
    assertThat(new TSne().learningRate(12_000, 1)).isEqualTo(3000);
    assertThat(new TSne().learningRate(1_000, 12)).isEqualTo(50);
    assertThat(new TSne().optClassicSchedule().learningRate(12_000, 1)).isEqualTo(250);
    assertThat(new TSne().optLearningRate(100).learningRate(12_000, 1)).isEqualTo(100);
  }

  @Test
  void barnesHutWithThetaZeroIsTheExactRepulsionAndCloseForThetaHalf() {
    SplittableRandom r = new SplittableRandom(7);
    int n = 300;
    double[] y = new double[2 * n];
    for (int i = 0; i < y.length; i++) y[i] = 5 * Pca.gaussian(r);
    QuadTree t = new QuadTree(y, n);
    double[] exact = new double[2];
    double[] approx = new double[2];
    double[] bh0 = new double[2];
    double errSum = 0;
    double normSum = 0;
    for (int i = 0; i < n; i++) {
      double z = TSneGradient.repulsiveExact(y, n, i, exact);
      double z0 = TSneGradient.repulsiveBarnesHut(t, y, i, 0, bh0);
      assertThat(z0).isCloseTo(z, within(1e-9 * z));
      assertThat(bh0[0]).isCloseTo(exact[0], within(1e-9));
      assertThat(bh0[1]).isCloseTo(exact[1], within(1e-9));
      TSneGradient.repulsiveBarnesHut(t, y, i, 0.5, approx);
      errSum += Math.hypot(approx[0] - exact[0], approx[1] - exact[1]);
      normSum += Math.hypot(exact[0], exact[1]);
    }
    assertThat(errSum / normSum).as("relative error of the θ=0.5 repulsion").isLessThan(0.05);
  }

  @Test
  void perplexityCalibrationMatchesTheTargetEntropy() {
    int[] labels = new int[300];
    Matrix x = blobs(3, 100, 10, 4, 3, labels);
    Neighbours.Result nn = Neighbours.of(x, 90);
    double[] p = Affinities.conditional(nn, 30);
    for (int i = 0; i < 300; i += 37) {
      double h = 0;
      double sum = 0;
      for (int r = 0; r < 90; r++) {
        double v = p[i * 90 + r];
        sum += v;
        if (v > 0) h -= v * Math.log(v);
      }
      assertThat(sum).isCloseTo(1, within(1e-9));
      assertThat(h).isCloseTo(Math.log(30), within(1e-3));
    }
    Affinities.Sparse s = Affinities.symmetric(nn, 30);
    double total = 0;
    for (double v : s.values()) total += v;
    assertThat(total).isCloseTo(1, within(1e-9));
  }
}
