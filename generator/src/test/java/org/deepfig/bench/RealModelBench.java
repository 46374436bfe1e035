package org.deepfig.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.deepfig.model.TorchScriptNetwork;
import org.deepfig.probe.Probe;

/**
 * bench/real-models.sh's deepfig side: forward (logits) and input-gradient images/s of a TorchScript classifier at
 * 224 px through deepfig's {@link Probe}, the path every figure takes; median of {@code repeats} timed runs after
 * one warm-up, on the batch size given. Prints "deepfig forward IMG/S" and "deepfig gradient IMG/S".
 *
 * <p>Arguments: MODEL.pt BATCH REPEATS
 */
public final class RealModelBench {
  public static void main(String[] args) {
    Path model = Path.of(args[0]);
    int batch = Integer.parseInt(args[1]);
    int repeats = Integer.parseInt(args[2]);
    List<String> classes = new ArrayList<>();
    for (int i = 0; i < 1000; i++) classes.add("c" + i);
    float[] mean = {0.485f, 0.456f, 0.406f};
    float[] std = {0.229f, 0.224f, 0.225f};
    TorchScriptNetwork net = TorchScriptNetwork.load(model, Device.cpu(), new Shape(3, 224, 224), classes, mean, std);
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Probe probe = new Probe(net, manager);
      float[] images = new float[batch * 3 * 224 * 224];
      SplittableRandom r = new SplittableRandom(0);
      for (int i = 0; i < images.length; i++) images[i] = (float) r.nextDouble();
      Shape shape = new Shape(batch, 3, 224, 224);
      int[] targets = new int[batch];
      report("forward", batch, repeats, () -> probe.logits(images, shape));
      report("gradient", batch, repeats, () -> probe.inputGradient(images, shape,
          logits -> Probe.sumOfTargets(logits, targets)));
    } finally {
      net.model().close();
    }
  }

  private static void report(String what, int batch, int repeats, Runnable pass) {
    pass.run(); // warm-up: oneDNN creates its kernels on the first call
    List<Double> rates = new ArrayList<>();
    for (int i = 0; i < repeats; i++) {
      long t = System.nanoTime();
      pass.run();
      rates.add(batch / ((System.nanoTime() - t) / 1e9));
    }
    Collections.sort(rates);
    System.out.printf(Locale.ROOT, "deepfig %s %.2f%n", what, rates.get(rates.size() / 2));
  }
}
