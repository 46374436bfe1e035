package org.deepfig.analysis.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-class precision, recall, F1 and support with their macro and weighted averages, top-k accuracy, and
 * one-vs-rest ROC and precision-recall curves, with the definitions and conventions of scikit-learn's
 * {@code classification_report}, {@code top_k_accuracy_score}, {@code roc_curve}/{@code roc_auc_score} and
 * {@code precision_recall_curve}/{@code average_precision_score}: a ratio whose denominator is 0 (precision of a
 * class never predicted, recall of a class without images) counts as 0, as scikit-learn's {@code zero_division}
 * default does; macro averages run over the classes that occur among the true or predicted labels (scikit-learn's
 * default {@code labels}), so a class absent from a slice does not count; an AUC or average precision of a class without positives (or, for AUC, without negatives) is NaN.
 */
public final class ClassMetrics {
  private ClassMetrics() {}

  /** One class's row of the report. */
  public record PerClass(int classIndex, double precision, double recall, double f1, int support, int predicted) {}

  /** Averages over classes: unweighted (macro) or weighted by support. */
  public record Average(double precision, double recall, double f1) {}

  /** The classification report. */
  public record Report(List<PerClass> classes, double accuracy, Average macro, Average weighted, int total) {
    /** Class indices from the lowest F1 to the highest (ties: lower index first). */
    public List<PerClass> byF1() {
      List<PerClass> out = new ArrayList<>(classes);
      out.sort((a, b) -> a.f1() != b.f1() ? Double.compare(a.f1(), b.f1()) : Integer.compare(a.classIndex(),
          b.classIndex()));
      return out;
    }
  }

  public static Report report(Predictions p) {
    int k = p.classes();
    long[] tp = new long[k];
    long[] predictedCount = new long[k];
    int[] support = new int[k];
    long correct = 0;
    for (int i = 0; i < p.size(); i++) {
      int y = p.labels()[i];
      int q = p.predicted(i);
      support[y]++;
      predictedCount[q]++;
      if (q == y) {
        tp[y]++;
        correct++;
      }
    }
    List<PerClass> rows = new ArrayList<>();
    double[] sum = new double[3];
    double[] wsum = new double[3];
    int present = 0;
    for (int c = 0; c < k; c++) {
      double precision = ratio(tp[c], predictedCount[c]);
      double recall = ratio(tp[c], support[c]);
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      rows.add(new PerClass(c, precision, recall, f1, support[c], (int) predictedCount[c]));
      if (support[c] == 0 && predictedCount[c] == 0) continue; // as scikit-learn: only labels that occur
      present++;
      sum[0] += precision;
      sum[1] += recall;
      sum[2] += f1;
      wsum[0] += precision * support[c];
      wsum[1] += recall * support[c];
      wsum[2] += f1 * support[c];
    }
    int n = p.size();
    Average macro = present == 0 ? new Average(0, 0, 0)
        : new Average(sum[0] / present, sum[1] / present, sum[2] / present);
    Average weighted = n == 0 ? new Average(0, 0, 0) : new Average(wsum[0] / n, wsum[1] / n, wsum[2] / n);
    return new Report(rows, n == 0 ? 0 : (double) correct / n, macro, weighted, n);
  }

  private static double ratio(long a, long b) {
    return b == 0 ? 0 : (double) a / b;
  }

  /**
   * The share of images whose true class is among the {@code k} most probable: those with fewer than {@code k}
   * classes strictly more probable than the true one (so a tie at the k-th place counts as a hit).
   */
  public static double topK(Predictions p, int k) {
    if (p.size() == 0) return 0;
    int hits = 0;
    for (int i = 0; i < p.size(); i++) {
      double truth = p.p(i, p.labels()[i]);
      int above = 0;
      for (int c = 0; c < p.classes(); c++) if (p.p(i, c) > truth) above++;
      if (above < k) hits++;
    }
    return (double) hits / p.size();
  }

  /**
   * A curve through the points (x[j], y[j]) and the area it summarises.
   *
   * @param area ROC: the area under the curve; precision-recall: the average precision
   */
  public record Curve(double[] x, double[] y, double area, int positives) {}

  /** Cumulative true and false positives at each distinct score, from the highest score down. */
  private record Counts(long[] tps, long[] fps, int positives, int negatives) {}

  private static Counts counts(Predictions p, int c) {
    Integer[] order = new Integer[p.size()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> Double.compare(p.p(b, c), p.p(a, c)));
    List<long[]> steps = new ArrayList<>();
    long tp = 0;
    long fp = 0;
    for (int j = 0; j < order.length; j++) {
      if (p.labels()[order[j]] == c) tp++;
      else fp++;
      // one point per distinct threshold: after the last image of equal score
      if (j + 1 == order.length || p.p(order[j + 1], c) != p.p(order[j], c)) steps.add(new long[] {tp, fp});
    }
    long[] tps = new long[steps.size()];
    long[] fps = new long[steps.size()];
    for (int j = 0; j < tps.length; j++) {
      tps[j] = steps.get(j)[0];
      fps[j] = steps.get(j)[1];
    }
    return new Counts(tps, fps, (int) tp, (int) fp);
  }

  /**
   * The one-vs-rest ROC curve of class {@code c} (false-positive rate → true-positive rate, starting at (0, 0), one
   * point per distinct score) and its area by the trapezoidal rule, as {@code roc_curve} with
   * {@code drop_intermediate=False} and {@code roc_auc_score}.
   */
  public static Curve roc(Predictions p, int c) {
    Counts k = counts(p, c);
    double[] fpr = new double[k.tps().length + 1];
    double[] tpr = new double[k.tps().length + 1];
    for (int j = 0; j < k.tps().length; j++) {
      fpr[j + 1] = k.negatives() == 0 ? Double.NaN : (double) k.fps()[j] / k.negatives();
      tpr[j + 1] = k.positives() == 0 ? Double.NaN : (double) k.tps()[j] / k.positives();
    }
    double auc = 0;
    for (int j = 1; j < fpr.length; j++) auc += (fpr[j] - fpr[j - 1]) * (tpr[j] + tpr[j - 1]) / 2;
    if (k.positives() == 0 || k.negatives() == 0) auc = Double.NaN;
    return new Curve(fpr, tpr, auc, k.positives());
  }

  /**
   * The one-vs-rest precision-recall curve of class {@code c} (recall → precision, one point per distinct score from
   * the highest down) and the average precision Σ (Rₙ − Rₙ₋₁) Pₙ over those thresholds with R₀ = 0, as
   * {@code average_precision_score} (no interpolation).
   */
  public static Curve precisionRecall(Predictions p, int c) {
    Counts k = counts(p, c);
    int m = k.tps().length;
    double[] recall = new double[m];
    double[] precision = new double[m];
    double ap = 0;
    double previous = 0;
    for (int j = 0; j < m; j++) {
      long tp = k.tps()[j];
      precision[j] = (double) tp / (tp + k.fps()[j]);
      recall[j] = k.positives() == 0 ? Double.NaN : (double) tp / k.positives();
      ap += (recall[j] - previous) * precision[j];
      previous = recall[j];
    }
    return new Curve(recall, precision, k.positives() == 0 ? Double.NaN : ap, k.positives());
  }
}
