package org.deepfig.embed;

/**
 * A point-region quadtree over 2-D points with each cell's centre of mass and count, in flat arrays (no objects per
 * node): the summary Barnes-Hut uses to approximate the repulsion of far cells by one point (van der Maaten 2014).
 */
final class QuadTree {
  private static final int MAX_DEPTH = 48;
  private double[] y; // N×2 positions
  int nodes;
  double[] cx;
  double[] cy;
  double[] half;
  double[] massX;
  double[] massY;
  int[] count;
  int[] child; // 4 per node, -1 when absent
  int[] point; // the point of a leaf holding exactly one distinct position, else -1

  QuadTree(double[] y, int n) {
    int cap = Math.max(16, 4 * n);
    cx = new double[cap];
    cy = new double[cap];
    half = new double[cap];
    massX = new double[cap];
    massY = new double[cap];
    count = new int[cap];
    child = new int[4 * cap];
    point = new int[cap];
    rebuild(y, n);
  }

  /** Rebuilds the tree for new positions, reusing the arrays (t-SNE rebuilds it every iteration). */
  void rebuild(double[] y, int n) {
    this.y = y;
    nodes = 0;
    Bounds b = Bounds.of(y, n);
    double h = Math.max(b.width(), b.height()) / 2 + 1e-5;
    newNode((b.minX() + b.maxX()) / 2, (b.minY() + b.maxY()) / 2, h);
    for (int i = 0; i < n; i++) insert(0, i, 0);
    pack();
  }

  /**
   * Per node, packed for the traversal's sake (one cache line instead of five arrays): centre of mass x, y, the
   * squared cell side, the count; and the first child slot or -1 for a leaf.
   */
  double[] summary;
  boolean[] leaf;

  private void pack() {
    if (summary == null || summary.length < 4 * nodes) {
      summary = new double[4 * cx.length];
      leaf = new boolean[cx.length];
    }
    for (int i = 0; i < nodes; i++) {
      summary[4 * i] = massX[i];
      summary[4 * i + 1] = massY[i];
      summary[4 * i + 2] = 4 * half[i] * half[i];
      summary[4 * i + 3] = count[i];
      leaf[i] = isLeaf(i);
    }
  }

  private int newNode(double x, double yy, double h) {
    if (nodes == cx.length) grow();
    int id = nodes++;
    cx[id] = x;
    cy[id] = yy;
    half[id] = h;
    massX[id] = 0;
    massY[id] = 0;
    count[id] = 0;
    point[id] = -1;
    for (int c = 0; c < 4; c++) child[4 * id + c] = -1;
    return id;
  }

  private void grow() {
    int cap = cx.length * 2;
    cx = java.util.Arrays.copyOf(cx, cap);
    cy = java.util.Arrays.copyOf(cy, cap);
    half = java.util.Arrays.copyOf(half, cap);
    massX = java.util.Arrays.copyOf(massX, cap);
    massY = java.util.Arrays.copyOf(massY, cap);
    count = java.util.Arrays.copyOf(count, cap);
    point = java.util.Arrays.copyOf(point, cap);
    child = java.util.Arrays.copyOf(child, 4 * cap);
  }

  boolean isLeaf(int node) {
    return child[4 * node] < 0 && child[4 * node + 1] < 0 && child[4 * node + 2] < 0 && child[4 * node + 3] < 0;
  }

  private void insert(int node, int i, int depth) {
    double px = y[2 * i];
    double py = y[2 * i + 1];
    while (true) {
      int c = count[node];
      double ox = massX[node];
      double oy = massY[node];
      massX[node] = (ox * c + px) / (c + 1);
      massY[node] = (oy * c + py) / (c + 1);
      count[node] = c + 1;
      if (c == 0) {
        point[node] = i;
        return;
      }
      if (isLeaf(node)) {
        // a leaf holds one position (one point, or several duplicates of it): (ox, oy)
        if ((ox == px && oy == py) || depth >= MAX_DEPTH) {
          point[node] = -1; // a group now: no single point id applies
          return;
        }
        int ch = childFor(node, quadrant(node, ox, oy));
        massX[ch] = ox;
        massY[ch] = oy;
        count[ch] = c;
        point[ch] = point[node];
        point[node] = -1;
      }
      node = childFor(node, quadrant(node, px, py));
      depth++;
    }
  }

  private int quadrant(int node, double px, double py) {
    return (px >= cx[node] ? 1 : 0) + (py >= cy[node] ? 2 : 0);
  }

  private int childFor(int node, int q) {
    int ch = child[4 * node + q];
    if (ch < 0) {
      double h = half[node] / 2;
      ch = newNode(cx[node] + ((q & 1) != 0 ? h : -h), cy[node] + ((q & 2) != 0 ? h : -h), h);
      child[4 * node + q] = ch;
    }
    return ch;
  }
}
