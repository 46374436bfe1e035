package org.deepfig.data;

import java.util.Arrays;

/** An {@link ImageSet} held in one float array (N×C×H×W), with optional masks (N×H×W). */
public final class ArrayImageSet implements ImageSet {
  private final int channels;
  private final int height;
  private final int width;
  private final float[] pixels;
  private final int[] labels;
  private final byte[] masks;

  public ArrayImageSet(int channels, int height, int width, float[] pixels, int[] labels, byte[] masks) {
    int len = channels * height * width;
    if (pixels.length != (long) labels.length * len) {
      throw new IllegalArgumentException(
          "pixels has " + pixels.length + " values, expected " + labels.length + "×" + len);
    }
    if (masks != null && masks.length != (long) labels.length * height * width) {
      throw new IllegalArgumentException("masks has " + masks.length + " values");
    }
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.pixels = pixels;
    this.labels = labels;
    this.masks = masks;
  }

  @Override
  public int size() {
    return labels.length;
  }

  @Override
  public int channels() {
    return channels;
  }

  @Override
  public int height() {
    return height;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int label(int i) {
    return labels[i];
  }

  @Override
  public void copyImages(int from, int to, float[] dst, int offset) {
    int len = imageLength();
    System.arraycopy(pixels, from * len, dst, offset, (to - from) * len);
  }

  @Override
  public boolean hasMasks() {
    return masks != null;
  }

  @Override
  public byte[] mask(int i) {
    if (masks == null) return ImageSet.super.mask(i);
    int hw = height * width;
    return Arrays.copyOfRange(masks, i * hw, (i + 1) * hw);
  }

  /** The first {@code n} images (or all, if fewer). */
  public ArrayImageSet head(int n) {
    if (n >= size()) return this;
    int len = imageLength();
    return new ArrayImageSet(channels, height, width, Arrays.copyOf(pixels, n * len), Arrays.copyOf(labels, n),
        masks == null ? null : Arrays.copyOf(masks, n * height * width));
  }
}
