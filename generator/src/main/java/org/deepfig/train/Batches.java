package org.deepfig.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import org.deepfig.data.ImageSet;

/** Moves a batch of images from an {@link ImageSet} into one NDArray, through one reusable Java buffer. */
public final class Batches {
  private final ImageSet set;
  private final float[] buffer;
  private final int capacity;

  public Batches(ImageSet set, int batchSize) {
    this.set = set;
    this.capacity = batchSize;
    this.buffer = new float[batchSize * set.imageLength()];
  }

  /** Images {@code from}..{@code to} (exclusive) as N×C×H×W. */
  public NDArray images(NDManager manager, int from, int to) {
    int n = to - from;
    if (n > capacity) throw new IllegalArgumentException("batch of " + n + " exceeds " + capacity);
    set.copyImages(from, to, buffer, 0);
    return manager.create(FloatBuffer.wrap(buffer, 0, n * set.imageLength()), shape(n));
  }

  /** The images at {@code indices[from..to)} (a shuffled order) as N×C×H×W. */
  public NDArray images(NDManager manager, int[] indices, int from, int to) {
    int len = set.imageLength();
    for (int i = from; i < to; i++) set.copyImages(indices[i], indices[i] + 1, buffer, (i - from) * len);
    return manager.create(FloatBuffer.wrap(buffer, 0, (to - from) * len), shape(to - from));
  }

  public static NDArray labels(NDManager manager, ImageSet set, int[] indices, int from, int to) {
    float[] y = new float[to - from];
    for (int i = from; i < to; i++) y[i - from] = set.label(indices == null ? i : indices[i]);
    return manager.create(y);
  }

  private Shape shape(int n) {
    return shape(set, n);
  }

  /** The shape of a batch of {@code n} samples of {@code set}: N×C×H×W for images, N×F for vectors. */
  public static Shape shape(ImageSet set, int n) {
    return new Shape(n).addAll(sample(set));
  }

  /** The shape of one sample as the network takes it: C×H×W, or F for vectors. */
  public static Shape sample(ImageSet set) {
    return new Shape(java.util.Arrays.stream(set.sampleDims()).mapToLong(d -> d).toArray());
  }
}
