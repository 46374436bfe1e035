package org.deepfig.analysis.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.deepfig.analysis.Figure;
import org.deepfig.analysis.Table;
import org.junit.jupiter.api.Test;

/**
 * The classification report on a hand-made prediction table, against the values scikit-learn gives for it. Python's
 * scikit-learn is not installed here, so every expected value below was worked out by hand from scikit-learn's
 * definitions (classification_report, top_k_accuracy_score, roc_auc_score, average_precision_score; zero_division
 * counts as 0), the working written beside it.
 */
class ClassMetricsTest {
  /**
   * Eight images, three classes. Arg-max predictions: 0, 0, 1 | 1, 0 | 2, 1, 2, so the confusion matrix (rows true)
   * is [[2, 1, 0], [1, 1, 0], [0, 1, 2]].
   */
  static final int[] LABELS = {0, 0, 0, 1, 1, 2, 2, 2};
  static final double[][] ROWS = {
      {0.7, 0.2, 0.1}, {0.5, 0.4, 0.1}, {0.3, 0.6, 0.1},
      {0.2, 0.7, 0.1}, {0.6, 0.3, 0.1},
      {0.1, 0.1, 0.8}, {0.1, 0.5, 0.4}, {0.25, 0.15, 0.6}};
  static final Predictions TABLE = Predictions.ofRows(LABELS, ROWS);

