package org.deepfig.embed;

import java.util.List;

/**
 * A t-SNE embedding: N×2 coordinates (x0, y0, x1, y1, …), the KL divergence every 50 iterations as
 * (iteration, KL) pairs, the final KL, iterations run and wall time.
 */
public record TSneResult(int n, double[] coordinates, List<double[]> klTrace, double finalKl, int iterations,
    double seconds) {
  public double x(int i) {
    return coordinates[2 * i];
  }

  public double y(int i) {
    return coordinates[2 * i + 1];
  }
}
