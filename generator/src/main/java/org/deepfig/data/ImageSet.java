package org.deepfig.data;

/**
 * A split of a labelled image dataset. Pixels are floats in [0, 1], laid out channel-major (C×H×W) per image, the
 * layout DJL's convolutions take. Implementations may hold everything in memory or read on demand; callers fetch
 * images in batches and never assume the whole split fits in memory.
 */
public interface ImageSet {
  int size();

  int channels();

  int height();

  int width();

  /** The class index of image {@code i}. */
  int label(int i);

  /** Copies images {@code from} (inclusive) to {@code to} (exclusive) into {@code dst} starting at {@code offset}. */
  void copyImages(int from, int to, float[] dst, int offset);

  /**
   * A set whose images come one at a time (picked from other sets, or files decoded on demand): it says how to copy
   * one image, and a batch is the loop over its images, each at its place in {@code dst}.
   */
  interface ImageByImage extends ImageSet {
    /** Copies image {@code i} into {@code dst} starting at {@code offset}. */
    void copyImage(int i, float[] dst, int offset);

    @Override
    default void copyImages(int from, int to, float[] dst, int offset) {
      int len = imageLength();
      for (int i = from; i < to; i++) copyImage(i, dst, offset + (i - from) * len);
    }
  }

  /** Images picked from another set (or decoded to its shape), one at a time: they have that set's shape. */
  interface Picked extends ImageByImage {
    /** The set the images are picked from. */
    ImageSet source();

    @Override
    default int channels() {
      return source().channels();
    }

    @Override
    default int height() {
      return source().height();
    }

    @Override
    default int width() {
      return source().width();
    }
  }

  /** Whether {@link #mask(int)} is available (the synthetic shapes dataset has ground-truth object masks). */
  default boolean hasMasks() {
    return false;
  }

  /** The H×W object mask of image {@code i}: 1 on the object, 0 on the background. */
  default byte[] mask(int i) {
    throw new UnsupportedOperationException("this dataset has no object masks");
  }

  /** The file image {@code i} was read from, or null when the images do not come from files of their own. */
  default java.nio.file.Path file(int i) {
    return null;
  }

  /**
   * Whether the samples are vectors (points with features, {@link VectorSet}) rather than images: then
   * {@link #channels()} counts the features, height and width are 1 and the network sees N×F batches.
   */
  default boolean vectors() {
    return false;
  }

  /** The shape of one sample as the network takes it: C, H, W for images, F for vectors. */
  default int[] sampleDims() {
    return vectors() ? new int[] {channels()} : new int[] {channels(), height(), width()};
  }

  default int imageLength() {
    return channels() * height() * width();
  }

  /** The images at {@code indices}, in that order, as one fresh N×C×H×W array. */
  default float[] gather(int[] indices) {
    int len = imageLength();
    float[] out = new float[indices.length * len];
    for (int i = 0; i < indices.length; i++) copyImages(indices[i], indices[i] + 1, out, i * len);
    return out;
  }

  /** Image {@code i} as a fresh C×H×W array. */
  default float[] image(int i) {
    float[] out = new float[imageLength()];
    copyImages(i, i + 1, out, 0);
    return out;
  }
}
