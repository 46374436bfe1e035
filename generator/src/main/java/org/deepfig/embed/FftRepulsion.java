package org.deepfig.embed;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The repulsive forces of t-SNE by FFT-accelerated interpolation (Linderman, Rachh, Hoskins, Steinerberger &amp;
 * Kluger 2019, "Fast interpolation-based t-SNE for improved visualization of single-cell RNA-seq data", Nature
 * Methods 16: 243–245; FIt-SNE). The embedding's bounding square is cut into equispaced boxes, about one per unit
 * of length (at least {@link #MIN_BOXES} per side), each with p = 3 Lagrange interpolation nodes per
 * dimension at the equispaced positions (j + ½)/p of the box side. Each point's charges (1, y₁, y₂) are spread
 * onto the p² = 9 nodes of its box with the Lagrange weights; the node grid is equispaced, so the sums of the
 * kernels over all nodes are discrete convolutions, done by a zero-padded 2-D FFT; the potentials are interpolated
 * back to the points with the same weights. Two kernels are convolved: q̃² = (1 + d²)⁻² for the forces,
 * Σ_j q̃_ij²(y_i − y_j) = y_i·Σ_j q̃_ij² − Σ_j q̃_ij² y_j, and q̃ = (1 + d²)⁻¹ for the normaliser Z = Σ_{i≠j} q̃_ij.
 * Both kernels are even, so their transforms are real: one complex FFT holds both, and the charges (y₁, y₂) ride
 * in one complex grid. The grids and FFTs are in single precision (the interpolation error, about 1% of the force
 * with boxes of width 1, is far above float rounding). O(N·p² + G log G) per call for G grid nodes, memory
 * O(N + G), where G grows with the embedding's spread (squared), never with N².
 *
 * <p>Departures from FIt-SNE's defaults: at least 32 boxes per side instead of 50 (while the embedding spans
 * fewer than 32 units, boxes narrower than one unit already interpolate more finely than FIt-SNE does at large
 * spreads), and the box count is rounded up to fill an FFT length of 2^a, 3·2^a or 9·2^a ({@link Fft#nextFast}).
 *
 * <p>Points are grouped by box row and each group's charges are added in index order, and every FFT column is
 * transformed the same way whoever computes it, so the result does not depend on the number of threads.
 */
final class FftRepulsion {
  /** Interpolation nodes per box and dimension (FIt-SNE's default). */
  static final int NODES = 3;
  /** Fewest boxes per side, FIt-SNE's {@code min_num_intervals} (50 there). */
  static final int MIN_BOXES = 32;
  /**
   * Box side in embedding units, FIt-SNE's 1 / {@code intervals_per_integer} (1 there). 1.5 here: measured at
   * N = 10,000 (bench/tsne.sh, quiet 2-core machine), width 1 / 1.5 / 2 took 14.6 / 9.2 / 7.6 s with trustworthiness
   * 0.9767 / 0.9735 / 0.9711 and final KL 2.750 / 2.778 / 2.800 (scikit-learn: 0.9750, 2.745); 1.5 keeps both
   * within 0.004 and 1.2% of scikit-learn's at two thirds of the cost of width 1.
   */
  static final double BOX_WIDTH = 1.5;
  private static final int CHUNKS = 16;
  private static final int STRIP = 128;

  private int size = -1; // FFT length per side
  private Fft fft;
  // p×p grids, one array per row (see Fft): charges and potentials (x: y₁ + iy₂, y: 1), kernels, scratch
  private float[][] xr;
  private float[][] xi;
  private float[][] yr;
  private float[][] yi;
  private float[][] kr;
  private float[][] ki;
  private float[][][] scratch; // a real and an imaginary p×p scratch grid for each of the three grids
  private int[] box;
  private double[] weights; // per point: 3 x-weights, 3 y-weights
  private int[] order;
  private int[] rowStart;
  private int boxes;

  /**
   * Boxes per side for an embedding of the given spread: at least max(MIN_BOXES, spread / BOX_WIDTH), and as many as
   * fit the FFT length chosen for that ({@link Fft#nextFast}), since extra boxes cost nothing in the FFT.
   */
  static int boxesFor(double spread) {
    return fftLength(Math.max(MIN_BOXES, (int) Math.ceil(spread / BOX_WIDTH))) / (2 * NODES);
  }

  /** The padded grid needs 2·NODES nodes per box and side. */
  static int fftLength(int boxes) {
    return Fft.nextFast(2 * NODES * boxes);
  }

  int boxes() {
    return boxes;
  }

  /**
   * Unnormalised repulsion Σ_j q̃_ij² (y_i − y_j) of every point into {@code rep} (x, y interleaved) and each
   * point's share Σ_{j≠i} q̃_ij of Z into {@code zParts}.
   */
  void compute(double[] y, int n, double[] rep, double[] zParts) {
    compute(y, n, rep, zParts, null);
  }

  /** The FFT length (grid side) of the last call. */
  int length() {
    return size;
  }

  /** As {@link #compute(double[], int, double[], double[])}, timing the steps on {@code clock} if given. */
  void compute(double[] y, int n, double[] rep, double[] zParts, PhaseClock clock) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < 2 * n; i++) {
      lo = Math.min(lo, y[i]);
      hi = Math.max(hi, y[i]);
    }
    double spread = Math.max(hi - lo, 1e-12);
    boxes = boxesFor(spread);
    int nodes = NODES * boxes; // interpolation nodes per side
    int p = fftLength(boxes); // at least 2·nodes: padded so the circular convolution is the linear one
    ensure(p, n);
    double h = spread / boxes;
    double min = lo;
    double centre = (lo + hi) / 2;
    locate(y, n, min, h);
    spread(y, n, nodes, p, centre);
    lap(clock, "rep:spread");
    kernel(nodes, p, h / NODES);
    lap(clock, "rep:kernel");
    forward(p, nodes);
    lap(clock, "rep:forward");
    multiply(p);
    lap(clock, "rep:multiply");
    inverse(p, nodes);
    lap(clock, "rep:inverse");
    double step = h / NODES;
    double[] self = new double[NODES * NODES];
    for (int dx = 0; dx < NODES; dx++) {
      for (int dy = 0; dy < NODES; dy++) self[dx * NODES + dy] = 1 / (1 + step * step * (dx * dx + dy * dy));
    }
    gather(y, n, p, centre, 1.0 / ((double) p * p), self, rep, zParts);
    lap(clock, "rep:gather");
  }

  private static void lap(PhaseClock clock, String phase) {
    if (clock != null) clock.lap(phase);
  }

  private void ensure(int p, int n) {
    if (p != size) {
      size = p;
      fft = new Fft(p);
      if (xr == null || xr.length < p) {
        xr = new float[p][p];
        xi = new float[p][p];
        yr = new float[p][p];
        yi = new float[p][p];
        kr = new float[p][p];
        ki = new float[p][p];
        scratch = new float[6][p][p];
      }
    }
    if (box == null || box.length < n) {
      box = new int[2 * n];
      weights = new double[6 * n];
      order = new int[n];
    }
  }

  /** Each point's box and Lagrange weights, and the points ordered by box row (then index). */
  private void locate(double[] y, int n, double min, double h) {
    rowStart = new int[boxes + 1];
    for (int i = 0; i < n; i++) {
      for (int d = 0; d < 2; d++) {
        double u = (y[2 * i + d] - min) / h;
        int b = Math.min(boxes - 1, Math.max(0, (int) u));
        box[2 * i + d] = b;
        lagrange(u - b, weights, 6 * i + 3 * d);
      }
      rowStart[box[2 * i + 1] + 1]++;
    }
    for (int b = 0; b < boxes; b++) rowStart[b + 1] += rowStart[b];
    int[] fill = Arrays.copyOf(rowStart, boxes);
    for (int i = 0; i < n; i++) order[fill[box[2 * i + 1]]++] = i;
  }

  /** Σ_{a,a',b,b'} wx_a wx_a' wy_b wy_b' self[|a − a'|][|b − b'|], grouping the weight products by offset. */
  private static double selfInteraction(double[] weights, int w, double[] self) {
    double[] cx = new double[NODES];
    double[] cy = new double[NODES];
    for (int a = 0; a < NODES; a++) {
      for (int b = 0; b < NODES; b++) {
        cx[Math.abs(a - b)] += weights[w + a] * weights[w + b];
        cy[Math.abs(a - b)] += weights[w + 3 + a] * weights[w + 3 + b];
      }
    }
    double sum = 0;
    for (int dx = 0; dx < NODES; dx++) {
      for (int dy = 0; dy < NODES; dy++) sum += cx[dx] * cy[dy] * self[dx * NODES + dy];
    }
    return sum;
  }

  /** Weights of the Lagrange polynomials through nodes (j + ½)/3, j = 0, 1, 2, at u ∈ [0, 1]. */
  static void lagrange(double u, double[] out, int o) {
    double a = u - 1.0 / 6;
    double b = u - 0.5;
    double c = u - 5.0 / 6;
    // denominators: (t0−t1)(t0−t2) = 2/9, (t1−t0)(t1−t2) = −1/9, (t2−t0)(t2−t1) = 2/9
    out[o] = 4.5 * b * c;
    out[o + 1] = -9 * a * c;
    out[o + 2] = 4.5 * a * b;
  }

  /** Charges 1 → y grid (real), (y₁, y₂) relative to the centre → x grid (real, imaginary). */
  private void spread(double[] y, int n, int nodes, int p, double centre) {
    int rows = boxes;
    IntStream.range(0, CHUNKS).parallel().forEach(ch -> {
      int fromRow = rows * ch / CHUNKS;
      int toRow = rows * (ch + 1) / CHUNKS;
      // clear this chunk's node rows (every padded column and the padded rows are cleared below)
      for (int r = NODES * fromRow; r < NODES * toRow; r++) {
        Arrays.fill(xr[r], 0, p, 0);
        Arrays.fill(xi[r], 0, p, 0);
        Arrays.fill(yr[r], 0, p, 0);
        Arrays.fill(yi[r], 0, p, 0);
      }
      for (int a = rowStart[fromRow]; a < rowStart[toRow]; a++) {
        int i = order[a];
        double c1 = y[2 * i] - centre;
        double c2 = y[2 * i + 1] - centre;
        int w = 6 * i;
        int col0 = NODES * box[2 * i];
        int row0 = NODES * box[2 * i + 1];
        for (int r = 0; r < NODES; r++) {
          double wy = weights[w + 3 + r];
          float[] ones = yr[row0 + r];
          float[] first = xr[row0 + r];
          float[] second = xi[row0 + r];
          for (int c = 0; c < NODES; c++) {
            double v = wy * weights[w + c];
            ones[col0 + c] += (float) v;
            first[col0 + c] += (float) (v * c1);
            second[col0 + c] += (float) (v * c2);
          }
        }
      }
    });
    for (int r = nodes; r < p; r++) {
      Arrays.fill(xr[r], 0, p, 0);
      Arrays.fill(xi[r], 0, p, 0);
      Arrays.fill(yr[r], 0, p, 0);
      Arrays.fill(yi[r], 0, p, 0);
    }
  }

  /**
   * The circulant embedding of both kernels on the node grid (spacing {@code step}): real part (1 + d²)⁻², imaginary
   * part (1 + d²)⁻¹, for offsets −(nodes − 1) … nodes − 1 per axis, wrapped modulo p.
   */
  private void kernel(int nodes, int p, double step) {
    double[] d2 = new double[p];
    for (int t = 0; t < p; t++) {
      int off = t <= p / 2 ? t : t - p;
      d2[t] = (off * step) * (off * step);
    }
    IntStream.range(0, CHUNKS).parallel().forEach(ch -> {
      for (int r = p * ch / CHUNKS; r < p * (ch + 1) / CHUNKS; r++) {
        float[] k2 = kr[r];
        float[] k1 = ki[r];
        // columns past p/2 are never read before the first pass's mirror overwrites them
        for (int c = 0; c <= p / 2; c++) {
          double q = 1 / (1 + d2[r] + d2[c]);
          k2[c] = (float) (q * q);
          k1[c] = (float) q;
        }
      }
    });
  }

  /**
   * 2-D forward DFTs of the kernel grid and the two charge grids, each pass over all three at once (fewer
   * fork-joins), the results left transposed (element (f₂, f₁) holds frequency (f₁, f₂)). The charge grids are zero
   * in the columns ≥ {@code nodes}, which the first pass skips. The kernel grid is even in both indices and symmetric
   * in them, so its transform is too: half of each of its passes is computed and the rest mirrored.
   */
  private void forward(int p, int nodes) {
    int half = p / 2 + 1;
    float[][][] re = {kr, xr, yr};
    float[][][] im = {ki, xi, yi};
    columns(re, im, new int[] {half, nodes, nodes}, false);
    mirrorColumns(kr, ki, p);
    transpose(new float[][][] {kr, ki, xr, xi, yr, yi}, p);
    columns(re, im, new int[] {half, p, p}, false);
    mirrorColumns(kr, ki, p);
  }

  /** Inverse of {@link #forward} (unnormalised) for the charge grids, back to natural layout, in the columns below
   * nodes. */
  private void inverse(int p, int nodes) {
    float[][][] re = {xr, yr};
    float[][][] im = {xi, yi};
    columns(re, im, new int[] {p, p}, true);
    transpose(new float[][][] {xr, xi, yr, yi}, p);
    columns(re, im, new int[] {nodes, nodes}, true);
  }

  /** Column p − c ← column c for c &lt; p/2: what evenness in the column index gives. */
  private static void mirrorColumns(float[][] re, float[][] im, int p) {
    IntStream.range(0, CHUNKS).parallel().forEach(ch -> {
      for (int r = p * ch / CHUNKS; r < p * (ch + 1) / CHUNKS; r++) {
        float[] a = re[r];
        float[] b = im[r];
        for (int c = 1; c < (p + 1) / 2; c++) {
          a[p - c] = a[c];
          b[p - c] = b[c];
        }
      }
    });
  }

  /**
   * DFTs along the first index of the columns below {@code used[g]} of each grid g, in strips of about STRIP columns:
   * long enough inner loops to vectorise, narrow enough to stay in cache.
   */
  private void columns(float[][][] re, float[][][] im, int[] used, boolean inverse) {
    int[] first = new int[used.length + 1];
    for (int g = 0; g < used.length; g++) first[g + 1] = first[g] + Math.max(1, (used[g] + STRIP / 2) / STRIP);
    IntStream.range(0, first[used.length]).parallel().forEach(task -> {
      int g = 0;
      while (task >= first[g + 1]) g++;
      int strips = first[g + 1] - first[g];
      int strip = task - first[g];
      fft.transform(re[g], im[g], scratch[2 * g], scratch[2 * g + 1], used[g] * strip / strips,
          used[g] * (strip + 1) / strips, inverse);
    });
  }

  private static final int TILE = 32;

  /** Transposes each p×p grid in place, tile by tile so both the rows read and the rows written stay in cache. */
  private static void transpose(float[][][] grids, int p) {
    int tiles = (p + TILE - 1) / TILE;
    IntStream.range(0, grids.length * CHUNKS).parallel().forEach(task -> {
      float[][] a = grids[task / CHUNKS];
      // tile rows of the upper triangle, dealt round-robin so the chunks get similar work
      for (int tr = task % CHUNKS; tr < tiles; tr += CHUNKS) {
        for (int tc = tr; tc < tiles; tc++) {
          int r1 = Math.min(p, (tr + 1) * TILE);
          int c1 = Math.min(p, (tc + 1) * TILE);
          for (int r = tr * TILE; r < r1; r++) {
            float[] row = a[r];
            for (int c = tr == tc ? r + 1 : tc * TILE; c < c1; c++) {
              float t = row[c];
              row[c] = a[c][r];
              a[c][r] = t;
            }
          }
        }
      }
    });
  }

  /**
   * Pointwise products with the kernels' transforms (real: K̂₂ in kr, K̂₁ in ki). x grid × K̂₂ gives Σ q̃² y₁ and
   * Σ q̃² y₂ in its real and imaginary parts; y grid (the transform of a real grid) × (K̂₂ + iK̂₁) gives Σ q̃² and Σ q̃.
   */
  private void multiply(int p) {
    IntStream.range(0, CHUNKS).parallel().forEach(ch -> {
      for (int row = p * ch / CHUNKS; row < p * (ch + 1) / CHUNKS; row++) {
        float[] k2 = kr[row];
        float[] k1 = ki[row];
        float[] ar = xr[row];
        float[] ai = xi[row];
        float[] br = yr[row];
        float[] bi = yi[row];
        for (int a = 0; a < p; a++) {
          ar[a] *= k2[a];
          ai[a] *= k2[a];
          float r = br[a];
          float i = bi[a];
          br[a] = r * k2[a] - i * k1[a];
          bi[a] = r * k1[a] + i * k2[a];
        }
      }
    });
  }

  /**
   * {@code self} holds (1 + d²)⁻¹ at node offsets (dx, dy), 0 ≤ dx, dy &lt; NODES: point i's interaction with itself
   * through the interpolation, Σ w_a w_b w_a' w_b' q̃(node_ab − node_a'b'), is not exactly q̃(0) = 1, and for sparse
   * points Z's error would be mostly that; it is subtracted as computed. (In the force it cancels: y_i·Σq̃² − Σq̃²y_i.)
   */
  private void gather(double[] y, int n, int p, double centre, double scale, double[] self, double[] rep,
      double[] zParts) {
    IntStream.range(0, CHUNKS).parallel().forEach(ch -> {
      for (int i = n * ch / CHUNKS; i < n * (ch + 1) / CHUNKS; i++) {
        int w = 6 * i;
        int col0 = NODES * box[2 * i];
        int row0 = NODES * box[2 * i + 1];
        double s2 = 0;
        double s1 = 0;
        double sx = 0;
        double sy = 0;
        for (int r = 0; r < NODES; r++) {
          double wy = weights[w + 3 + r];
          float[] squared = yr[row0 + r];
          float[] plain = yi[row0 + r];
          float[] first = xr[row0 + r];
          float[] second = xi[row0 + r];
          for (int c = 0; c < NODES; c++) {
            double v = wy * weights[w + c];
            s2 += v * squared[col0 + c];
            s1 += v * plain[col0 + c];
            sx += v * first[col0 + c];
            sy += v * second[col0 + c];
          }
        }
        s2 *= scale;
        s1 *= scale;
        sx *= scale;
        sy *= scale;
        rep[2 * i] = (y[2 * i] - centre) * s2 - sx;
        rep[2 * i + 1] = (y[2 * i + 1] - centre) * s2 - sy;
        zParts[i] = s1 - selfInteraction(weights, w, self);
      }
    });
  }
}