  @Test
  void perClassPrecisionRecallF1AndSupportAreScikitLearns() {
    ClassMetrics.Report r = ClassMetrics.report(TABLE);
    // predicted as 0: images 0, 1, 4 (2 right); as 1: 2, 3, 6 (1 right); as 2: 5, 7 (2 right)
    // class 0: P = 2/3, R = 2/3, F1 = 2/3; class 1: P = 1/3, R = 1/2, F1 = 2·(1/6)/(5/6) = 0.4;
    // class 2: P = 2/2, R = 2/3, F1 = 2·(2/3)/(5/3) = 0.8
    double[][] expected = {{2 / 3.0, 2 / 3.0, 2 / 3.0, 3}, {1 / 3.0, 0.5, 0.4, 2}, {1, 2 / 3.0, 0.8, 3}};
    for (int c = 0; c < 3; c++) {
      ClassMetrics.PerClass pc = r.classes().get(c);
      assertThat(pc.precision()).as("precision %d", c).isCloseTo(expected[c][0], within(1e-12));
      assertThat(pc.recall()).as("recall %d", c).isCloseTo(expected[c][1], within(1e-12));
      assertThat(pc.f1()).as("F1 %d", c).isCloseTo(expected[c][2], within(1e-12));
      assertThat(pc.support()).as("support %d", c).isEqualTo((int) expected[c][3]);
    }
    assertThat(r.accuracy()).isEqualTo(5 / 8.0);
    // macro: P = (2/3 + 1/3 + 1)/3 = 2/3; R = (2/3 + 1/2 + 2/3)/3 = 11/18; F1 = (2/3 + 0.4 + 0.8)/3 = 28/45
    assertThat(r.macro().precision()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(r.macro().recall()).isCloseTo(11 / 18.0, within(1e-12));
    assertThat(r.macro().f1()).isCloseTo(28 / 45.0, within(1e-12));
    // weighted by support 3, 2, 3: P = (2 + 2/3 + 3)/8 = 17/24; R = (2 + 1 + 2)/8 = 5/8; F1 = (2 + 0.8 + 2.4)/8 = 0.65
    assertThat(r.weighted().precision()).isCloseTo(17 / 24.0, within(1e-12));
    assertThat(r.weighted().recall()).isCloseTo(5 / 8.0, within(1e-12));
    assertThat(r.weighted().f1()).isCloseTo(0.65, within(1e-12));
    assertThat(r.byF1()).extracting(ClassMetrics.PerClass::classIndex).containsExactly(1, 0, 2);
  }

  @Test
  void aClassNeverPredictedHasPrecisionZeroAsScikitLearnsZeroDivision() {
    // both images predicted as class 0: class 0 P = 1/2, R = 1, F1 = 2/3; class 1 P = 0 (0/0), R = 0, F1 = 0
    ClassMetrics.Report r = ClassMetrics.report(Predictions.ofRows(new int[] {0, 1},
        new double[][] {{0.9, 0.1}, {0.8, 0.2}}));
    assertThat(r.classes().get(1).precision()).isZero();
    assertThat(r.classes().get(1).f1()).isZero();
    assertThat(r.classes().get(0).f1()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(r.macro().f1()).isCloseTo(1 / 3.0, within(1e-12));
  }

  @Test
  void macroAveragesSkipClassesThatNeitherOccurNorArePredictedAsScikitLearnsDefaultLabels() {
    // class 2 has no image and is never predicted: labels = {0, 1}. Class 0: P = 1/2 (images 0, 2 predicted as 0,
    // one right), R = 1, F1 = 2/3; class 1: P = 1, R = 1/2, F1 = 2/3: macro F1 2/3 over two classes, not 4/9
    ClassMetrics.Report r = ClassMetrics.report(Predictions.ofRows(new int[] {0, 1, 1},
        new double[][] {{0.6, 0.3, 0.1}, {0.2, 0.7, 0.1}, {0.5, 0.4, 0.1}}));
    assertThat(r.macro().f1()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(r.macro().precision()).isCloseTo(0.75, within(1e-12));
    assertThat(r.classes()).hasSize(3);
  }

  @Test
  void topKAccuracy() {
    // top-1 is the accuracy, 5/8; every true class is first or second (images 2, 4, 6 second), so top-2 is 1
    assertThat(ClassMetrics.topK(TABLE, 1)).isEqualTo(5 / 8.0);
    assertThat(ClassMetrics.topK(TABLE, 2)).isEqualTo(1.0);
    // a true class third of three misses top-2
    Predictions third = Predictions.ofRows(new int[] {2}, new double[][] {{0.5, 0.3, 0.2}});
    assertThat(ClassMetrics.topK(third, 2)).isZero();
  }

  @Test
  void rocAucIsScikitLearnsRocAucScoreOneVsRest() {
    // class 0: positive scores 0.7, 0.5, 0.3, negative 0.6, 0.25, 0.2, 0.1, 0.1; of the 15 (positive, negative)
    // pairs the positive is higher in 5 + 4 + 4 = 13: AUC 13/15
    ClassMetrics.Curve roc = ClassMetrics.roc(TABLE, 0);
    assertThat(roc.area()).isCloseTo(13 / 15.0, within(1e-12));
    // points from the highest threshold down: (0,0) (0,1/3) (1/5,1/3) (1/5,2/3) (1/5,1) (2/5,1) (3/5,1) (1,1)
    assertThat(roc.x()).containsExactly(new double[] {0, 0, 0.2, 0.2, 0.2, 0.4, 0.6, 1}, within(1e-12));
    assertThat(roc.y()).containsExactly(new double[] {0, 1 / 3.0, 1 / 3.0, 2 / 3.0, 1, 1, 1, 1}, within(1e-12));
    // class 1: positives 0.7, 0.3 against 0.6, 0.5, 0.4, 0.2, 0.15, 0.1: 6 + 3 of 12 pairs = 0.75
    assertThat(ClassMetrics.roc(TABLE, 1).area()).isCloseTo(0.75, within(1e-12));
    // class 2: every positive above every negative
    assertThat(ClassMetrics.roc(TABLE, 2).area()).isCloseTo(1, within(1e-12));
  }

  @Test
  void tiedScoresCountHalfInTheAuc() {
    // class 1 scores: positives 0.5 and 0.8, negatives 0.5 and 0.2: pairs 0.5 (tie) + 1 + 1 + 1 = 3.5 of 4
    Predictions p = Predictions.ofRows(new int[] {1, 0, 1, 0},
        new double[][] {{0.5, 0.5}, {0.5, 0.5}, {0.2, 0.8}, {0.8, 0.2}});
    assertThat(ClassMetrics.roc(p, 1).area()).isCloseTo(0.875, within(1e-12));
    // thresholds 0.8 (P 1, R 1/2), 0.5 (P 2/3, R 1): AP = 1/2 · 1 + 1/2 · 2/3 = 5/6
    assertThat(ClassMetrics.precisionRecall(p, 1).area()).isCloseTo(5 / 6.0, within(1e-12));
  }

  @Test
  void averagePrecisionIsScikitLearnsAveragePrecisionScore() {
    // class 0 from the highest score down: 0.7 + (P 1, R 1/3), 0.6 − (1/2, 1/3), 0.5 + (2/3, 2/3), 0.3 + (3/4, 1):
    // AP = 1/3 · 1 + 0 + 1/3 · 2/3 + 1/3 · 3/4 = 29/36
    assertThat(ClassMetrics.precisionRecall(TABLE, 0).area()).isCloseTo(29 / 36.0, within(1e-12));
    // class 1: 0.7 + (1, 1/2), then three negatives, then 0.3 + (2/5, 1): AP = 1/2 + 1/2 · 2/5 = 0.7
    assertThat(ClassMetrics.precisionRecall(TABLE, 1).area()).isCloseTo(0.7, within(1e-12));
  }

  @Test
  void pastTenClassesTheFigureAddsTopKAccuracy() {
    // 11 classes; image 0 (class 0) is predicted right; image 1 (class 1) has its class third most probable: top-1
    // accuracy 1/2, top-3 accuracy 2/2
    double[][] rows = new double[2][11];
    java.util.Arrays.fill(rows[0], 0.05);
    rows[0][0] = 0.5;
    java.util.Arrays.fill(rows[1], 0.04);
    rows[1][5] = 0.3;
    rows[1][6] = 0.2;
    rows[1][1] = 0.14;
    List<String> names = java.util.stream.IntStream.range(0, 11).mapToObj(i -> "c" + i).toList();
    List<Figure> figs = Metrics.figures(new MetricsSpec(List.of("c1"), 3, false), Predictions.ofRows(new int[] {0, 1},
        rows), names);
    assertThat(figs).hasSize(1);
    assertThat(figs.get(0).tables().get(1).rows()).containsExactly(List.of("1", "50.0%"), List.of("3", "100.0%"));
    assertThat(figs.get(0).parameters()).containsEntry("top_k", "3");
  }

  @Test
  void aClassWithoutImagesHasNoCurveArea() {
    Predictions p = Predictions.ofRows(new int[] {0, 0}, new double[][] {{0.9, 0.1}, {0.6, 0.4}});
    assertThat(ClassMetrics.roc(p, 1).area()).isNaN();
    assertThat(ClassMetrics.precisionRecall(p, 1).area()).isNaN();
  }

  @Test
  void theFigureTableIsSortedFromTheWorstClassWithScikitLearnsAverages() {
    List<Figure> figs = Metrics.figures(org.deepfig.config.Declared.defaults(MetricsSpec.class), TABLE, List.of("a", "b", "c"));
    assertThat(figs).extracting(Figure::id).containsExactly("metrics", "metrics-curves");
    Table t = figs.get(0).tables().get(0);
    assertThat(t.rows()).extracting(r -> r.get(0)).containsExactly("b", "a", "c", "accuracy", "macro average",
        "weighted average");
    assertThat(t.rows().get(0)).containsExactly("b", "0.333", "0.500", "0.400", "2");
    assertThat(t.rows().get(4)).containsExactly("macro average", "0.667", "0.611", "0.622", "8");
    assertThat(t.rows().get(5)).containsExactly("weighted average", "0.708", "0.625", "0.650", "8");
    // curves of the worst classes by default (all three here), AUC and AP as above
    Table curves = figs.get(1).tables().get(0);
    assertThat(curves.rows()).containsExactly(List.of("b", "0.750", "0.700", "2"), List.of("a", "0.867", "0.806", "3"),
        List.of("c", "1.000", "1.000", "3"));
    // three classes: no top-k table (only past 10 classes)
    assertThat(figs.get(0).tables()).hasSize(1);
  }
}
