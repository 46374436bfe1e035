package org.deepfig.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * t-SNE (van der Maaten & Hinton 2008): sparse input similarities on nearest neighbours (van der Maaten 2014;
 * exact, or approximate above 5,000 points: {@link NeighbourSearch}),
 * early exaggeration, momentum and per-coordinate gains. The repulsive forces come by default from FFT-accelerated
 * interpolation on a grid (Linderman et al. 2019, FIt-SNE; {@link FftRepulsion}), or from Barnes-Hut (van der Maaten
 * 2014) or the exact O(N²) sums ({@link Method}). Options are named as in the papers. Work is split into fixed index
 * ranges and every sum is taken in a fixed order, so the same seed gives bit-identical coordinates whatever the
 * number of threads. {@link TSneResult#phaseSeconds()} tells where the time went.
 */
public final class TSne {
  /** How to place the points before optimising. */
  public enum Init { PCA, RANDOM }

  /**
   * How the repulsive forces are computed: FFT-accelerated interpolation (Linderman et al. 2019, {@link
   * FftRepulsion}), Barnes-Hut with accuracy θ (van der Maaten 2014), or exactly over all pairs (O(N²) time).
   */
  public enum Method { FFT, BARNES_HUT, EXACT }

  /**
   * How the nearest neighbours behind the input similarities are found: exactly ({@link Neighbours}), approximately
   * ({@link ApproxNeighbours}), or AUTO: exactly up to {@link #APPROXIMATE_ABOVE} points, approximately above.
   */
  public enum NeighbourSearch { AUTO, EXACT, APPROXIMATE }

  /** AUTO's threshold: above this many points the neighbours are approximate. */
  public static final int APPROXIMATE_ABOVE = 5000;

  /** Whether {@code search} finds approximate neighbours for n points. */
  public static boolean approximate(NeighbourSearch search, int n) {
    return search == NeighbourSearch.APPROXIMATE || search == NeighbourSearch.AUTO && n > APPROXIMATE_ABOVE;
  }

  private double perplexity = 30;
  private int iterations = 1000;
  private double learningRate = Double.NaN; // auto
  private double earlyExaggeration = 12;
  private int exaggerationIterations = 250;
  private double theta = 0.5;
  private Method method = Method.FFT;
  private Init init = Init.PCA;
  private NeighbourSearch neighbours = NeighbourSearch.AUTO;
  private boolean classic = false;
  private long seed = 0;
  private int threads = Runtime.getRuntime().availableProcessors();
  private int pcaDimensions = 50;
  private IntConsumer progress = i -> {};

  public TSne optPerplexity(double v) {
    perplexity = v;
    return this;
  }

  public TSne optIterations(int v) {
    iterations = v;
    return this;
  }

  /**
   * NaN = automatic, openTSNE's schedule (Belkina et al. 2019): max(N / exaggeration / 4, 50) in each phase, so
   * N/(4·early exaggeration) while the exaggeration is on and N/4 after. This gradient keeps t-SNE's factor 4, which
   * openTSNE and FIt-SNE leave out, so these are their N/12 and N. A value given is used in both phases.
   */
  public TSne optLearningRate(double v) {
    learningRate = v;
    return this;
  }

  public TSne optEarlyExaggeration(double v) {
    earlyExaggeration = v;
    return this;
  }

  public TSne optExaggerationIterations(int v) {
    exaggerationIterations = v;
    return this;
  }

  /** Barnes-Hut accuracy (method BARNES_HUT only): 0 computes the exact gradient (O(N²)). */
  public TSne optTheta(double v) {
    theta = v;
    return this;
  }

  /** How the repulsive forces are computed; FFT by default. */
  public TSne optMethod(Method v) {
    method = v;
    return this;
  }

  /** How the nearest neighbours are found; AUTO by default. */
  public TSne optNeighbours(NeighbourSearch v) {
    neighbours = v;
    return this;
  }

  public TSne optInit(Init v) {
    init = v;
    return this;
  }

  public TSne optSeed(long v) {
    seed = v;
    return this;
  }

  public TSne optThreads(int v) {
    threads = Math.max(1, v);
    return this;
  }

  /** Dimensions PCA keeps before the neighbour search (0 = no PCA). */
  public TSne optPcaDimensions(int v) {
    pcaDimensions = v;
    return this;
  }

  /** Called after each iteration with the number of iterations done. */
  public TSne optProgress(IntConsumer v) {
    progress = v;
    return this;
  }

  /**
   * The schedule deepfig used before openTSNE's (for comparison in tests): momentum 0.5 during the exaggeration, a
   * learning rate of max(N / early exaggeration / 4, 50) in both phases (scikit-learn's), and no step clipping.
   */
  TSne optClassicSchedule() {
    classic = true;
    return this;
  }

  /** The learning rate at an exaggeration, by the schedule in use. */
  double learningRate(int n, double exaggeration) {
    if (!Double.isNaN(learningRate)) return learningRate;
    return Math.max(n / (classic ? earlyExaggeration : exaggeration) / 4, 50);
  }

  /** openTSNE's max_step_norm: the longest step a point takes in one iteration. */
  static final double MAX_STEP = 5;

  /** Embeds the rows of {@code x} in two dimensions. */
  public TSneResult fit(Matrix x) {
    long start = System.nanoTime();
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      return pool.submit(() -> run(x, start)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdown();
    }
  }

  private TSneResult run(Matrix x, long start) {
    int n = x.rows();
    if (n < 4) throw new IllegalArgumentException("t-SNE needs at least 4 points, got " + n);
    double perp = Math.min(perplexity, (n - 1) / 3.0);
    PhaseClock clock = new PhaseClock();
    Matrix reduced = pcaDimensions > 0 && x.cols() > pcaDimensions ? Pca.project(x, pcaDimensions, seed) : x;
    int k = Math.min(n - 1, (int) (3 * perp));
    clock.lap("pca");
    boolean approx = approximate(neighbours, n);
    Neighbours.Result nn = approx ? ApproxNeighbours.of(reduced, k, seed) : Neighbours.of(reduced, k);
    clock.lap("neighbours");
    Affinities.Sparse p = Affinities.symmetric(nn, perp);
    clock.lap("affinities");
    double[] y = initial(reduced, n);
    clock.lap("init");
    double[] update = new double[2 * n];
    double[] gains = new double[2 * n];
    java.util.Arrays.fill(gains, 1);
    double[] grad = new double[2 * n]; // attraction, then the gradient
    double[] rep = new double[2 * n]; // unnormalised repulsion
    double[] zParts = new double[n];
    List<double[]> klTrace = new ArrayList<>();
    int chunks = Math.max(1, Math.min(n, 64));
    QuadTree tree = null;
    FftRepulsion fft = method == Method.FFT ? new FftRepulsion() : null;
    boolean barnesHut = method == Method.BARNES_HUT && theta > 0;
    int[] visit = IntStream.range(0, n).toArray();
    java.util.Map<Integer, Integer> fftLengths = new java.util.TreeMap<>();
    for (int it = 0; it < iterations; it++) {
      boolean early = it < exaggerationIterations;
      double exaggeration = early ? earlyExaggeration : 1;
      double momentum = early && classic ? 0.5 : 0.8;
      if (barnesHut) {
        if (tree == null) tree = new QuadTree(y, n);
        else tree.rebuild(y, n);
      }
      clock.lap("repulsive");
      double[] yy = y;
      IntStream.range(0, chunks).parallel().forEach(c -> {
        int from = (int) ((long) n * c / chunks);
        int to = (int) ((long) n * (c + 1) / chunks);
        TSneGradient.attractive(p, yy, exaggeration, grad, from, to);
      });
      clock.lap("attractive");
      QuadTree tt = tree;
      if (tt != null && it % 10 == 0) spatialOrder(yy, n, visit); // the order drifts slowly: every 10th is enough
      double z = 0;
      if (fft != null) {
        clock.lap("repulsive");
        z = fft.compute(y, n, rep, clock);
        fftLengths.merge(fft.length(), 1, Integer::sum);
      } else {
        IntStream.range(0, chunks).parallel().forEach(c -> {
          int from = (int) ((long) n * c / chunks);
          int to = (int) ((long) n * (c + 1) / chunks);
          double[] f = new double[2];
          int[] stack = new int[4 * 64 + 8]; // depth ≤ 48 (QuadTree.MAX_DEPTH), ≤ 3 pending siblings per level
          for (int a = from; a < to; a++) {
            int i = visit[a];
            zParts[i] = tt != null ? TSneGradient.repulsiveBarnesHut(tt, yy, i, theta, f, stack)
                : TSneGradient.repulsiveExact(yy, n, i, f);
            rep[2 * i] = f[0];
            rep[2 * i + 1] = f[1];
          }
        });
        for (int i = 0; i < n; i++) z += zParts[i];
      }
      clock.lap("repulsive");
      double lr = learningRate(n, exaggeration);
      double zz = z;
      double mom = momentum;
      IntStream.range(0, chunks).parallel().forEach(c -> {
        int from = (int) ((long) n * c / chunks);
        int to = (int) ((long) n * (c + 1) / chunks);
        step(yy, grad, rep, zz, gains, update, mom, lr, from, to);
      });
      clock.lap("update");
      if ((it + 1) % 50 == 0 || it == iterations - 1) klTrace.add(new double[] {it + 1, kl(p, y, z)});
      clock.lap("kl");
      progress.accept(it + 1);
    }
    double finalKl = klTrace.isEmpty() ? kl(p, y, z(y, n)) : klTrace.get(klTrace.size() - 1)[1];
    return new TSneResult(n, y, klTrace, finalKl, iterations, (System.nanoTime() - start) / 1e9, clock.seconds(),
        approx, clock.cpuSeconds(), java.util.Collections.unmodifiableMap(fftLengths));
  }

  /**
   * The gradient-descent step of points [from, to): gradient 4·(attraction − repulsion / Z), per-coordinate gains
   * (Jacobs 1988), momentum, and (outside the classic schedule) openTSNE's step clipping to MAX_STEP. Each point's
   * arithmetic is its own, so any split between threads gives the same result.
   */
  private void step(double[] y, double[] grad, double[] rep, double z, double[] gains, double[] update,
      double momentum, double lr, int from, int to) {
    for (int i = 2 * from; i < 2 * to; i++) {
      double g = 4 * (grad[i] - rep[i] / z);
      boolean sameSign = (g > 0) == (update[i] > 0);
      gains[i] = Math.max(0.01, sameSign ? gains[i] * 0.8 : gains[i] + 0.2);
      update[i] = momentum * update[i] - lr * gains[i] * g;
    }
    for (int i = from; i < to; i++) {
      if (!classic) {
        // openTSNE's max_step_norm: no point moves more than 5 units in one step
        double u = update[2 * i];
        double v = update[2 * i + 1];
        double norm2 = u * u + v * v;
        if (norm2 > MAX_STEP * MAX_STEP) {
          double norm = Math.sqrt(norm2);
          update[2 * i] = u * (MAX_STEP / norm);
          update[2 * i + 1] = v * (MAX_STEP / norm);
        }
      }
      y[2 * i] += update[2 * i];
      y[2 * i + 1] += update[2 * i + 1];
    }
  }

  /**
   * The points in Z-order (Morton 1966) of their positions: consecutive points then walk mostly the same tree nodes,
   * which stay in cache. The order changes no result, only memory traffic.
   */
  static void spatialOrder(double[] y, int n, int[] out) {
    Bounds b = Bounds.of(y, n);
    double minX = b.minX();
    double minY = b.minY();
    double sx = 65535 / Math.max(b.width(), 1e-300);
    double sy = 65535 / Math.max(b.height(), 1e-300);
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      long code = interleave((int) ((y[2 * i] - minX) * sx)) | interleave((int) ((y[2 * i + 1] - minY) * sy)) << 1;
      keys[i] = code << 31 | i;
    }
    java.util.Arrays.sort(keys);
    for (int a = 0; a < n; a++) out[a] = (int) (keys[a] & 0x7fffffffL);
  }

  /** Spreads the 16 low bits of v to the even bit positions. */
  private static long interleave(int v) {
    long x = v & 0xffffL;
    x = (x | x << 8) & 0x00ff00ffL;
    x = (x | x << 4) & 0x0f0f0f0fL;
    x = (x | x << 2) & 0x33333333L;
    x = (x | x << 1) & 0x55555555L;
    return x;
  }

  private double[] initial(Matrix reduced, int n) {
    double[] y = new double[2 * n];
    if (init == Init.PCA) {
      Matrix two = Pca.project(reduced, 2, seed);
      // scaled so the first axis has standard deviation 1e-4, as scikit-learn does
      double mean = 0;
      for (int i = 0; i < n; i++) mean += two.get(i, 0);
      mean /= n;
      double var = 0;
      for (int i = 0; i < n; i++) var += (two.get(i, 0) - mean) * (two.get(i, 0) - mean);
      double sd = Math.sqrt(var / n);
      double scale = sd > 0 ? 1e-4 / sd : 1;
      for (int i = 0; i < n; i++) {
        y[2 * i] = two.get(i, 0) * scale;
        y[2 * i + 1] = (two.cols() > 1 ? two.get(i, 1) : 0) * scale;
      }
    } else {
      SplittableRandom r = new SplittableRandom(seed);
      for (int i = 0; i < 2 * n; i++) y[i] = 1e-4 * Pca.gaussian(r);
    }
    return y;
  }

  /**
   * KL(P‖Q) over the sparse P, with Q's normaliser Z given: per-row sums in 64 fixed row ranges (in parallel), added
   * in range order, so the value does not depend on the number of threads.
   */
  static double kl(Affinities.Sparse p, double[] y, double z) {
    int n = p.n();
    int chunks = Math.max(1, Math.min(n, 64));
    double[] part = new double[chunks];
    IntStream.range(0, chunks).parallel().forEach(c -> {
      double kl = 0;
      int[] rowStart = p.rowStart();
      int[] columns = p.columns();
      double[] values = p.values();
      for (int i = (int) ((long) n * c / chunks); i < (int) ((long) n * (c + 1) / chunks); i++) {
        for (int a = rowStart[i]; a < rowStart[i + 1]; a++) {
          int j = columns[a];
          double pij = values[a];
          if (pij <= 0) continue;
          double dx = y[2 * i] - y[2 * j];
          double dy = y[2 * i + 1] - y[2 * j + 1];
          double q = 1 / (1 + dx * dx + dy * dy) / z;
          kl += pij * Math.log(pij / Math.max(q, 1e-300));
        }
      }
      part[c] = kl;
    });
    double kl = 0;
    for (double v : part) kl += v;
    return kl;
  }

  static double z(double[] y, int n) {
    double z = 0;
    double[] f = new double[2];
    for (int i = 0; i < n; i++) z += TSneGradient.repulsiveExact(y, n, i, f);
    return z;
  }
}
