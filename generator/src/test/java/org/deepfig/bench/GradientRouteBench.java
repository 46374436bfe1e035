package org.deepfig.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import org.deepfig.config.ModelConfig.Arch;
import org.deepfig.model.ModelZoo;
import org.deepfig.model.Net;
import org.deepfig.probe.ConvKernels;
import org.deepfig.probe.Probe;
import org.deepfig.provenance.Versions;
import org.deepfig.train.SeededInitializer;

/**
 * What taking gradients costs in this process (bench/conv-gradients.sh runs it with and without the oneDNN cap):
 * milliseconds per image of an untrained LeNet-5's input gradient and of its forward pass, batches of 64 images
 * 1×28×28, median of five rounds of 20 batches. Prints the cap and the {@link ConvKernels} route gradients took.
 */
public final class GradientRouteBench {
  public static void main(String[] args) {
    int batch = 64;
    List<String> ten = IntStream.range(0, 10).mapToObj(Integer::toString).toList();
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Shape in = new Shape(1, 28, 28);
      Net net = ModelZoo.create(Arch.LENET5, in, ten, new float[] {0.5f}, new float[] {0.5f});
      net.setInitializer(new SeededInitializer(1), Parameter.Type.WEIGHT);
      net.initialize(m, DataType.FLOAT32, new Shape(1).addAll(in));
      Probe probe = new Probe(net, m);
      float[] x = new float[batch * 28 * 28];
      Random r = new Random(1);
      for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
      Shape s = new Shape(batch, 1, 28, 28);
      int[] targets = new int[batch];
      double[] grad = new double[5];
      double[] fwd = new double[5];
      for (int warm = 0; warm < 5; warm++) {
        probe.inputGradient(x, s, l -> Probe.sumOfTargets(l, targets));
        probe.logits(x, s);
      }
      for (int round = 0; round < 5; round++) {
        long t = System.nanoTime();
        for (int i = 0; i < 20; i++) probe.inputGradient(x, s, l -> Probe.sumOfTargets(l, targets));
        grad[round] = (System.nanoTime() - t) / 1e6 / (20.0 * batch);
        t = System.nanoTime();
        for (int i = 0; i < 20; i++) probe.logits(x, s);
        fwd[round] = (System.nanoTime() - t) / 1e6 / (20.0 * batch);
      }
      Arrays.sort(grad);
      Arrays.sort(fwd);
      System.out.printf(Locale.ROOT, "%s=%s route=%s: input_gradient_ms_per_image=%.4f forward_ms_per_image=%.4f%n",
          Versions.ONEDNN_ISA, Versions.onednnIsa(), ConvKernels.route(), grad[2], fwd[2]);
    }
  }
}
