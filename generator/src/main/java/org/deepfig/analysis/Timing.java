package org.deepfig.analysis;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.deepfig.data.ImageSet;
import org.deepfig.model.Network;
import org.deepfig.probe.BatchBudget;
import org.deepfig.probe.Probe;

/**
 * Seconds per image of a forward pass and of a forward-and-backward pass (the input gradient), measured on the
 * run's model, device and image size: what turns a {@link Cost} into minutes.
 */
public record Timing(double forwardSeconds, double gradientSeconds) {
  /** Images in the timed batch (after one untimed image, which pays for oneDNN's kernel set-up). */
  static final int BATCH = 2;

  /** Times one small batch each way on the first test images. */
  public static Timing measure(Network network, NDManager manager, ImageSet set) {
    Probe probe = new Probe(network, manager);
    int n = BatchBudget.images(network, false, true, Math.min(BATCH, set.size()));
    int len = set.imageLength();
    float[] images = new float[n * len];
    set.copyImages(0, n, images, 0);
    Shape one = org.deepfig.train.Batches.shape(set, 1);
    Shape shape = org.deepfig.train.Batches.shape(set, n);
    probe.logits(java.util.Arrays.copyOf(images, len), one); // warm-up
    long t0 = System.nanoTime();
    probe.logits(images, shape);
    long t1 = System.nanoTime();
    int[] zeros = new int[n];
    probe.inputGradient(images, shape, logits -> Probe.sumOfTargets(logits, zeros));
    long t2 = System.nanoTime();
    return new Timing((t1 - t0) / 1e9 / n, (t2 - t1) / 1e9 / n);
  }
}
