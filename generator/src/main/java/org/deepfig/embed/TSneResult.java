package org.deepfig.embed;

import java.util.List;
import java.util.Map;

/**
 * A t-SNE embedding: N×2 coordinates (x0, y0, x1, y1, …), the KL divergence every 50 iterations as
 * (iteration, KL) pairs, the final KL, iterations run, wall time and the wall time per phase (neighbours,
 * affinities, attractive and repulsive forces, …) in the order the phases first ran, and whether the
 * nearest neighbours were approximate ({@link ApproxNeighbours}), the process CPU time per phase, and for the FFT
 * repulsion how many iterations ran at each FFT length (grid side).
 */
public record TSneResult(int n, double[] coordinates, List<double[]> klTrace, double finalKl, int iterations,
    double seconds, Map<String, Double> phaseSeconds, boolean approximateNeighbours,
    Map<String, Double> phaseCpuSeconds, Map<Integer, Integer> fftLengths) {
  public double x(int i) {
    return coordinates[2 * i];
  }

  public double y(int i) {
    return coordinates[2 * i + 1];
  }
}
