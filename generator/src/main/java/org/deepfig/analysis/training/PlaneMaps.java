package org.deepfig.analysis.training;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepfig.data.Toy2dDataset;
import org.deepfig.data.VectorSet;
import org.deepfig.model.LayerKind;
import org.deepfig.model.LayerNode;
import org.deepfig.model.Network;
import org.deepfig.probe.Activations;
import org.deepfig.probe.Probe;
import org.deepfig.train.Batches;

/**
 * A perceptron seen over the plane: every hidden unit's activation and the output's probability of the positive
 * class at the centres of an n×n grid over the Playground's square [-6, 6]², row 0 at the top (y = 6), and the
 * weights between consecutive layers (for the output, the difference of its two logits' weights: what moves the
 * positive class's probability).
 *
 * @param layers the activation layers (relu1, tanh2, …) in order, with their units' maps {@code maps.get(l)[u]}
 * @param weights {@code weights.get(k)[j][i]}: from unit i of column k (the features, then each hidden layer) to
 *     unit j of column k + 1 (the last column is the output, one unit)
 */
record PlaneMaps(int n, List<String> layers, List<String> activationNames, Map<String, float[][]> maps,
    float[] output, List<float[][]> weights) {

  static double coordinate(int cell, int n) {
    return -Toy2dDataset.EXTENT + (cell + 0.5) * 2 * Toy2dDataset.EXTENT / n;
  }

  static PlaneMaps of(Network net, NDManager manager, VectorSet set, int n) {
    List<LayerNode> linear = net.graph().ofKind(LayerKind.LINEAR);
    List<String> acts = new ArrayList<>();
    List<String> actNames = new ArrayList<>();
    List<LayerNode> all = net.graph().layers();
    for (int k = 0; k + 1 < linear.size(); k++) {
      int at = all.indexOf(linear.get(k));
      LayerNode next = at + 1 < all.size() ? all.get(at + 1) : null;
      boolean activation = next != null && (next.kind() == LayerKind.RELU || next.kind() == LayerKind.TANH
          || next.kind() == LayerKind.SIGMOID);
      acts.add(activation ? next.name() : linear.get(k).name());
      actNames.add(activation ? next.kind().label() : "linear");
    }
    int f = set.channels();
    float[] inputs = new float[n * n * f];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        float[] v = set.inputs(coordinate(c, n), -coordinate(r, n));
        System.arraycopy(v, 0, inputs, (r * n + c) * f, f);
      }
    }
    Probe probe = new Probe(net, manager);
    Activations a = probe.activations(inputs, Batches.shape(set, n * n), acts);
    Map<String, float[][]> maps = new LinkedHashMap<>();
    for (String l : acts) {
      float[] v = a.of(l);
      int units = v.length / (n * n);
      float[][] m = new float[units][n * n];
      for (int p = 0; p < n * n; p++) for (int u = 0; u < units; u++) m[u][p] = v[p * units + u];
      maps.put(l, m);
    }
    float[] logits = a.logits();
    float[] out = new float[n * n];
    for (int p = 0; p < n * n; p++) out[p] = positive(logits[2 * p], logits[2 * p + 1]);
    List<float[][]> weights = new ArrayList<>();
    for (int k = 0; k < linear.size(); k++) {
      float[][] w = matrix(net, linear.get(k).name());
      if (k == linear.size() - 1) { // the output: positive minus negative logit
        float[][] d = new float[1][w[0].length];
        for (int i = 0; i < d[0].length; i++) d[0][i] = w[1][i] - w[0][i];
        w = d;
      }
      weights.add(w);
    }
    return new PlaneMaps(n, acts, actNames, maps, out, weights);
  }

  /** Softmax probability of class 1 from two logits. */
  static float positive(float l0, float l1) {
    return (float) (1 / (1 + Math.exp(l0 - l1)));
  }

  private static float[][] matrix(Network net, String layer) {
    var w = net.layerWeight(layer).orElseThrow();
    int rows = (int) w.getShape().get(0);
    int cols = (int) w.getShape().get(1);
    float[] v = w.toFloatArray();
    float[][] m = new float[rows][cols];
    for (int r = 0; r < rows; r++) System.arraycopy(v, r * cols, m[r], 0, cols);
    return m;
  }
}
