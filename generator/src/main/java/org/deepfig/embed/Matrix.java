package org.deepfig.embed;

/** A dense row-major N×D matrix of doubles: the points t-SNE and PCA work on. */
public record Matrix(int rows, int cols, double[] data) {
  public Matrix {
    if (data.length != (long) rows * cols) throw new IllegalArgumentException("expected " + rows + "×" + cols);
  }

  public static Matrix of(float[] values, int rows, int cols) {
    double[] d = new double[values.length];
    for (int i = 0; i < d.length; i++) d[i] = values[i];
    return new Matrix(rows, cols, d);
  }

  public double get(int r, int c) {
    return data[r * cols + c];
  }

  /** Squared Euclidean distance between rows i and j. */
  public double distance2(int i, int j) {
    double s = 0;
    int a = i * cols;
    int b = j * cols;
    for (int k = 0; k < cols; k++) {
      double d = data[a + k] - data[b + k];
      s += d * d;
    }
    return s;
  }
}
