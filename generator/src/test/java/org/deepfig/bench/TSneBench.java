package org.deepfig.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.deepfig.embed.Matrix;
import org.deepfig.embed.NeighbourhoodHit;
import org.deepfig.embed.TSne;
import org.deepfig.embed.TSneResult;
import org.deepfig.embed.Trustworthiness;

/**
 * deepfig's t-SNE on N points of 50 dimensions (ten Gaussian clusters, seeded), 1000 iterations: one line per N with
 * seconds, KL, trustworthiness (k = 5, scikit-learn's default) and neighbourhood hit (k = 6). With a folder argument
 * the points and labels are also written there (points-N.csv) for bench/tsne.sh to give scikit-learn the same data.
 * A second line per N gives the wall time per phase. {@code -Dmethod=BARNES_HUT} (or EXACT) picks the repulsion
 * method; FFT by default, as in {@link TSne}.
 */
public final class TSneBench {
  public static void main(String[] args) throws IOException {
    Path dump = args.length > 0 ? Path.of(args[0]) : null;
    int[] sizes = args.length > 1 ? java.util.Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
        : new int[] {2000, 5000, 10000};
    for (int n : sizes) {
      int[] labels = new int[n];
      Matrix x = points(n, 50, labels);
      if (dump != null) write(dump.resolve("points-" + n + ".csv"), x, labels);
      Runtime rt = Runtime.getRuntime();
      System.gc();
      long before = rt.totalMemory() - rt.freeMemory();
      TSneResult r = new TSne().optMethod(TSne.Method.valueOf(System.getProperty("method", "FFT"))).optSeed(42).optIterations(1000).optPerplexity(30).fit(x);
      long after = rt.totalMemory() - rt.freeMemory();
      Matrix y = new Matrix(n, 2, r.coordinates());
      System.out.printf(Locale.ROOT, "deepfig  N=%d seconds=%.1f kl=%.3f trustworthiness=%.4f nh=%.3f "
          + "heap_delta_mb=%.0f%n", n, r.seconds(), r.finalKl(), Trustworthiness.trustworthiness(x, y, 5),
          NeighbourhoodHit.of(y, labels, 6), (after - before) / 1e6);
      StringBuilder phases = new StringBuilder("deepfig  phase seconds at N " + n + ":");
      r.phaseSeconds().forEach((k, v) -> phases.append(String.format(Locale.ROOT, " %s=%.2f", k, v)));
      System.out.println(phases);
    }
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
