package org.deepfig.embed;

import java.util.stream.IntStream;

/**
 * Exact k nearest neighbours by brute force in parallel, keeping a bounded max-heap per point: O(N²·D) time, O(N·k)
 * memory. Rows go in tiles of 32 against all points, so each point's coordinates are fetched once per tile rather
 * than once per row. Ties are broken by index, so the result is deterministic.
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
    int tiles = (n + TILE - 1) / TILE;
    IntStream.range(0, tiles).parallel().forEach(t -> {
      int i0 = t * TILE;
      int i1 = Math.min(n, i0 + TILE);
      int rows = i1 - i0;
      int[][] hi = new int[rows][k];
      double[][] hd = new double[rows][k];
      int[] size = new int[rows];
      // a tile of rows against every point: each point is read once per tile, while the tile stays in cache
      for (int j = 0; j < n; j++) {
        for (int i = i0; i < i1; i++) {
          if (j == i) continue;
          double d = x.distance2(i, j);
          int r = i - i0;
          if (size[r] < k) {
            hi[r][size[r]] = j;
            hd[r][size[r]] = d;
            siftUp(hi[r], hd[r], size[r]++);
          } else if (d < hd[r][0]) {
            hi[r][0] = j;
            hd[r][0] = d;
            siftDown(hi[r], hd[r], k);
          }
        }
      }
      for (int i = i0; i < i1; i++) sorted(hi[i - i0], hd[i - i0], k, idx, dist, i);
    });
    return new Result(n, k, idx, dist);
  }

  private static final int TILE = 32;

  /** Heap → ascending by (distance, index), into row i of the result. */
  private static void sorted(int[] hi, double[] hd, int k, int[] idx, double[] dist, int i) {
    Integer[] order = new Integer[k];
    for (int r = 0; r < k; r++) order[r] = r;
    java.util.Arrays.sort(order, (a, b) -> hd[a] != hd[b] ? Double.compare(hd[a], hd[b])
        : Integer.compare(hi[a], hi[b]));
    for (int r = 0; r < k; r++) {
      idx[i * k + r] = hi[order[r]];
      dist[i * k + r] = hd[order[r]];
    }
  }

  static boolean larger(int[] hi, double[] hd, int a, int b) {
    return hd[a] > hd[b] || (hd[a] == hd[b] && hi[a] > hi[b]);
  }

  static void siftUp(int[] hi, double[] hd, int c) {
    while (c > 0) {
      int p = (c - 1) / 2;
      if (!larger(hi, hd, c, p)) return;
      swap(hi, hd, c, p);
      c = p;
    }
  }

  static void siftDown(int[] hi, double[] hd, int size) {
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

  static void swap(int[] hi, double[] hd, int a, int b) {
    int ti = hi[a];
    hi[a] = hi[b];
    hi[b] = ti;
    double td = hd[a];
    hd[a] = hd[b];
    hd[b] = td;
  }
}
