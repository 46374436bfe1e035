package org.deepfig.embed;

import java.util.stream.IntStream;

/**
 * Exact k nearest neighbours by brute force in parallel, keeping a bounded max-heap per point: O(N²·D) time, O(N·k)
 * memory. Ties are broken by index, so the result is deterministic.
 */
public final class Neighbours {
  /** indices[i*k + r] is the r-th nearest neighbour of i (r = 0 nearest); distances are squared. */
  public record Result(int n, int k, int[] indices, double[] distances2) {}

  private Neighbours() {}

  public static Result of(Matrix x, int k) {
    int n = x.rows();
    if (k >= n) throw new IllegalArgumentException("k=" + k + " needs more than " + n + " points");
    int[] idx = new int[n * k];
    double[] dist = new double[n * k];
    IntStream.range(0, n).parallel().forEach(i -> {
      int[] hi = new int[k];
      double[] hd = new double[k];
      int size = 0;
      for (int j = 0; j < n; j++) {
        if (j == i) continue;
        double d = x.distance2(i, j);
        if (size < k) {
          hi[size] = j;
          hd[size] = d;
          siftUp(hi, hd, size++);
        } else if (d < hd[0]) {
          hi[0] = j;
          hd[0] = d;
          siftDown(hi, hd, k);
        }
      }
      // heap → ascending by (distance, index)
      Integer[] order = new Integer[k];
      for (int r = 0; r < k; r++) order[r] = r;
      java.util.Arrays.sort(order, (a, b) -> hd[a] != hd[b] ? Double.compare(hd[a], hd[b])
          : Integer.compare(hi[a], hi[b]));
      for (int r = 0; r < k; r++) {
        idx[i * k + r] = hi[order[r]];
        dist[i * k + r] = hd[order[r]];
      }
    });
    return new Result(n, k, idx, dist);
  }

  private static boolean larger(int[] hi, double[] hd, int a, int b) {
    return hd[a] > hd[b] || (hd[a] == hd[b] && hi[a] > hi[b]);
  }

  private static void siftUp(int[] hi, double[] hd, int c) {
    while (c > 0) {
      int p = (c - 1) / 2;
      if (!larger(hi, hd, c, p)) return;
      swap(hi, hd, c, p);
      c = p;
    }
  }

  private static void siftDown(int[] hi, double[] hd, int size) {
    int p = 0;
    while (true) {
      int l = 2 * p + 1;
      int r = l + 1;
      int m = p;
      if (l < size && larger(hi, hd, l, m)) m = l;
      if (r < size && larger(hi, hd, r, m)) m = r;
      if (m == p) return;
      swap(hi, hd, p, m);
      p = m;
    }
  }

  private static void swap(int[] hi, double[] hd, int a, int b) {
    int ti = hi[a];
    hi[a] = hi[b];
    hi[b] = ti;
    double td = hd[a];
    hd[a] = hd[b];
    hd[b] = td;
  }
}
