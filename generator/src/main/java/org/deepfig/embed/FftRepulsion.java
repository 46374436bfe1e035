package org.deepfig.embed;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.stream.IntStream;

/**
 * The repulsive forces of t-SNE by FFT-accelerated interpolation (Linderman, Rachh, Hoskins, Steinerberger &amp; Kluger
 * 2019, "Fast interpolation-based t-SNE for improved visualization of single-cell RNA-seq data", Nature Methods 16:
 * 243–245; FIt-SNE). A square of side the embedding's larger extent, from each axis's own minimum, is cut into
 * equispaced boxes, about one per unit of length (at least {@link #MIN_BOXES} per side), each with p = 3 Lagrange
 * interpolation nodes per dimension at the equispaced positions (j + ½)/p of the box side. Each point's charges (1, y₁,
 * y₂) are spread onto the p² = 9 nodes of its box with the Lagrange weights; the node grid is equispaced, so the sums
 * of the kernels over all nodes are discrete convolutions, done by a zero-padded 2-D FFT; the potentials are
 * interpolated back to the points with the same weights. The forces need one kernel, q̃² = (1 + d²)⁻²: Σ_j q̃_ij²(y_i −
 * y_j) = y_i·Σ_j q̃_ij² − Σ_j q̃_ij² y_j; the normaliser Z = Σ_{i≠j} q̃_ij needs only its total, which Parseval's
 * theorem gives from the transform of the charges 1 and that of q̃ = (1 + d²)⁻¹, with no inverse transform. Both
 * kernels are even, so their transforms are real: one complex FFT holds both. The charges (y₁, y₂) ride in one complex
 * grid; the charges 1 are real, so their transform is Hermitian and only its half is computed, multiplied and
 * transformed back, and where a pass transforms real columns (the first forward, the last inverse) two of them ride in
 * one complex column. The transposes between the passes move only the part of a grid that is not zero or not needed.
 * The grids and FFTs are in single precision (the interpolation error, about 1% of the force with boxes of width 1, is
 * far above float rounding). O(N·p² + G log G) per call for G grid nodes, memory O(N + G), where G grows with the
 * embedding's spread (squared), never with N².
 *
 * <p>Departures from FIt-SNE's defaults: at least 32 boxes per side instead of 50 (while the embedding spans fewer than
 * 32 units, boxes narrower than one unit already interpolate more finely than FIt-SNE does at large spreads), and the
 * box count is rounded up to fill an FFT length of 2^a, 3·2^a or 9·2^a ({@link Fft#nextFast}).
 *
 * <p>Points are grouped by box row and each group's charges are added in index order, every FFT column is transformed
 * the same way whoever computes it and in whatever strip, and the sums behind Z are taken over fixed ranges added in
 * order, so the result does not depend on the number of threads.
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
  private static final int MIN_STRIP = 128;
  private static final int MAX_STRIP = 1024;

  private int size = -1; // FFT length per side
  private Fft fft;
  // p×p grids, one array per row (see Fft), each with a spare of its size: the FFT's scratch and the target of
  // the out-of-place transposes, after which grid and spare swap
  private static final int KR = 0; // kernel (1 + d²)⁻², then its transform K̂₂ (real)
  private static final int KI = 1; // kernel (1 + d²)⁻¹, then K̂₁
  private static final int XR = 2; // charges y₁ (real part) and y₂ (imaginary part), then potentials Σ q̃² y
  private static final int XI = 3;
  private static final int WR = 4; // charges 1 (real), then potentials Σ q̃² (real part)
  private static final int WI = 5;
  private final float[][][] grid = new float[6][][];
  private final float[][][] spare = new float[6][][];
  private int[] box; // in box-row order (see locate): column and row of the box
  private double[] weights; // in box-row order: 3 x-weights, 3 y-weights
  private double[] position; // in box-row order: the point relative to the grid's centre
  private int[] order;
  private int[] rowOf; // per point, its box row
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
   * Unnormalised repulsion Σ_j q̃_ij² (y_i − y_j) of every point into {@code rep} (x, y interleaved); returns the
   * normaliser Z = Σ_{i≠j} q̃_ij.
   */
  double compute(double[] y, int n, double[] rep) {
    return compute(y, n, rep, null);
  }

  /** The FFT length (grid side) of the last call. */
  int length() {
    return size;
  }

  /** As {@link #compute(double[], int, double[])}, timing the steps on {@code clock} if given. */
  double compute(double[] y, int n, double[] rep, PhaseClock clock) {
    Bounds box = Bounds.of(y, n);
    double loX = box.minX();
    double loY = box.minY();
    // a square of side the larger extent, from each axis's own minimum
    double spread = Math.max(Math.max(box.width(), box.height()), 1e-12);
    boxes = boxesFor(spread);
    int nodes = NODES * boxes; // interpolation nodes per side
    int p = fftLength(boxes); // at least 2·nodes: padded so the circular convolution is the linear one
    ensure(p, n);
    double h = spread / boxes;
    double centreX = loX + spread / 2;
    double centreY = loY + spread / 2;
    locate(y, n, loX, loY, h, centreX, centreY);
    spread(n, nodes, p);
    lap(clock, "rep:spread");
    kernel(nodes, p, h / NODES);
    lap(clock, "rep:kernel");
    forward(p, nodes);
    lap(clock, "rep:forward");
    double z = multiply(p);
    lap(clock, "rep:multiply");
    inverse(p, nodes);
    lap(clock, "rep:inverse");
    double step = h / NODES;
    double[] self = new double[NODES * NODES];
    for (int dx = 0; dx < NODES; dx++) {
      for (int dy = 0; dy < NODES; dy++) self[dx * NODES + dy] = 1 / (1 + step * step * (dx * dx + dy * dy));
    }
    z -= gather(n, 1.0 / ((double) p * p), self, rep);
    lap(clock, "rep:gather");
    return z;
  }

  private static void lap(PhaseClock clock, String phase) {
    if (clock != null) clock.lap(phase);
  }

  private void ensure(int p, int n) {
    if (p != size) {
      size = p;
      fft = new Fft(p);
      if (grid[0] == null || grid[0].length < p) {
        for (int g = 0; g < 6; g++) {
          grid[g] = null;
          spare[g] = null;
        }
        for (int g = 0; g < 6; g++) {
          grid[g] = new float[p][p];
          spare[g] = new float[p][p];
        }
      }
    }
    if (box == null || box.length < 2 * n) {
      box = new int[2 * n];
      weights = new double[6 * n];
      position = new double[2 * n];
      order = new int[n];
      rowOf = new int[n];
    }
  }

  /**
   * The points ordered by box row (then index) in {@code order}, and for the a-th of them its box (box[2a], box[2a +
   * 1]), Lagrange weights (weights[6a …]) and position relative to the centre (position[2a …]): stored in that order,
   * the spreading and the gathering read them front to back.
   */
  private void locate(double[] y, int n, double minX, double minY, double h, double centreX, double centreY) {
    rowStart = new int[boxes + 1];
    int nBoxes = boxes;
    IntStream.range(0, CHUNKS).parallel().forEach(ch -> {
      for (int i = n * ch / CHUNKS; i < n * (ch + 1) / CHUNKS; i++) {
        rowOf[i] = Math.min(nBoxes - 1, Math.max(0, (int) ((y[2 * i + 1] - minY) / h)));
      }
    });
    for (int i = 0; i < n; i++) rowStart[rowOf[i] + 1]++;
    for (int b = 0; b < boxes; b++) rowStart[b + 1] += rowStart[b];
    int[] fill = Arrays.copyOf(rowStart, boxes);
    for (int i = 0; i < n; i++) order[fill[rowOf[i]]++] = i;
    IntStream.range(0, CHUNKS).parallel().forEach(ch -> {
      for (int a = n * ch / CHUNKS; a < n * (ch + 1) / CHUNKS; a++) {
        int i = order[a];
        for (int d = 0; d < 2; d++) {
          double u = (y[2 * i + d] - (d == 0 ? minX : minY)) / h;
          int b = Math.min(nBoxes - 1, Math.max(0, (int) u));
          box[2 * a + d] = b;
          lagrange(u - b, weights, 6 * a + 3 * d);
          position[2 * a + d] = y[2 * i + d] - (d == 0 ? centreX : centreY);
        }
      }
    });
  }

  /**
   * Σ_{a,a',b,b'} wx_a wx_a' wy_b wy_b' self[|a − a'|][|b − b'|], grouping the weight products by offset: for
   * NODES = 3 the offsets 0, 1, 2 carry Σ w_a², 2(w₀w₁ + w₁w₂) and 2w₀w₂.
   */
  private static double selfInteraction(double[] weights, int w, double[] self) {
    double x0 = weights[w];
    double x1 = weights[w + 1];
    double x2 = weights[w + 2];
    double y0 = weights[w + 3];
    double y1 = weights[w + 4];
    double y2 = weights[w + 5];
    double cx0 = x0 * x0 + x1 * x1 + x2 * x2;
    double cx1 = 2 * (x0 * x1 + x1 * x2);
    double cx2 = 2 * x0 * x2;
    double cy0 = y0 * y0 + y1 * y1 + y2 * y2;
    double cy1 = 2 * (y0 * y1 + y1 * y2);
    double cy2 = 2 * y0 * y2;
    return cx0 * (cy0 * self[0] + cy1 * self[1] + cy2 * self[2]) + cx1 * (cy0 * self[3] + cy1 * self[4]
        + cy2 * self[5]) + cx2 * (cy0 * self[6] + cy1 * self[7] + cy2 * self[8]);
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

  /**
   * Charges 1 → w grid (real), (y₁, y₂) relative to the centre → x grid (real, imaginary). Only the columns below
   * {@code nodes} are ever read again (the first FFT pass and the transposes skip the rest), so only they are cleared.
   */
  private void spread(int n, int nodes, int p) {
    int rows = boxes;
    int hh = (nodes + 1) / 2;
    float[][] xr = grid[XR];
    float[][] xi = grid[XI];
    float[][] wr = grid[WR];
    float[][] wi = grid[WI];
    IntStream.range(0, CHUNKS).parallel().forEach(ch -> {
      int fromRow = rows * ch / CHUNKS;
      int toRow = rows * (ch + 1) / CHUNKS;
      // clear this chunk's node rows (the padded rows are cleared below)
      for (int r = NODES * fromRow; r < NODES * toRow; r++) {
        Arrays.fill(xr[r], 0, nodes, 0);
        Arrays.fill(xi[r], 0, nodes, 0);
        Arrays.fill(wr[r], 0, hh, 0);
        Arrays.fill(wi[r], 0, hh, 0);
      }
      for (int a = rowStart[fromRow]; a < rowStart[toRow]; a++) {
        double c1 = position[2 * a];
        double c2 = position[2 * a + 1];
        int w = 6 * a;
        int col0 = NODES * box[2 * a];
        int row0 = NODES * box[2 * a + 1];
        for (int r = 0; r < NODES; r++) {
          double wy = weights[w + 3 + r];
          float[] first = xr[row0 + r];
          float[] second = xi[row0 + r];
          for (int c = 0; c < NODES; c++) {
            double v = wy * weights[w + c];
            int col = col0 + c;
            if (col < hh) wr[row0 + r][col] += (float) v;
            else wi[row0 + r][col - hh] += (float) v;
            first[col0 + c] += (float) (v * c1);
            second[col0 + c] += (float) (v * c2);
          }
        }
      }
    });
    for (int r = nodes; r < p / 2; r++) { // the rows from p/2 on are never read
      Arrays.fill(xr[r], 0, nodes, 0);
      Arrays.fill(xi[r], 0, nodes, 0);
      Arrays.fill(wr[r], 0, hh, 0);
      Arrays.fill(wi[r], 0, hh, 0);
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
    float[][] kr = grid[KR];
    float[][] ki = grid[KI];
    int half = p / 2 + 1;
    IntStream.range(0, CHUNKS).parallel().forEach(ch -> {
      for (int r = half * ch / CHUNKS; r < half * (ch + 1) / CHUNKS; r++) {
        float[] k2 = kr[r];
        float[] k1 = ki[r];
        // the first pass reads the columns up to p/2 only (the kernel is even in the column index)
        for (int c = 0; c < half; c++) {
          double q = 1 / (1 + d2[r] + d2[c]);
          k2[c] = (float) (q * q);
          k1[c] = (float) q;
        }
        if (r > 0 && p - r >= half) { // even in the row index too: d2[p − r] = d2[r] exactly
          System.arraycopy(k2, 0, kr[p - r], 0, half);
          System.arraycopy(k1, 0, ki[p - r], 0, half);
        }
      }
    });
  }

  /**
   * 2-D forward DFTs of the kernel grid and the two charge grids, each pass over all three at once (fewer fork-joins),
   * the results left transposed (element (f₂, f₁) holds frequency (f₁, f₂)). The charge grids are zero in the columns ≥
   * {@code nodes}, which the first pass and the transpose skip. The kernel grid is even in both indices, so its
   * transform is too: each pass computes the columns up to p/2 only, the transpose fills the rows past p/2 as mirror
   * images, and {@link #multiply} reads the columns past p/2 mirrored. The grid of the charges 1 is real, so its
   * transform is Hermitian, W(−f) = conj W(f): the second pass computes the columns f₁ ≤ p/2 only, all that {@link
   * #multiply} and {@link #inverse} read.
   */
  private void forward(int p, int nodes) {
    int half = p / 2 + 1;
    int hh = (nodes + 1) / 2;
    columns(new int[] {KR, XR, WR}, new int[] {half, nodes, hh}, false, 0b110);
    // the kernel: T[c][f] = A[f][c] for c, f ≤ p/2; rows c > p/2 are rows p − c (evenness in c)
    transpose(new int[] {KR, KI, XR, XI}, new int[] {half, half, p, p}, new int[] {half, half, nodes, nodes});
    unpackTranspose(p, nodes);
    IntStream.range(0, CHUNKS).parallel().forEach(ch -> {
      for (int r = p * ch / CHUNKS; r < p * (ch + 1) / CHUNKS; r++) {
        if (r >= half) {
          System.arraycopy(grid[KR][p - r], 0, grid[KR][r], 0, half);
          System.arraycopy(grid[KI][p - r], 0, grid[KI][r], 0, half);
        }
        if (r >= nodes && r < p / 2) {
          // rows past the charges are zero (the second half is never read)
          Arrays.fill(grid[XR][r], 0, p, 0);
          Arrays.fill(grid[XI][r], 0, p, 0);
          Arrays.fill(grid[WR][r], 0, half, 0);
          Arrays.fill(grid[WI][r], 0, half, 0);
        }
      }
    });
    columns(new int[] {KR, XR, WR}, new int[] {half, p, half}, false, 0b110);
  }

  /**
   * Inverse of {@link #forward} (unnormalised) for the charge grids, back to natural layout, in the rows and columns
   * below nodes. The grid of the charges 1 holds a Hermitian half spectrum whose inverse is real: after the first
   * pass (columns f₁ ≤ p/2) the transpose completes each needed column by W(p − f₁) = conj W(f₁), and the real part
   * is the result.
   */
  private void inverse(int p, int nodes) {
    int half = p / 2 + 1;
    columns(new int[] {XR, WR}, new int[] {p, half}, true);
    transpose(new int[] {XR, XI}, new int[] {nodes, nodes}, new int[] {p, p});
    packTranspose(p, nodes);
    columns(new int[] {XR, WR}, new int[] {nodes, (nodes + 1) / 2}, true);
  }

  /**
   * The forward transpose of the charges-1 grid, which the first pass transformed as pairs of real columns, c in the
   * real and c + h in the imaginary part (h = ⌈nodes/2⌉: half the columns): Z = A_c + i·A_{c+h}, so
   * A_c(f) = (Z(f) + conj Z(−f))/2 and A_{c+h}(f) = (Z(f) − conj Z(−f))/2i. Writes spare[c][f] = A_c(f) for
   * c &lt; nodes, f ≤ p/2, then grid and spare swap.
   */
  private void unpackTranspose(int p, int nodes) {
    int half = p / 2 + 1;
    int hh = (nodes + 1) / 2;
    chargeTiles(hh, half, (sr, si, dr, di, c0, c1, f0, f1) -> {
      for (int c = c0; c < c1; c++) {
        float[] aR = dr[c];
        float[] aI = di[c];
        boolean pair = c + hh < nodes;
        float[] bR = pair ? dr[c + hh] : null;
        float[] bI = pair ? di[c + hh] : null;
        for (int f = f0; f < f1; f++) {
          int g = f == 0 ? 0 : p - f;
          float zr1 = sr[f][c];
          float zi1 = si[f][c];
          float zr2 = sr[g][c];
          float zi2 = si[g][c];
          aR[f] = 0.5f * (zr1 + zr2);
          aI[f] = 0.5f * (zi1 - zi2);
          if (pair) {
            bR[f] = 0.5f * (zi1 + zi2);
            bI[f] = 0.5f * (zr2 - zr1);
          }
        }
      }
    });
  }

  /**
   * The inverse transpose of the charges-1 grid: G_c(f) = C[c][f] for f ≤ p/2 and conj C[c][p − f] above (the
   * Hermitian half spectrum completed), packed in pairs for a real result, spare[f][c] = G_c(f) + i·G_{c+h}(f) for
   * c &lt; h = ⌈nodes/2⌉: the second pass then gives column c in the real part and c + h in the imaginary part.
   */
  private void packTranspose(int p, int nodes) {
    int half = p / 2 + 1;
    int hh = (nodes + 1) / 2;
    chargeTiles(p, hh, (sr, si, dr, di, f0, f1, c0, c1) -> {
      for (int f = f0; f < f1; f++) {
        int g = f < half ? f : p - f;
        float conj = f < half ? 1 : -1;
        float[] outR = dr[f];
        float[] outI = di[f];
        for (int c = c0; c < c1; c++) {
          float ar = sr[c][g];
          float ai = conj * si[c][g];
          float br = 0;
          float bi = 0;
          if (c + hh < nodes) {
            br = sr[c + hh][g];
            bi = conj * si[c + hh][g];
          }
          outR[c] = ar - bi;
          outI[c] = ai + br;
        }
      }
    });
  }

  /** The body of one tile of {@link #chargeTiles}: source grid and spare (real, imaginary), the tile's ranges. */
  private interface ChargeTile {
    void run(float[][] sr, float[][] si, float[][] dr, float[][] di, int a0, int a1, int b0, int b1);
  }

  /**
   * Runs {@code body} over the charges-1 grid (source grid[WR], grid[WI], target spare[WR], spare[WI]) in TILE × TILE
   * tiles of {@code outer} × {@code inner}, the strips of the outer index in parallel, then grid and spare swap. Each
   * element is written by one tile, so the split does not change the result.
   */
  private void chargeTiles(int outer, int inner, ChargeTile body) {
    float[][] sr = grid[WR];
    float[][] si = grid[WI];
    float[][] dr = spare[WR];
    float[][] di = spare[WI];
    int tiles = (outer + TILE - 1) / TILE;
    IntStream.range(0, tiles).parallel().forEach(t -> {
      int a0 = t * TILE;
      int a1 = Math.min(outer, a0 + TILE);
      for (int b0 = 0; b0 < inner; b0 += TILE) body.run(sr, si, dr, di, a0, a1, b0, Math.min(inner, b0 + TILE));
    });
    swap(WR);
    swap(WI);
  }

  private void swap(int g) {
    float[][] t = grid[g];
    grid[g] = spare[g];
    spare[g] = t;
  }

  /**
   * DFTs along the first index of the columns below {@code used[g]} of each grid g (real part grid[g], imaginary
   * part grid[g + 1]), in strips of columns, each strip one task.
   */
  private void columns(int[] grids, int[] used, boolean inverse) {
    columns(grids, used, inverse, 0);
  }

  /** As above, the grids in {@code zeroTail} (bits by position) having zeros in the rows p/2 … p − 1. */
  private void columns(int[] grids, int[] used, boolean inverse, int zeroTail) {
    // strips as wide as give each thread about two: the loops' fixed costs per butterfly are then spread over many
    // columns (measured: 256 columns instead of 128 took a third less time at p = 1152). A column's arithmetic
    // does not depend on its strip, so neither does the result.
    int total = 0;
    for (int u : used) total += u;
    int threads = ForkJoinTask.inForkJoinPool() ? ForkJoinTask.getPool().getParallelism()
        : ForkJoinPool.getCommonPoolParallelism();
    int width = Math.max(MIN_STRIP, Math.min(MAX_STRIP, total / (2 * threads)));
    int[] first = new int[used.length + 1];
    for (int g = 0; g < used.length; g++) first[g + 1] = first[g] + Math.max(1, (used[g] + width / 2) / width);
    IntStream.range(0, first[used.length]).parallel().forEach(task -> {
      int g = 0;
      while (task >= first[g + 1]) g++;
      int strips = first[g + 1] - first[g];
      int strip = task - first[g];
      int re = grids[g];
      fft.transform(grid[re], grid[re + 1], spare[re], spare[re + 1], used[g] * strip / strips,
          used[g] * (strip + 1) / strips, inverse, (zeroTail >> g & 1) != 0);
    });
  }

  private static final int TILE = 32;

  /**
   * Out of place: spare[g][c][f] = grid[g][f][c] for f below {@code rows[a]} and c below {@code cols[a]} (g =
   * grids[a]), then grid and spare swap. Tile by tile so the rows read and the rows written stay in cache; each
   * element is written once, so the split between threads does not matter.
   */
  private void transpose(int[] grids, int[] rows, int[] cols) {
    int[] first = new int[grids.length + 1];
    for (int a = 0; a < grids.length; a++) first[a + 1] = first[a] + (cols[a] + TILE - 1) / TILE;
    IntStream.range(0, first[grids.length]).parallel().forEach(task -> {
      int a = 0;
      while (task >= first[a + 1]) a++;
      float[][] src = grid[grids[a]];
      float[][] dst = spare[grids[a]];
      int c0 = (task - first[a]) * TILE;
      int c1 = Math.min(cols[a], c0 + TILE);
      for (int f0 = 0; f0 < rows[a]; f0 += TILE) {
        int f1 = Math.min(rows[a], f0 + TILE);
        for (int c = c0; c < c1; c++) {
          float[] out = dst[c];
          for (int f = f0; f < f1; f++) out[f] = src[f][c];
        }
      }
    });
    for (int g : grids) {
      float[][] t = grid[g];
      grid[g] = spare[g];
      spare[g] = t;
    }
  }

  /**
   * Pointwise products with the force kernel's transform K̂₂ (real; in grid KR): the x grid × K̂₂ gives Σ q̃² y₁ and Σ
   * q̃² y₂ in its real and imaginary parts, the half spectrum of the charges 1 × K̂₂ gives Σ q̃². Returns the
   * normaliser before the self-interactions are taken out, Σ_nodes w·(q̃ ⊛ w) = p⁻² Σ_f K̂₁(f)|W(f)|² (Parseval; K̂₁ in
   * grid KI), over the half spectrum with the columns 0 &lt; f₁ &lt; p/2 counted twice for their conjugates; row sums
   * added in row order, whatever the threads.
   */
  private double multiply(int p) {
    int half = p / 2 + 1;
    double[] rowZ = new double[p];
    float[][] powers = new float[CHUNKS][half];
    IntStream.range(0, CHUNKS).parallel().forEach(ch -> {
      for (int row = p * ch / CHUNKS; row < p * (ch + 1) / CHUNKS; row++) {
        float[] k2 = grid[KR][row];
        float[] k1 = grid[KI][row];
        float[] ar = grid[XR][row];
        float[] ai = grid[XI][row];
        float[] br = grid[WR][row];
        float[] bi = grid[WI][row];
        // K̂ is even in the column index too: its columns past p/2 (never computed) are those below, mirrored
        for (int a = 0; a < half; a++) {
          ar[a] *= k2[a];
          ai[a] *= k2[a];
        }
        for (int a = half; a < p; a++) {
          ar[a] *= k2[p - a];
          ai[a] *= k2[p - a];
        }
        float[] power = powers[ch];
        for (int a = 0; a < half; a++) {
          power[a] = (br[a] * br[a] + bi[a] * bi[a]) * k1[a];
          br[a] *= k2[a];
          bi[a] *= k2[a];
        }
        double z = -0.5 * ((double) power[0] + power[p / 2]);
        for (int a = 0; a < half; a++) z += power[a];
        rowZ[row] = 2 * z;
      }
    });
    double z = 0;
    for (double v : rowZ) z += v;
    return z / ((double) p * p);
  }

  /**
   * Interpolates the potentials back to the points (the rows in box-row order, so consecutive points read nearby grid
   * rows; each point's sums are its own, so the order changes nothing) and returns Σ_i of each point's interaction
   * with itself through the interpolation, Σ w_a w_b w_a' w_b' q̃(node_ab − node_a'b'), which is not exactly
   * q̃(0) = 1: for sparse points Z's error would be mostly that, so it is taken out as computed ({@code self} holds
   * (1 + d²)⁻¹ at node offsets (dx, dy), 0 ≤ dx, dy &lt; NODES). In the force it cancels: y_i·Σq̃² − Σq̃²y_i.
   */
  private double gather(int n, double scale, double[] self, double[] rep) {
    double[] selfParts = new double[CHUNKS];
    float[][] wr = grid[WR];
    float[][] wi = grid[WI];
    float[][] xr = grid[XR];
    float[][] xi = grid[XI];
    int hh = (NODES * boxes + 1) / 2;
    IntStream.range(0, CHUNKS).parallel().forEach(ch -> {
      double selfSum = 0;
      for (int a = n * ch / CHUNKS; a < n * (ch + 1) / CHUNKS; a++) {
        int i = order[a];
        int w = 6 * a;
        int col0 = NODES * box[2 * a];
        int row0 = NODES * box[2 * a + 1];
        double s2 = 0;
        double sx = 0;
        double sy = 0;
        // the 3×3 walk of spread, written again: shared, it would cost a call per node in both hot loops (the spread
        // adds to the grids, the gather sums in locals)
        for (int r = 0; r < NODES; r++) {
          double wy = weights[w + 3 + r];
          float[] first = xr[row0 + r];
          float[] second = xi[row0 + r];
          for (int c = 0; c < NODES; c++) {
            double v = wy * weights[w + c];
            int col = col0 + c;
            s2 += v * (col < hh ? wr[row0 + r][col] : wi[row0 + r][col - hh]);
            sx += v * first[col0 + c];
            sy += v * second[col0 + c];
          }
        }
        s2 *= scale;
        sx *= scale;
        sy *= scale;
        rep[2 * i] = position[2 * a] * s2 - sx;
        rep[2 * i + 1] = position[2 * a + 1] * s2 - sy;
        selfSum += selfInteraction(weights, w, self);
      }
      selfParts[ch] = selfSum;
    });
    double sum = 0;
    for (double v : selfParts) sum += v;
    return sum;
  }
}
