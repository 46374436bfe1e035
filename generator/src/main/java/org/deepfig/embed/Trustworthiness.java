package org.deepfig.embed;

import java.util.stream.IntStream;

/**
 * Trustworthiness and continuity (Venna & Kaski 2001): how far the projection's k nearest neighbours of each point
 * rank among its neighbours in the original space (trustworthiness), and the reverse (continuity).
 * T(k) = 1 − 2/(N·k·(2N − 3k − 1)) · Σ_i Σ_{j ∈ U_i} (r(i, j) − k), where U_i are the projection's k neighbours of i
 * that are not among its k original neighbours and r(i, j) is j's rank by distance from i in the original space
 * (1 = nearest). The same definition as scikit-learn's {@code trustworthiness}. O(N²·D) time, O(N) memory per
 * thread.
 */
public final class Trustworthiness {
  private Trustworthiness() {}

  public static double trustworthiness(Matrix original, Matrix projection, int k) {
    return score(original, projection, k);
  }

  public static double continuity(Matrix original, Matrix projection, int k) {
    return score(projection, original, k);
  }

  /** Penalises neighbours in {@code to} that rank far in {@code from}. */
  private static double score(Matrix from, Matrix to, int k) {
    int n = from.rows();
    if (k >= n / 2) throw new IllegalArgumentException("k must be below N/2 (N=" + n + ", k=" + k + ")");
    Neighbours.Result nnTo = Neighbours.of(to, k);
    Neighbours.Result nnFrom = Neighbours.of(from, k);
    double[] penalty = new double[n];
    IntStream.range(0, n).parallel().forEach(i -> {
      java.util.Set<Integer> near = new java.util.HashSet<>();
      for (int r = 0; r < k; r++) near.add(nnFrom.indices()[i * k + r]);
      double[] d = null;
      double p = 0;
      for (int r = 0; r < k; r++) {
        int j = nnTo.indices()[i * k + r];
        if (near.contains(j)) continue;
        if (d == null) {
          d = new double[n];
          for (int m = 0; m < n; m++) d[m] = from.distance2(i, m);
        }
        // rank of j among i's neighbours in `from`, ties broken by index as in a stable sort
        int rank = 0;
        for (int m = 0; m < n; m++) {
          if (m == i) continue;
          if (d[m] < d[j] || (d[m] == d[j] && m < j)) rank++;
        }
        p += (rank + 1) - k;
      }
      penalty[i] = p;
    });
    double sum = 0;
    for (double v : penalty) sum += v;
    return 1 - 2.0 / (n * (double) k * (2.0 * n - 3.0 * k - 1.0)) * sum;
  }
}
