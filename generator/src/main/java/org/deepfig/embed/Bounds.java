package org.deepfig.embed;

/** The axis-aligned bounding box of 2-D points stored x, y interleaved. */
public record Bounds(double minX, double minY, double maxX, double maxY) {
  /** The box of the first {@code n} points of {@code xy} (x0, y0, x1, y1, …). */
  public static Bounds of(double[] xy, int n) {
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      minX = Math.min(minX, xy[2 * i]);
      maxX = Math.max(maxX, xy[2 * i]);
      minY = Math.min(minY, xy[2 * i + 1]);
      maxY = Math.max(maxY, xy[2 * i + 1]);
    }
    return new Bounds(minX, minY, maxX, maxY);
  }

  public double width() {
    return maxX - minX;
  }

  public double height() {
    return maxY - minY;
  }

  /**
   * The square of side max(width, height, {@code minSide}) with this box centred in it: for drawing an embedding
   * whose distances are isotropic, so both axes keep one scale.
   */
  public Square square(double minSide) {
    double side = Math.max(Math.max(width(), height()), minSide);
    return new Square(minX - ((side - width()) / 2), minY - ((side - height()) / 2), side);
  }

  /** A square by its lower corner and side. */
  public record Square(double minX, double minY, double side) {}
}
