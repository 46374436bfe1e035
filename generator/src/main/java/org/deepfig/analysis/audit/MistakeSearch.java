package org.deepfig.analysis.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Which misclassified images to show: the most confident mistakes overall and per confused class pair. */
public final class MistakeSearch {
  private MistakeSearch() {}

  /**
   * The report anchor of the examples of images of class {@code truth} predicted as {@code predicted}: the mistakes
   * figure puts it on the pair's row and the confusion matrix's cell links to it.
   */
  public static String anchor(int truth, int predicted) {
    return "confused-" + truth + "-" + predicted;
  }

  /** A pair (true class, predicted class ≠ true class) and how many images it holds. */
  public record Pair(int truth, int predicted, int count) {}

  /**
   * Up to {@code n} misclassified images, the most confident first (the predicted class's probability; equal
   * probabilities in image order).
   */
  public static List<Integer> mostConfident(Predictions p, int n) {
    return firstN(p, n, i -> !p.correct(i));
  }

  /** Up to {@code n} images of class {@code truth} predicted as {@code predicted}, the most confident first. */
  public static List<Integer> ofPair(Predictions p, int truth, int predicted, int n) {
    return firstN(p, n, i -> p.labels()[i] == truth && p.predicted(i) == predicted);
  }

  private static List<Integer> firstN(Predictions p, int n, java.util.function.IntPredicate keep) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < p.size(); i++) if (keep.test(i)) out.add(i);
    out.sort(Comparator.comparingDouble((Integer i) -> -p.confidence(i)).thenComparingInt(i -> i));
    return List.copyOf(out.subList(0, Math.min(n, out.size())));
  }

  /** Up to {@code n} off-diagonal pairs with the most images, most first (equal counts: by true, then predicted). */
  public static List<Pair> mostConfused(Predictions p, int n) {
    int k = p.classes();
    int[][] counts = new int[k][k];
    for (int i = 0; i < p.size(); i++) counts[p.labels()[i]][p.predicted(i)]++;
    List<Pair> pairs = new ArrayList<>();
    for (int t = 0; t < k; t++) {
      for (int q = 0; q < k; q++) if (t != q && counts[t][q] > 0) pairs.add(new Pair(t, q, counts[t][q]));
    }
    pairs.sort(Comparator.comparingInt((Pair x) -> -x.count()).thenComparingInt(Pair::truth)
        .thenComparingInt(Pair::predicted));
    return List.copyOf(pairs.subList(0, Math.min(n, pairs.size())));
  }
}
