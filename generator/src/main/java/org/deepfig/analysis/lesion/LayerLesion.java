package org.deepfig.analysis.lesion;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deepfig.Progress;
import org.deepfig.data.ImageSet;
import org.deepfig.model.Network;

/**
 * The lesion study of one layer: the intact network's accuracy, each channel's accuracy drop overall and per class,
 * the channels in order of importance, and the cumulative curves (Morcos et al. 2018: channels ablated together in
 * order of importance, in the reverse order and in a seeded random order).
 *
 * @param base accuracy of the intact network
 * @param accuracy [c] accuracy with channel c ablated
 * @param classBase [k] per-class accuracy of the intact network (NaN for a class with no image)
 * @param classDrop [c][k] per-class accuracy lost when channel c is ablated (NaN for a class with no image)
 * @param order channels by drop, largest first (ties: lower index first)
 * @param curves order name → accuracy at each {@code ablated} count; empty without curves
 * @param ablated numbers of channels ablated at the curves' points
 * @param images test images measured
 */
public record LayerLesion(String layer, double base, double[] accuracy, double[] classBase, double[][] classDrop,
    List<Integer> order, Map<String, double[]> curves, int[] ablated, int images) {
  public static final String IMPORTANCE = "importance order";
  public static final String REVERSE = "reverse order";
  public static final String RANDOM = "random order";

  /** Accuracy lost when channel {@code c} is ablated. */
  public double drop(int c) {
    return base - accuracy[c];
  }

  public int channels() {
    return accuracy.length;
  }

  /**
   * Measures {@code layer} on the first {@code n} images of {@code test}; {@code mean} (one image's values) replaces
   * ablated channels, or zero when null; {@code curvePoints} 0 for no curves.
   */
  public static LayerLesion measure(Network net, NDManager manager, ImageSet test, int n, String layer, float[] mean,
      int classes, int curvePoints, long seed, int batch, Progress progress) {
    int channels = net.graph().layer(layer).channels();
    boolean[][] singles = new boolean[channels + 1][channels];
    for (int c = 0; c < channels; c++) singles[c + 1][c] = true;
    LesionScan.Counts counts;
    try (Progress.Task task = progress.start("lesion of " + layer + ": " + channels + " channels × " + n
        + " images", n)) {
      counts = LesionScan.scan(net, manager, test, n, layer, mean, singles, classes, batch, task);
    }
    double base = counts.accuracy(0);
    double[] accuracy = new double[channels];
    double[] classBase = new double[classes];
    double[][] classDrop = new double[channels][classes];
    for (int k = 0; k < classes; k++) classBase[k] = counts.classAccuracy(0, k);
    for (int c = 0; c < channels; c++) {
      accuracy[c] = counts.accuracy(c + 1);
      for (int k = 0; k < classes; k++) classDrop[c][k] = classBase[k] - counts.classAccuracy(c + 1, k);
    }
    List<Integer> order = new ArrayList<>();
    for (int c = 0; c < channels; c++) order.add(c);
    order.sort(Comparator.comparingDouble((Integer c) -> -(base - accuracy[c])).thenComparing(c -> c));
    Map<String, double[]> curves = new LinkedHashMap<>();
    int[] ablated = curvePoints == 0 ? new int[0] : points(channels, curvePoints);
    if (ablated.length > 0) {
      Map<String, List<Integer>> orders = new LinkedHashMap<>();
      orders.put(IMPORTANCE, order);
      orders.put(REVERSE, reversed(order));
      orders.put(RANDOM, shuffled(channels, seed));
      // every (order, count) as one mask; equal masks (none, all) are measured once
      Map<String, Integer> unique = new LinkedHashMap<>();
      List<boolean[]> masks = new ArrayList<>();
      int[][] slot = new int[orders.size()][ablated.length];
      int o = 0;
      for (List<Integer> ord : orders.values()) {
        for (int i = 0; i < ablated.length; i++) {
          boolean[] mask = new boolean[channels];
          for (int j = 0; j < ablated[i]; j++) mask[ord.get(j)] = true;
          String key = java.util.Arrays.toString(mask);
          Integer at = unique.get(key);
          if (at == null) {
            at = masks.size();
            unique.put(key, at);
            masks.add(mask);
          }
          slot[o][i] = at;
        }
        o++;
      }
      LesionScan.Counts cum;
      try (Progress.Task task = progress.start("lesion of " + layer + ": cumulative curves (" + masks.size()
          + " ablations) × " + n + " images", n)) {
        cum = LesionScan.scan(net, manager, test, n, layer, mean, masks.toArray(new boolean[0][]), classes, batch,
            task);
      }
      o = 0;
      for (String name : orders.keySet()) {
        double[] acc = new double[ablated.length];
        for (int i = 0; i < ablated.length; i++) acc[i] = cum.accuracy(slot[o][i]);
        curves.put(name, acc);
        o++;
      }
    }
    return new LayerLesion(layer, base, accuracy, classBase, classDrop, List.copyOf(order), curves, ablated,
        counts.images());
  }

  /** {@code points} counts evenly spaced from 0 to {@code channels} (fewer when channels are fewer). */
  static int[] points(int channels, int points) {
    java.util.TreeSet<Integer> ks = new java.util.TreeSet<>();
    for (int i = 0; i < points; i++) ks.add((int) Math.round((double) i * channels / (points - 1)));
    return ks.stream().mapToInt(Integer::intValue).toArray();
  }

  private static List<Integer> reversed(List<Integer> order) {
    List<Integer> r = new ArrayList<>(order);
    java.util.Collections.reverse(r);
    return r;
  }

  private static List<Integer> shuffled(int channels, long seed) {
    List<Integer> r = new ArrayList<>();
    for (int c = 0; c < channels; c++) r.add(c);
    java.util.Collections.shuffle(r, new Random(seed));
    return r;
  }
}
