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
  static double repulsiveBarnesHut(QuadTree t, double[] y, int i, double theta, double[] out, int[] stack) {
    double px = y[2 * i];
    double py = y[2 * i + 1];
    double fx = 0;
    double fy = 0;
    double z = 0;
    double[] sum = t.summary;
    boolean[] leaf = t.leaf;
    int[] child = t.child;
    int[] point = t.point;
    int top = 0;
    stack[top++] = 0;
    double theta2 = theta * theta;
    while (top > 0) {
      int node = stack[--top];
      int o = 4 * node;
      double cnt = sum[o + 3];
      if (cnt == 0) continue;
      boolean isLeaf = leaf[node];
      if (isLeaf && point[node] == i) continue;
      double dx = px - sum[o];
      double dy = py - sum[o + 1];
      double d2 = dx * dx + dy * dy;
      if (isLeaf || sum[o + 2] < theta2 * d2) {
        double q = 1 / (1 + d2);
        // a leaf holding duplicates of i's own position counts them, minus i itself
        double c = isLeaf && d2 == 0 ? cnt - 1 : cnt;
        double cq = c * q;
        z += cq;
        double w = cq * q;
        fx += w * dx;
        fy += w * dy;
      } else {
        int co = 4 * node;
        for (int k = 3; k >= 0; k--) {
          int ch = child[co + k];
          if (ch >= 0) stack[top++] = ch;
        }
      }
    }
    out[0] = fx;
    out[1] = fy;
    return z;
  }

  static double repulsiveBarnesHut(QuadTree t, double[] y, int i, double theta, double[] out) {
    return repulsiveBarnesHut(t, y, i, theta, out, new int[4 * 64 + 8]);
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
