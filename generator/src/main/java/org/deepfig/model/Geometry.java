package org.deepfig.model;

/**
 * The spatial geometry of a convolution or pooling layer (square kernels): what receptive-field arithmetic needs.
 * Layers that keep positions (ReLU, BatchNorm, Add) have {@link #IDENTITY}.
 */
public record Geometry(int kernel, int stride, int padding, int dilation) {
  public static final Geometry IDENTITY = new Geometry(1, 1, 0, 1);

  public Geometry {
    if (kernel < 1 || stride < 1 || padding < 0 || dilation < 1) {
      throw new IllegalArgumentException("bad geometry " + kernel + "/" + stride + "/" + padding + "/" + dilation);
    }
  }

  /** The span of input positions one output position sees: dilation·(kernel−1)+1. */
  public int effectiveKernel() {
    return dilation * (kernel - 1) + 1;
  }
}
