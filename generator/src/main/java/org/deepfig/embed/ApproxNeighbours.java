package org.deepfig.embed;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Approximate k nearest neighbours as FIt-SNE and openTSNE find them for t-SNE's affinities: a forest of random
 * projection trees (Dasgupta & Freund 2008; Annoy's split, a hyperplane halfway between two random points of the node)
 * gives each point the members of its leaves as candidates, then rounds of neighbour-of-neighbour refinement in the
 * manner of NN-descent (Dong, Charikar & Li 2011) offer each point its neighbours' neighbours and its reverse
 * neighbours. Memory O(N·k + trees·N).
 *
 * <p>Deterministic whatever the number of threads: each tree is built from its own seed, each point's list is
 * written only by that point's task, every refinement round reads the previous round's lists only (no in-place
 * updates), and a list is the k smallest of its candidate set under the total order (distance, index), which does
 * not depend on the order candidates arrive in.
 */
public final class ApproxNeighbours {
  private ApproxNeighbours() {}

  /** Trees in the forest, refinement rounds, and the largest leaf, for k neighbours. */
  public record Settings(int trees, int rounds, int leafSize) {
    public static Settings forK(int k) {
      return new Settings(5, 2, Math.max(32, k + 10));
    }
  }

  public static Neighbours.Result of(Matrix x, int k, long seed) {
    return of(x, k, seed, Settings.forK(k));
  }

  public static Neighbours.Result of(Matrix x, int k, long seed, Settings s) {
    int n = x.rows();
    if (k >= n) throw new IllegalArgumentException("k=" + k + " needs more than " + n + " points");
    // the search runs on the points in the leaf order of one more tree, so that near points lie near in memory and
    // a neighbour's neighbours are mostly in cache; distances are the same numbers, the lists are mapped back
    int[] order = IntStream.range(0, n).toArray();
    build(x, order, new SplittableRandom(seed ^ 0x5DEECE66DL), s.leafSize(), new int[n + 1]);
    int d = x.cols();
    double[] moved = new double[n * d];
    for (int a = 0; a < n; a++) System.arraycopy(x.data(), order[a] * d, moved, a * d, d);
    Neighbours.Result g = search(new Matrix(n, d, moved), k, seed, s);
    int[] idx = new int[n * k];
    double[] dist = new double[n * k];
    IntStream.range(0, n).parallel().forEach(a -> {
      int i = order[a];
      for (int r = 0; r < k; r++) {
        idx[i * k + r] = order[g.indices()[a * k + r]];
        dist[i * k + r] = g.distances2()[a * k + r];
      }
      // equal distances in the caller's index order (insertion sort: the row is sorted by distance already)
      for (int r = 1; r < k; r++) {
        int j = idx[i * k + r];
        double v = dist[i * k + r];
        int q = r - 1;
        while (q >= 0 && dist[i * k + q] == v && idx[i * k + q] > j) {
          idx[i * k + q + 1] = idx[i * k + q];
          q--;
        }
        idx[i * k + q + 1] = j;
      }
    });
    return new Neighbours.Result(n, k, idx, dist);
  }

  private static Neighbours.Result search(Matrix x, int k, long seed, Settings s) {
    int n = x.rows();
    int trees = s.trees();
    int[][] perm = new int[trees][];
    int[][] leafStart = new int[trees][];
    int[][] leafOf = new int[trees][];
    IntStream.range(0, trees).parallel().forEach(t -> {
      SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L * (t + 1));
      int[] p = IntStream.range(0, n).toArray();
      int[] starts = new int[n + 1];
      int leaves = build(x, p, r, s.leafSize(), starts);
      int[] of = new int[n];
      for (int l = 0; l < leaves; l++) for (int a = starts[l]; a < starts[l + 1]; a++) of[p[a]] = l;
      perm[t] = p;
      leafStart[t] = Arrays.copyOf(starts, leaves + 1);
      leafOf[t] = of;
    });
    int[] idx = new int[n * k];
    double[] dist = new double[n * k];
    inChunks(n, (from, to) -> {
      int[] seen = new int[n];
      Arrays.fill(seen, -1);
      Top top = new Top(k);
      for (int i = from; i < to; i++) {
        top.clear();
        seen[i] = i;
        for (int t = 0; t < trees; t++) {
          int l = leafOf[t][i];
          for (int a = leafStart[t][l]; a < leafStart[t][l + 1]; a++) {
            int j = perm[t][a];
            if (seen[j] == i) continue;
            seen[j] = i;
            top.offer(j, x.distance2(i, j));
          }
        }
        // a point whose leaves were all tiny (duplicates) takes the next points in index order
        for (int j = (i + 1) % n; top.size < k; j = (j + 1) % n) {
          if (seen[j] == i) continue;
          seen[j] = i;
          top.offer(j, x.distance2(i, j));
        }
        top.sortedInto(idx, dist, i);
      }
    });
    Neighbours.Result g = new Neighbours.Result(n, k, idx, dist);
    boolean[] fresh = new boolean[n * k];
    Arrays.fill(fresh, true);
    for (int round = 0; round < s.rounds(); round++) {
      boolean[] next = new boolean[n * k];
      g = refine(x, g, fresh, next);
      fresh = next;
    }
    return g;
  }

  /**
   * One round: each point's new list is the k nearest among its list, its neighbours' lists and its reverse
   * neighbours (the points that list it), read from the previous round's lists. As in NN-descent, a neighbour's
   * neighbour is offered only if one of the two links is fresh (new in the last round): pairs through two old links
   * were offered before. {@code freshOut} marks the entries of the new lists that were not in the old ones.
   */
  static Neighbours.Result refine(Matrix x, Neighbours.Result g, boolean[] fresh, boolean[] freshOut) {
    int n = g.n();
    int k = g.k();
    int[] gi = g.indices();
    // reverse lists in compressed rows, each row in ascending index order (filled by ascending source)
    int[] count = new int[n + 1];
    for (int a = 0; a < n * k; a++) count[gi[a] + 1]++;
    for (int i = 0; i < n; i++) count[i + 1] += count[i];
    int[] rev = new int[n * k];
    int[] fill = Arrays.copyOf(count, n);
    for (int i = 0; i < n; i++) for (int r = 0; r < k; r++) rev[fill[gi[i * k + r]]++] = i;
    int[] idx = new int[n * k];
    double[] dist = new double[n * k];
    inChunks(n, (from, to) -> {
      int[] seen = new int[n];
      int[] old = new int[n];
      Arrays.fill(seen, -1);
      Arrays.fill(old, -1);
      Top top = new Top(k);
      for (int i = from; i < to; i++) {
        top.clear();
        seen[i] = i;
        for (int r = 0; r < k; r++) {
          int j = gi[i * k + r];
          seen[j] = i;
          old[j] = i;
          top.offer(j, g.distances2()[i * k + r]);
        }
        for (int a = count[i]; a < count[i + 1]; a++) {
          int j = rev[a];
          if (seen[j] == i) continue;
          seen[j] = i;
          top.offer(j, x.distance2(i, j));
        }
        // neighbours' neighbours (and their reverse neighbours), nearest neighbours first
        int reach = Math.min(k, REACH);
        for (int r = 0; r < reach; r++) {
          int j = gi[i * k + r];
          boolean viaFresh = fresh[i * k + r];
          for (int q = 0; q < reach; q++) {
            int m = gi[j * k + q];
            if (seen[m] == i || !(viaFresh || fresh[j * k + q])) continue;
            seen[m] = i;
            top.offer(m, x.distance2(i, m));
          }
        }
        top.sortedInto(idx, dist, i);
        for (int r = 0; r < k; r++) freshOut[i * k + r] = old[idx[i * k + r]] != i;
      }
    });
    return new Neighbours.Result(n, k, idx, dist);
  }

  /** A part of the points, {@code from} ≤ i &lt; {@code to}. */
  private interface Chunk {
    void run(int from, int to);
  }

  /**
   * Runs {@code body} over the points 0 … n − 1 cut in min(n, 256) contiguous parts, the parts in parallel; each
   * point's result depends only on its own part's work, so the split does not change it.
   */
  private static void inChunks(int n, Chunk body) {
    int chunks = Math.min(n, 256);
    IntStream.range(0, chunks).parallel().forEach(c -> body.run((int) ((long) n * c / chunks),
        (int) ((long) n * (c + 1) / chunks)));
  }

  /** How many of a point's nearest neighbours, and of theirs, refinement looks at. */
  static final int REACH = 30;

  /**
   * Splits p into leaves of at most {@code leafSize} points in place, depth first; starts[l] is where leaf l begins
   * (starts[leaves] = N). Returns the number of leaves.
   */
  private static int build(Matrix x, int[] p, SplittableRandom r, int leafSize, int[] starts) {
    int d = x.cols();
    double[] data = x.data();
    double[] normal = new double[d];
    double[] proj = new double[p.length];
    int[] stack = new int[128];
    int sp = 0;
    stack[sp++] = 0;
    stack[sp++] = p.length;
    int leaves = 0;
    while (sp > 0) {
      int hi = stack[--sp];
      int lo = stack[--sp];
      if (hi - lo <= leafSize) {
        starts[leaves++] = lo;
        continue;
      }
      int a = p[lo + r.nextInt(hi - lo)];
      int b = a;
      for (int tries = 0; tries < 8 && b == a; tries++) b = p[lo + r.nextInt(hi - lo)];
      double offset = 0;
      for (int c = 0; c < d; c++) {
        normal[c] = data[a * d + c] - data[b * d + c];
        offset += normal[c] * (data[a * d + c] + data[b * d + c]) / 2;
      }
      for (int q = lo; q < hi; q++) {
        double s = -offset;
        int base = p[q] * d;
        for (int c = 0; c < d; c++) s += normal[c] * data[base + c];
        proj[q] = s;
      }
      // partition by side of the hyperplane; a degenerate split (duplicates) falls back to halves at random
      int mid = lo;
      for (int q = lo; q < hi; q++) {
        if (proj[q] < 0) {
          Neighbours.swap(p, proj, q, mid);
          mid++;
        }
      }
      if (mid - lo < (hi - lo) / 20 || hi - mid < (hi - lo) / 20) {
        for (int q = hi - 1; q > lo; q--) {
          int o = lo + r.nextInt(q - lo + 1);
          int tp = p[q];
          p[q] = p[o];
          p[o] = tp;
        }
        mid = (lo + hi) >>> 1;
      }
      if (sp + 4 > stack.length) stack = Arrays.copyOf(stack, stack.length * 2);
      // the right half pushed first so leaves come out left to right
      stack[sp++] = mid;
      stack[sp++] = hi;
      stack[sp++] = lo;
      stack[sp++] = mid;
    }
    starts[leaves] = p.length;
    return leaves;
  }

  /** The k smallest (distance, index) pairs offered: a bounded max-heap. */
  private static final class Top {
    final int k;
    final int[] hi;
    final double[] hd;
    int size;

    Top(int k) {
      this.k = k;
      hi = new int[k];
      hd = new double[k];
    }

    void clear() {
      size = 0;
    }

    void offer(int j, double d) {
      if (size < k) {
        hi[size] = j;
        hd[size] = d;
        Neighbours.siftUp(hi, hd, size++);
      } else if (d < hd[0] || (d == hd[0] && j < hi[0])) {
        hi[0] = j;
        hd[0] = d;
        Neighbours.siftDown(hi, hd, k);
      }
    }

    /** Heapsort: ascending by (distance, index) into row i. */
    void sortedInto(int[] idx, double[] dist, int i) {
      for (int m = size - 1; m > 0; m--) {
        Neighbours.swap(hi, hd, 0, m);
        Neighbours.siftDown(hi, hd, m);
      }
      System.arraycopy(hi, 0, idx, i * k, k);
      System.arraycopy(hd, 0, dist, i * k, k);
      size = 0;
    }
  }
}
