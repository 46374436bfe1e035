package org.deepfig.embed;

/**
 * The t-SNE gradient (van der Maaten & Hinton 2008, eq. 5), split as in van der Maaten (2014, eq. 12): attraction
 * over the sparse P, repulsion over all pairs — exact, or approximated with Barnes-Hut for θ &gt; 0.
 * dC/dy_i = 4 Σ_j (p_ij − q_ij)(1 + |y_i − y_j|²)⁻¹ (y_i − y_j).
 */
final class TSneGradient {
  private TSneGradient() {}

  /** Attractive term F_attr,i = Σ_j p_ij q̃_ij (y_i − y_j) with q̃ = (1+d²)⁻¹, times {@code exaggeration}. */
  static void attractive(Affinities.Sparse p, double[] y, double exaggeration, double[] out, int from, int to) {
    for (int i = from; i < to; i++) {
      double fx = 0;
      double fy = 0;
      double yx = y[2 * i];
      double yy = y[2 * i + 1];
      for (int a = p.rowStart()[i]; a < p.rowStart()[i + 1]; a++) {
        int j = p.columns()[a];
        double dx = yx - y[2 * j];
        double dy = yy - y[2 * j + 1];
        double q = 1 / (1 + dx * dx + dy * dy);
        double w = p.values()[a] * q;
        fx += w * dx;
        fy += w * dy;
      }
      out[2 * i] = exaggeration * fx;
      out[2 * i + 1] = exaggeration * fy;
    }
  }

  /**
   * Unnormalised repulsion of point i, Σ_j q̃_ij² (y_i − y_j), into {@code out}; returns its share of Z = Σ_j q̃_ij.
   * Barnes-Hut: a cell whose side over distance is below θ counts as one point at its centre of mass.
   */
  static double repulsiveBarnesHut(QuadTree t, double[] y, int i, double theta, double[] out) {
    double px = y[2 * i];
    double py = y[2 * i + 1];
    double fx = 0;
    double fy = 0;
    double z = 0;
    int[] stack = new int[256];
    int top = 0;
    stack[top++] = 0;
    double theta2 = theta * theta;
    while (top > 0) {
      int node = stack[--top];
      int cnt = t.count[node];
      if (cnt == 0) continue;
      boolean leaf = t.isLeaf(node);
      if (leaf && t.point[node] == i) continue;
      double dx = px - t.massX[node];
      double dy = py - t.massY[node];
      double d2 = dx * dx + dy * dy;
      double side = 2 * t.half[node];
      if (leaf || side * side < theta2 * d2) {
        double q = 1 / (1 + d2);
        // a leaf holding duplicates of i's own position counts them, minus i itself
        int c = cnt;
        if (leaf && d2 == 0) c = cnt - 1;
        z += c * q;
        double w = c * q * q;
        fx += w * dx;
        fy += w * dy;
      } else {
        if (top + 4 > stack.length) stack = java.util.Arrays.copyOf(stack, stack.length * 2);
        for (int c = 3; c >= 0; c--) {
          int ch = t.child[4 * node + c];
          if (ch >= 0) stack[top++] = ch;
        }
      }
    }
    out[0] = fx;
    out[1] = fy;
    return z;
  }

  /** Exact O(N) repulsion of point i (for small N and for testing the approximation). */
  static double repulsiveExact(double[] y, int n, int i, double[] out) {
    double fx = 0;
    double fy = 0;
    double z = 0;
    for (int j = 0; j < n; j++) {
      if (j == i) continue;
      double dx = y[2 * i] - y[2 * j];
      double dy = y[2 * i + 1] - y[2 * j + 1];
      double q = 1 / (1 + dx * dx + dy * dy);
      z += q;
      fx += q * q * dx;
      fy += q * q * dy;
    }
    out[0] = fx;
    out[1] = fy;
    return z;
  }
}
