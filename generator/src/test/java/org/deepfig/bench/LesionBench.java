package org.deepfig.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.deepfig.analysis.lesion.LesionScan;
import org.deepfig.config.ModelConfig.Arch;
import org.deepfig.data.Dataset;
import org.deepfig.data.IdxDataset;
import org.deepfig.data.ImageSet;
import org.deepfig.model.ModelZoo;
import org.deepfig.model.Net;
import org.deepfig.model.Network;
import org.deepfig.model.TorchScriptNetwork;

/**
 * What the lesion scan costs on LeNet-5 over the Fashion-MNIST test set, per layer, against its target:
 * a zoo network against (ablations × the layers above the ablated one, run on its kept output), a TorchScript export
 * of the same architecture against (ablations × one forward pass). Best of three after a warm-up; prints the times
 * and {@code ratio: X} per layer and overall (targets 1.5 and 1.2).
 */
public final class LesionBench {
  private static final int BATCH = 256;

  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist");
    Path pt = args.length > 1 ? Path.of(args[1]) : null;
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    Dataset d = IdxDataset.load(dir, "fashion-mnist", 1, 0);
    List<String> layers = List.of(args.length > 3 ? args[3].split(",")
        : new String[] {"conv1", "conv2", "fc1", "fc2"});
    float[] mean = {0.286f};
    float[] std = {0.353f};
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Net net = ModelZoo.create(Arch.LENET5, new Shape(1, 28, 28), d.classNames(), mean, std);
      net.initialize(m, DataType.FLOAT32, new Shape(1, 1, 28, 28));
      System.out.printf(Locale.ROOT, "LeNet-5 (zoo), %d Fashion-MNIST test images, batch %d%n", n, BATCH);
      if (!"ts-only".equals(System.getProperty("lesion.bench"))) measure(net, m, d.test(), n, layers, 1.5);
      if (pt != null) {
        TorchScriptNetwork ts = TorchScriptNetwork.load(pt, Device.cpu(), new Shape(1, 28, 28), d.classNames(), mean,
            std);
        System.out.printf(Locale.ROOT, "%nLeNet-5 (TorchScript export, forward_replacing), same images%n");
        measure(ts, m, d.test(), n, layers, 1.2);
        ts.model().close();
      }
    }
  }

  /** Per layer: scan time against ablations × the reference pass (above-only for a zoo net, else a full forward). */
  private static void measure(Network net, NDManager m, ImageSet set, int n, List<String> layers, double target) {
    double scanTotal = 0;
    double refTotal = 0;
    for (String layer : layers) {
      int c = net.graph().layer(layer).channels();
      boolean[][] singles = new boolean[c + 1][c];
      for (int i = 0; i < c; i++) singles[i + 1][i] = true;
      double scan = Double.POSITIVE_INFINITY;
      double ref = Double.POSITIVE_INFINITY;
      for (int round = 0; round < 4; round++) {
        long t0 = System.nanoTime();
        LesionScan.scan(net, m, set, n, layer, null, singles, 10, BATCH, null);
        long t1 = System.nanoTime();
        double r = reference(net, m, set, n, layer);
        if (round == 0) continue; // warm-up
        scan = Math.min(scan, (t1 - t0) / 1e9);
        ref = Math.min(ref, r);
      }
      double expected = (c + 1) * ref;
      scanTotal += scan;
      refTotal += expected;
      System.out.printf(Locale.ROOT, "%-6s %4d ablations: scan %.3f s; %s %.4f s × %d = %.3f s; ratio: %.2f%n",
          layer, c + 1, scan, net instanceof Net ? "layers above" : "one forward pass", ref, c + 1, expected,
          scan / expected);
    }
    System.out.printf(Locale.ROOT, "all layers: scan %.3f s against %.3f s; ratio: %.2f (target %.1f)%n", scanTotal,
        refTotal, scanTotal / refTotal, target);
  }

  /**
   * Seconds of the reference pass over the images: for a zoo net the layers above {@code layer} on its kept output
   * (the capture itself untimed), for any other network one forward pass from the input; argmax included in both.
   */
  private static double reference(Network net, NDManager parent, ImageSet set, int n, String layer) {
    int len = set.imageLength();
    float[] buf = new float[BATCH * len];
    long spent = 0;
    for (int from = 0; from < n; from += BATCH) {
      int b = Math.min(BATCH, n - from);
      set.copyImages(from, from + b, buf, 0);
      try (NDManager m = parent.newSubManager()) {
        ParameterStore ps = new ParameterStore(m, false);
        NDArray x = m.create(FloatBuffer.wrap(buf, 0, b * len), new Shape(b, 1, 28, 28));
        if (net instanceof Net zoo) {
          Net.Resume at = zoo.capture(ps, x, layer);
          long t = System.nanoTime();
          zoo.forwardAbove(ps, at, at.output()).argMax(1).toLongArray();
          spent += System.nanoTime() - t;
        } else {
          long t = System.nanoTime();
          net.forward(ps, x, false, org.deepfig.model.Taps.NONE).argMax(1).toLongArray();
          spent += System.nanoTime() - t;
        }
      }
    }
    return spent / 1e9;
  }
}
