package org.deepfig.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.deepfig.embed.FashionPoints;
import org.deepfig.embed.Matrix;
import org.deepfig.embed.NeighbourhoodHit;
import org.deepfig.embed.TSne;
import org.deepfig.embed.TSneResult;
import org.deepfig.embed.Trustworthiness;

/**
 * deepfig's t-SNE on N points of 50 dimensions, 1000 iterations: ten Gaussian clusters (seeded), or with sizes
 * written {@code fashion:10000,70000} the first N Fashion-MNIST images (test split, then train) reduced to 50
 * dimensions by PCA ({@link FashionPoints}). One line per N with seconds, KL, trustworthiness (k = 5, scikit-learn's
 * default; above 10,000 points on a seeded sample of 5,000) and neighbourhood hit (k = 6). With a folder argument the
 * points and labels up to N = 10,000 are also written there (points-DATA-N.csv) for bench/tsne.sh to give
 * scikit-learn the same data. {@code -Dexact=true} adds a run on exact nearest neighbours wherever the default uses
 * approximate ones.
 * A second line per N gives the wall time per phase. {@code -Dmethod=BARNES_HUT} (or EXACT) picks the repulsion
 * method; FFT by default, as in {@link TSne}.
 */
public final class TSneBench {
  public static void main(String[] args) throws IOException {
    Path dump = args.length > 0 ? Path.of(args[0]) : null;
    String spec = args.length > 1 ? args[1] : "2000,5000,10000";
    boolean fashion = spec.startsWith("fashion:");
    int[] sizes = java.util.Arrays.stream(spec.replace("fashion:", "").split(",")).mapToInt(Integer::parseInt)
        .toArray();
    String data = fashion ? "fashion" : "synthetic";
    for (int n : sizes) {
      int[] labels = new int[n];
      Matrix x = fashion ? FashionPoints.pca50(n, labels) : points(n, 50, labels);
      // scikit-learn gets the same points, up to 10,000 of them (beyond that it takes many minutes)
      if (dump != null && n <= 10_000) write(dump.resolve("points-" + data + "-" + n + ".csv"), x, labels);
      run(data, "deepfig", x, labels, TSne.NeighbourSearch.AUTO);
      if (Boolean.getBoolean("exact") && TSne.approximate(TSne.NeighbourSearch.AUTO, n)) {
        run(data, "deepfig-exact-nn", x, labels, TSne.NeighbourSearch.EXACT);
      }
    }
  }

  private static void run(String data, String who, Matrix x, int[] labels, TSne.NeighbourSearch nn) {
    int n = x.rows();
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long before = rt.totalMemory() - rt.freeMemory();
    TSneResult r = new TSne().optMethod(TSne.Method.valueOf(System.getProperty("method", "FFT"))).optNeighbours(nn)
        .optSeed(42).optIterations(1000).optPerplexity(30).fit(x);
    long after = rt.totalMemory() - rt.freeMemory();
    Matrix y = new Matrix(n, 2, r.coordinates());
    String coords = System.getProperty("dump.coordinates"); // final embeddings for FftRepulsionBench
    if (coords != null) {
      try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(coords, who + "-" + data + "-" + n
          + ".csv")))) {
        for (int i = 0; i < n; i++) w.println(r.x(i) + "," + r.y(i));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    // trustworthiness is O(N²): above 10,000 points on a seeded sample of 5,000 (both spaces restricted to it)
    int sample = n > 10_000 ? 5000 : n;
    int[] pick = sample(n, sample, 5);
    double t = Trustworthiness.trustworthiness(rows(x, pick), rows(y, pick), 5);
    System.out.printf(Locale.ROOT, "%-16s data=%s N=%d seconds=%.1f kl=%.3f trustworthiness=%.4f trust_sample=%d "
        + "nh=%.3f neighbours=%s heap_delta_mb=%.0f%n", who, data, n, r.seconds(), r.finalKl(), t, sample,
        NeighbourhoodHit.of(y, labels, 6), r.approximateNeighbours() ? "approximate" : "exact",
        (after - before) / 1e6);
    StringBuilder phases = new StringBuilder(String.format(Locale.ROOT, "%-16s phase seconds data=%s N %d:", who,
        data, n));
    r.phaseSeconds().forEach((k, v) -> phases.append(String.format(Locale.ROOT, " %s=%.2f", k, v)));
    System.out.println(phases);
    // process CPU seconds per phase: steadier than wall time on a loaded machine (compare runs by these)
    StringBuilder cpu = new StringBuilder(String.format(Locale.ROOT, "%-16s phase cpu_seconds data=%s N %d: total=%.2f",
        who, data, n, r.phaseCpuSeconds().values().stream().mapToDouble(Double::doubleValue).sum()));
    r.phaseCpuSeconds().forEach((k, v) -> cpu.append(String.format(Locale.ROOT, " %s=%.2f", k, v)));
    System.out.println(cpu);
    StringBuilder grid = new StringBuilder(String.format(Locale.ROOT, "%-16s fft lengths (side: iterations) data=%s "
        + "N %d:", who, data, n));
    r.fftLengths().forEach((k, v) -> grid.append(" ").append(k).append(':').append(v));
    System.out.println(grid);
    StringBuilder trace = new StringBuilder(String.format(Locale.ROOT, "%-16s kl by iteration data=%s N %d:", who, data,
        n));
    for (double[] at : r.klTrace()) trace.append(String.format(Locale.ROOT, " %.0f:%.4f", at[0], at[1]));
    System.out.println(trace);
  }

  /** A seeded sample of m of n indices, ascending. */
  static int[] sample(int n, int m, long seed) {
    int[] p = java.util.stream.IntStream.range(0, n).toArray();
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < m; i++) {
      int j = i + r.nextInt(n - i);
      int tmp = p[i];
      p[i] = p[j];
      p[j] = tmp;
    }
    int[] out = java.util.Arrays.copyOf(p, m);
    java.util.Arrays.sort(out);
    return out;
  }

  static Matrix rows(Matrix x, int[] pick) {
    if (pick.length == x.rows()) return x;
    double[] d = new double[pick.length * x.cols()];
    for (int a = 0; a < pick.length; a++) System.arraycopy(x.data(), pick[a] * x.cols(), d, a * x.cols(), x.cols());
    return new Matrix(pick.length, x.cols(), d);
  }

  static Matrix points(int n, int d, int[] labels) {
    SplittableRandom r = new SplittableRandom(7);
    double[][] centres = new double[10][d];
    for (double[] c : centres) for (int j = 0; j < d; j++) c[j] = 4 * gaussian(r);
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 10;
      for (int j = 0; j < d; j++) x[i * d + j] = centres[labels[i]][j] + 2 * gaussian(r);
    }
    return new Matrix(n, d, x);
  }

  static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  static void write(Path file, Matrix x, int[] labels) throws IOException {
    Files.createDirectories(file.getParent());
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
      for (int i = 0; i < x.rows(); i++) {
        StringBuilder sb = new StringBuilder().append(labels[i]);
        for (int j = 0; j < x.cols(); j++) sb.append(',').append(x.get(i, j));
        w.println(sb);
      }
    }
  }
}
