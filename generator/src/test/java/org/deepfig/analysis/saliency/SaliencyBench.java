package org.deepfig.analysis.saliency;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.deepfig.config.ModelConfig.Arch;
import org.deepfig.data.Dataset;
import org.deepfig.data.IdxDataset;
import org.deepfig.data.ImageSet;
import org.deepfig.data.ShapesDataset;
import org.deepfig.model.ModelZoo;
import org.deepfig.model.Net;
import org.deepfig.probe.Probe;

/**
 * Per-image cost of each attribution method with the saliency figure's default options (SmoothGrad 16 samples,
 * Integrated Gradients 32 steps, occlusion 6×6 patches at stride 2), on LeNet-5 / Fashion-MNIST and the small ResNet
 * / shapes. Images go through each method as one batch of {@code n}, as the figure does; SmoothGrad's samples,
 * Integrated Gradients' steps and occlusion's patches are themselves evaluated in batches. Also prints the cost of
 * a plain forward pass of the same batch, per image: the unit the last column counts in. Best of three runs after a
 * warm-up.
 */
public final class SaliencyBench {
  public static void main(String[] args) {
    Path fashion = Path.of(args.length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist");
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    if (Files.isDirectory(fashion)) {
      Dataset d = IdxDataset.load(fashion, "fashion-mnist", 1, 0);
      bench("LeNet-5 / Fashion-MNIST 28×28", Arch.LENET5, d.test(), d.classNames(), n);
    } else {
      System.out.println("(no Fashion-MNIST at " + fashion + ": apt-get install dataset-fashion-mnist)");
    }
    Dataset shapes = ShapesDataset.generate(1, 0, Math.max(n, 64), 32);
    bench("ResNet / shapes 32×32×3", Arch.RESNET, shapes.test(), shapes.classNames(), n);
  }

  static void bench(String title, Arch arch, ImageSet test, List<String> classes, int n) {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Shape input = new Shape(test.channels(), test.height(), test.width());
      float[] mean = new float[test.channels()];
      float[] std = new float[test.channels()];
      java.util.Arrays.fill(mean, 0.5f);
      java.util.Arrays.fill(std, 0.25f);
      Net net = ModelZoo.create(arch, input, classes, mean, std);
      net.initialize(m, DataType.FLOAT32, new Shape(1).addAll(input));
      SaliencySpec spec = org.deepfig.config.Declared.defaults(SaliencySpec.class);
      SaliencyContext s = new SaliencyContext(net, new Probe(net, m), m, test.channels(), test.height(),
          test.width(), spec, 1, std);
      int len = s.len();
      float[] images = new float[n * len];
      test.copyImages(0, n, images, 0);
      int[] targets = new int[n];
      for (int i = 0; i < n; i++) targets[i] = test.label(i);
      System.out.printf(Locale.ROOT, "%s, %d images per call%n", title, n);
      double forward = best(() -> s.probe().logits(images, s.shape(n))) / n;
      System.out.printf(Locale.ROOT, "  %-22s %8.2f ms/image%n", "(forward pass)", forward * 1e3);
      for (SaliencySpec.Method name : SaliencySpec.ALL) {
        Attribution a = Saliency.method(name);
        double t = best(() -> a.attribute(s, images, n, targets)) / n;
        System.out.printf(Locale.ROOT, "  %-22s %8.2f ms/image  (%.1f forward passes)%n", name, t * 1e3,
            t / forward);
      }
    }
  }

  static double best(Runnable r) {
    r.run();
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < 3; i++) {
      long t0 = System.nanoTime();
      r.run();
      best = Math.min(best, (System.nanoTime() - t0) / 1e9);
    }
    return best;
  }
}
