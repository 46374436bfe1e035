package org.deepfig.embed;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The input similarities of t-SNE (van der Maaten & Hinton 2008, eq. 1 and the symmetrisation p_ij = (p_j|i +
 * p_i|j)/2N), restricted to each point's k = 3·perplexity nearest neighbours as in Barnes-Hut-SNE (van der Maaten
 * 2014, §4.1): a sparse symmetric matrix in compressed rows.
 */
public final class Affinities {
  /** Compressed sparse rows: the neighbours of i are columns[rowStart[i]..rowStart[i+1]). Values sum to 1. */
  public record Sparse(int n, int[] rowStart, int[] columns, double[] values) {}

  private Affinities() {}

  /** Conditional p_j|i for each point's neighbours, with σ_i found by binary search on the entropy. */
  public static double[] conditional(Neighbours.Result nn, double perplexity) {
    int n = nn.n();
    int k = nn.k();
    double[] p = new double[n * k];
    double target = Math.log(perplexity);
    IntStream.range(0, n).parallel().forEach(i -> {
      double beta = 1;
      double lo = 0;
      double hi = Double.POSITIVE_INFINITY;
      double[] row = new double[k];
      // distances relative to the nearest keep exp() away from underflow; p is invariant to that shift
      double d0 = nn.distances2()[i * k];
      for (int it = 0; it < 200; it++) {
        double sum = 0;
        double weighted = 0;
        for (int r = 0; r < k; r++) {
          double d = nn.distances2()[i * k + r] - d0;
          row[r] = Math.exp(-beta * d);
          sum += row[r];
          weighted += d * row[r];
        }
        double entropy = Math.log(sum) + beta * weighted / sum;
        double diff = entropy - target;
        for (int r = 0; r < k; r++) p[i * k + r] = row[r] / sum;
        if (Math.abs(diff) < 1e-5) break;
        if (diff > 0) {
          lo = beta;
          beta = hi == Double.POSITIVE_INFINITY ? beta * 2 : (beta + hi) / 2;
        } else {
          hi = beta;
          beta = (beta + lo) / 2;
        }
      }
    });
    return p;
  }

  public static Sparse symmetric(Neighbours.Result nn, double perplexity) {
    int n = nn.n();
    int k = nn.k();
    double[] cond = conditional(nn, perplexity);
    // count entries per row: i→j and, for the transpose, j→i
    int[] count = new int[n];
    for (int i = 0; i < n; i++) {
      count[i] += k;
      for (int r = 0; r < k; r++) count[nn.indices()[i * k + r]]++;
    }
    int[] start = new int[n + 1];
    for (int i = 0; i < n; i++) start[i + 1] = start[i] + count[i];
    int[] cols = new int[start[n]];
    double[] vals = new double[start[n]];
    int[] fill = Arrays.copyOf(start, n);
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < k; r++) {
        int j = nn.indices()[i * k + r];
        double v = cond[i * k + r];
        cols[fill[i]] = j;
        vals[fill[i]++] = v;
        cols[fill[j]] = i;
        vals[fill[j]++] = v;
      }
    }
    // merge duplicate columns per row (j was i's neighbour and i was j's), sorted by column
    int[] outStart = new int[n + 1];
    int[][] rowCols = new int[n][];
    double[][] rowVals = new double[n][];
    IntStream.range(0, n).parallel().forEach(i -> {
      int s = start[i];
      int e = start[i + 1];
      // (column, position) packed in one long: sorted by column, equal columns in their original order
      long[] order = new long[e - s];
      for (int a = 0; a < order.length; a++) order[a] = (long) cols[s + a] << 32 | (s + a);
      Arrays.sort(order);
      int[] c = new int[order.length];
      double[] v = new double[order.length];
      int m = 0;
      for (long key : order) {
        int col = (int) (key >>> 32);
        double val = vals[(int) key];
        if (m > 0 && c[m - 1] == col) {
          v[m - 1] += val;
        } else {
          c[m] = col;
          v[m++] = val;
        }
      }
      rowCols[i] = Arrays.copyOf(c, m);
      rowVals[i] = Arrays.copyOf(v, m);
    });
    for (int i = 0; i < n; i++) outStart[i + 1] = outStart[i] + rowCols[i].length;
    int[] oc = new int[outStart[n]];
    double[] ov = new double[outStart[n]];
    for (int i = 0; i < n; i++) {
      System.arraycopy(rowCols[i], 0, oc, outStart[i], rowCols[i].length);
      for (int a = 0; a < rowVals[i].length; a++) ov[outStart[i] + a] = rowVals[i][a] / (2.0 * n);
    }
    return new Sparse(n, outStart, oc, ov);
  }
}
