package org.deepfig.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.deepfig.analysis.patches.TopKScan;
import org.deepfig.config.ModelConfig.Arch;
import org.deepfig.data.Dataset;
import org.deepfig.data.IdxDataset;
import org.deepfig.model.ModelZoo;
import org.deepfig.model.Net;
import org.deepfig.train.Evaluation;

/**
 * The top-9 scan of every convolution channel of LeNet-5 over the 10,000 Fashion-MNIST test images, against a plain
 * forward pass (with the same batch size and the argmax/loss bookkeeping of an evaluation) over the same images.
 * Best of three runs each, interleaved; prints both times and {@code ratio: X}.
 */
public final class TopPatchesBench {
  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist");
    Dataset d = IdxDataset.load(dir, "fashion-mnist", 1, 0);
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Net net = ModelZoo.create(Arch.LENET5, new Shape(1, 28, 28), d.classNames(), new float[] {0.286f},
          new float[] {0.353f});
      net.initialize(m, DataType.FLOAT32, new Shape(1, 1, 28, 28));
      int n = d.test().size();
      double forward = Double.POSITIVE_INFINITY;
      double scan = Double.POSITIVE_INFINITY;
      for (int round = 0; round < 4; round++) {
        long t0 = System.nanoTime();
        Evaluation.of(net, m, d.test(), 10, 256, null);
        long t1 = System.nanoTime();
        TopKScan.scan(net, m, d.test(), n, List.of("conv1", "conv2"), 9, 256, null);
        long t2 = System.nanoTime();
        if (round == 0) continue; // warm-up
        forward = Math.min(forward, (t1 - t0) / 1e9);
        scan = Math.min(scan, (t2 - t1) / 1e9);
      }
      System.out.printf(Locale.ROOT, "forward pass: %.3f s for %d images%n", forward, n);
      System.out.printf(Locale.ROOT, "top-9 scan of conv1 and conv2 (22 channels): %.3f s%n", scan);
      System.out.printf(Locale.ROOT, "ratio: %.2f%n", scan / forward);
    }
  }
}
