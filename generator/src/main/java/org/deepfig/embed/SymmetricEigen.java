package org.deepfig.embed;

/** Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations (Golub & Van Loan §8.5). */
final class SymmetricEigen {
  private SymmetricEigen() {}

  /**
   * @param a n×n symmetric, row-major (not modified)
   * @return {values (descending), vectors (n×n row-major, column c is the eigenvector of values[c])}
   */
  static double[][] decompose(double[] a, int n) {
    double[] m = a.clone();
    double[] v = new double[n * n];
    for (int i = 0; i < n; i++) v[i * n + i] = 1;
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      for (int p = 0; p < n; p++) for (int q = p + 1; q < n; q++) off += m[p * n + q] * m[p * n + q];
      if (off < 1e-22 * Math.max(1, frobenius(m))) break;
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          double apq = m[p * n + q];
          if (Math.abs(apq) < 1e-300) continue;
          double theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) t = 1;
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < n; k++) {
            double mkp = m[k * n + p];
            double mkq = m[k * n + q];
            m[k * n + p] = c * mkp - s * mkq;
            m[k * n + q] = s * mkp + c * mkq;
          }
          for (int k = 0; k < n; k++) {
            double mpk = m[p * n + k];
            double mqk = m[q * n + k];
            m[p * n + k] = c * mpk - s * mqk;
            m[q * n + k] = s * mpk + c * mqk;
          }
          for (int k = 0; k < n; k++) {
            double vkp = v[k * n + p];
            double vkq = v[k * n + q];
            v[k * n + p] = c * vkp - s * vkq;
            v[k * n + q] = s * vkp + c * vkq;
          }
        }
      }
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    final double[] diag = new double[n];
    for (int i = 0; i < n; i++) diag[i] = m[i * n + i];
    java.util.Arrays.sort(order, (x, y) -> Double.compare(diag[y], diag[x]));
    double[] values = new double[n];
    double[] vectors = new double[n * n];
    for (int c = 0; c < n; c++) {
      values[c] = diag[order[c]];
      for (int r = 0; r < n; r++) vectors[r * n + c] = v[r * n + order[c]];
    }
    return new double[][] {values, vectors};
  }

  private static double frobenius(double[] m) {
    double s = 0;
    for (double x : m) s += x * x;
    return s;
  }
}
