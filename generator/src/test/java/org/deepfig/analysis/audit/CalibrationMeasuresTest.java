package org.deepfig.analysis.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.deepfig.analysis.Figure;
import org.junit.jupiter.api.Test;

/**
 * Expected and maximum calibration error (Guo et al. 2017) of hand-built predictors whose answers are known, and
 * temperature scaling where the best temperature has a closed form. Probabilities are binary fractions (0.75, 0.625,
 * …) so that the float probabilities are exact.
 */
class CalibrationMeasuresTest {
  /** {@code n} images given {@code row}, the first {@code right} of them labelled with the row's arg-max. */
  static void add(List<Integer> labels, List<double[]> rows, double[] row, int n, int right) {
    int top = row[0] >= row[1] ? 0 : 1;
    for (int i = 0; i < n; i++) {
      labels.add(i < right ? top : 1 - top);
      rows.add(row);
    }
  }

  static Predictions of(List<Integer> labels, List<double[]> rows) {
    return Predictions.ofRows(labels.stream().mapToInt(Integer::intValue).toArray(), rows.toArray(new double[0][]));
  }

  static double pct(String s) {
    return Double.parseDouble(s.replace("%", ""));
  }

  @Test
  void aPerfectlyCalibratedPredictorHasNoCalibrationError() {
    List<Integer> labels = new ArrayList<>();
    List<double[]> rows = new ArrayList<>();
    add(labels, rows, new double[] {0.75, 0.25}, 4, 3); // confidence 0.75, 3 of 4 right
    add(labels, rows, new double[] {0.375, 0.625}, 8, 5); // confidence 0.625, 5 of 8 right
    add(labels, rows, new double[] {0.5, 0.5}, 2, 1); // confidence 0.5, 1 of 2 right
    CalibrationMeasures.Reliability r = CalibrationMeasures.reliability(of(labels, rows), 15);
    assertThat(r.ece()).isZero();
    assertThat(r.mce()).isZero();
    assertThat(r.bins().stream().mapToInt(CalibrationMeasures.Bin::count).sum()).isEqualTo(14);
  }

  @Test
  void aMiscalibratedPredictorHasTheHandComputedErrors() {
    List<Integer> labels = new ArrayList<>();
    List<double[]> rows = new ArrayList<>();
    add(labels, rows, new double[] {0.875, 0.125}, 8, 4); // confidence 0.875, accuracy 0.5: gap 0.375
    add(labels, rows, new double[] {0.5, 0.5}, 4, 3); // confidence 0.5, accuracy 0.75: gap 0.25
    // 15 bins: 0.875 falls in bin 13 (0.867, 0.933], 0.5 in bin 7 (0.467, 0.533]
    // ECE = 8/12 · 0.375 + 4/12 · 0.25 = 0.25 + 1/12 = 1/3; MCE = 0.375
    CalibrationMeasures.Reliability r = CalibrationMeasures.reliability(of(labels, rows), 15);
    assertThat(r.ece()).isCloseTo(1 / 3.0, within(1e-12));
    assertThat(r.mce()).isCloseTo(0.375, within(1e-12));
    assertThat(r.bins().get(13).count()).isEqualTo(8);
    assertThat(r.bins().get(13).accuracy()).isEqualTo(0.5);
    assertThat(r.bins().get(7).count()).isEqualTo(4);
    assertThat(r.bins().get(7).meanConfidence()).isEqualTo(0.5);
    // with 2 bins, (0, 0.5] and (0.5, 1]: the same two groups apart, the same errors
    assertThat(CalibrationMeasures.reliability(of(labels, rows), 2).ece()).isCloseTo(1 / 3.0, within(1e-12));
  }

  @Test
  void binsAreHalfOpenFromBelow() {
    assertThat(CalibrationMeasures.binOf(0.0, 15)).isZero();
    assertThat(CalibrationMeasures.binOf(0.5, 2)).isZero();
    assertThat(CalibrationMeasures.binOf(0.5000001, 2)).isEqualTo(1);
    assertThat(CalibrationMeasures.binOf(1.0, 15)).isEqualTo(14);
  }

  @Test
  void temperatureScalingFindsTheClosedFormTemperature() {
    // every image says [0.9, 0.1] (log-odds ln 9) but only 6 of 8 are class 0: the likelihood is highest where
    // σ(ln 9 / T) = 3/4, i.e. ln 9 / T = ln 3, T = 2; and there the probabilities become [0.75, 0.25]
    List<Integer> labels = new ArrayList<>();
    List<double[]> rows = new ArrayList<>();
    add(labels, rows, new double[] {0.9, 0.1}, 8, 6);
    Predictions p = of(labels, rows);
    double t = CalibrationMeasures.fitTemperature(p);
    assertThat(t).isCloseTo(2, within(1e-4));
    Predictions scaled = CalibrationMeasures.scaled(p, t);
    assertThat(scaled.p(0, 0)).isCloseTo(0.75, within(1e-4));
    assertThat(CalibrationMeasures.reliability(scaled, 15).ece()).isCloseTo(0, within(1e-4));
    assertThat(CalibrationMeasures.nll(p, t)).isLessThan(CalibrationMeasures.nll(p, 1));
    // T = 1 changes nothing
    assertThat(CalibrationMeasures.scaled(p, 1).p(3, 0)).isCloseTo(0.9, within(1e-6));
  }

  @Test
  void theFigureReportsTheFittedTemperatureAndTheErrorsBeforeAndAfter() {
    List<Integer> labels = new ArrayList<>();
    List<double[]> rows = new ArrayList<>();
    add(labels, rows, new double[] {0.9, 0.1}, 400, 300);
    Figure f = Calibration.figure(new CalibrationSpec(15, true, 0.5), of(labels, rows), 1);
    // the random halves hold about, not exactly, 3/4 class 0: T near 2 (exactly 2 at exactly 3/4)
    assertThat(Double.parseDouble(f.parameters().get("temperature"))).isBetween(1.5, 2.8);
    // whole set: ECE = MCE = |0.75 − 0.9| = 0.15
    assertThat(f.tables().get(0).rows().get(0)).startsWith("whole test set", "400", "75.0%", "15.00%", "15.00%");
    var before = f.tables().get(0).rows().get(1);
    var after = f.tables().get(0).rows().get(2);
    assertThat(before.get(1)).isEqualTo("200");
    assertThat(pct(after.get(3))).isLessThan(pct(before.get(3)) / 3);
    assertThat(f.caption()).contains("ECE goes from " + before.get(3) + " to " + after.get(3));
  }
}
