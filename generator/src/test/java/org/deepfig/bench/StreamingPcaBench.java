package org.deepfig.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import java.util.SplittableRandom;
import org.deepfig.embed.Matrix;
import org.deepfig.embed.StreamingPca;

/**
 * t-SNE's reduction of a ResNet-50-wide layer: streamed randomised PCA of N points of D = 802,816 values (layer1 at
 * 224 px) to 50 dimensions, the points generated batch by batch (20 images, as the t-SNE figure streams a layer this
 * wide) and never held. Prints seconds, the peak heap, and how much of a planted 5-dimensional signal the scores
 * recover (mean |correlation| of the first 5 components with the planted scores). Arguments: N (default 1000), D.
 */
public final class StreamingPcaBench {
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int d = args.length > 1 ? Integer.parseInt(args[1]) : 802_816;
    int batch = 20;
    int planted = 5;
    double[][] scores = new double[n][planted];
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < n; i++) for (int k = 0; k < planted; k++) scores[i][k] = (planted - k) * 10 * gauss(r);
    StreamingPca.Rows rows = consumer -> {
      float[] v = new float[batch * d];
      for (int from = 0; from < n; from += batch) {
        int b = Math.min(batch, n - from);
        for (int i = 0; i < b; i++) {
          SplittableRandom noise = new SplittableRandom(1000L + from + i);
          double[] s = scores[from + i];
          for (int j = 0; j < d; j++) {
            // direction k: ±1/√(D/5) on the k-th fifth of the coordinates, a fixed sign pattern; plus noise
            int k = (int) ((long) j * planted / d);
            double sign = ((j * 2654435761L) >>> 31 & 1) == 0 ? 1 : -1;
            v[i * d + j] = (float) (s[k] * sign / Math.sqrt((double) d / planted) + 0.05 * gauss(noise));
          }
        }
        consumer.accept(v, b);
      }
    };
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
    long t0 = System.nanoTime();
    Matrix m = StreamingPca.project(rows, n, d, 50, 7);
    double seconds = (System.nanoTime() - t0) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
    }
    double corr = 0;
    for (int k = 0; k < planted; k++) {
      double[] a = new double[n];
      double[] b = new double[n];
      for (int i = 0; i < n; i++) {
        a[i] = m.get(i, k);
        b[i] = scores[i][k];
      }
      corr += Math.abs(org.deepfig.analysis.saliency.Scores.pearson(a, b)) / planted;
    }
    System.out.printf(Locale.ROOT, "streamed PCA of %d × %d → %d: %.1f s, peak heap %.0f MB (the points would be "
        + "%.0f MB as floats), planted components recovered: mean |r| = %.4f%n", n, d, m.cols(), seconds,
        peak / 1048576.0, (double) n * d * 4 / 1048576.0, corr);
  }

  static double gauss(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
