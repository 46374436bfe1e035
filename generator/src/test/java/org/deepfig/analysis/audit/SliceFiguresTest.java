package org.deepfig.analysis.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deepfig.analysis.Figure;
import org.deepfig.analysis.Table;
import org.deepfig.config.Declared;
import org.deepfig.render.LayoutChecker;
import org.deepfig.render.SvgEncoder;
import org.junit.jupiter.api.Test;

/**
 * metrics and calibration show each slice beside the whole test set, in the table and in the charts: hand-made
 * prediction tables with two slices, every value and gap worked out by hand.
 */
class SliceFiguresTest {
  /** Images 0–3 are slice "day", 4–7 "night" (names in order of first appearance, as a CSV gives them). */
  static final MetricsSpec METRICS = Declared.defaults(MetricsSpec.class);

  static CalibrationSpec bins(int bins) {
    return Declared.create(CalibrationSpec.class, bins, null, null);
  }

  static final Slices DAY_NIGHT = new Slices(List.of("day", "night"), new int[] {0, 0, 0, 0, 1, 1, 1, 1});

  static List<String> texts(Figure f) {
    String svg = new String(new SvgEncoder().encode(f.drawing(), "{}"), StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("<text[^>]*>([^<]*)</text").matcher(svg);
    while (m.find()) out.add(m.group(1).trim());
    return out;
  }

  @Test
  void metricsShowAccuracyAndMacroF1OfEachSliceBesideTheWholeWithTheGap() {
    // ClassMetricsTest's table. Whole: accuracy 5/8, macro F1 28/45 = 0.6222.
    // day (images 0–3): labels 0 0 0 1, predicted 0 0 1 1: 3 right (75%). Classes present 0 and 1: class 0 P = 2/2,
    // R = 2/3, F1 = 0.8; class 1 P = 1/2, R = 1/1, F1 = 2/3; macro F1 = (0.8 + 2/3)/2 = 0.7333, gap +0.1111.
    // night (4–7): labels 1 2 2 2, predicted 0 2 1 2: 2 right (50%). Classes present 0, 1, 2: class 0 P = 0/1,
    // F1 0; class 1 P = 0/1, R = 0/1, F1 0; class 2 P = 2/2, R = 2/3, F1 0.8; macro F1 = 0.8/3 = 0.2667, gap −0.3556.
    Figure f = Metrics.slicesFigure(METRICS, ClassMetricsTest.TABLE, DAY_NIGHT);
    assertThat(f.id()).isEqualTo("metrics-slices");
    Table t = f.tables().get(0);
    assertThat(t.columns()).containsExactly("Slice", "Images", "Accuracy", "Gap (points)", "Macro F1", "Gap");
    assertThat(t.rows()).containsExactly(
        List.of("whole test set", "8", "62.5%", "", "0.622", ""),
        List.of("day", "4", "75.0%", "+12.5", "0.733", "+0.111"),
        List.of("night", "4", "50.0%", "-12.5", "0.267", "-0.356"));
    // the charts: categories with their image counts, each bar's value (%.2f, half up) and the gaps in points
    // (100 × (slice − whole), %+.1f): accuracy +12.5 and −12.5, macro F1 +11.1 and −35.6
    List<String> texts = texts(f);
    assertThat(texts).contains("whole test set (8)", "day (4)", "night (4)", "accuracy", "macro F1",
        "Accuracy and macro F1 by slice", "Gap to the whole test set");
    assertThat(texts).contains("0.63", "0.62", "0.75", "0.73", "0.50", "0.27");
    assertThat(texts).contains("+12.5", "+11.1", "-12.5", "-35.6");
    LayoutChecker.assertClean("metrics-slices", f.drawing());
  }

  /**
   * Two classes, probabilities exact in binary. day: four images at confidence 0.75 (class 0 predicted), three of
   * class 0 (right): accuracy 0.75 = confidence, ECE 0. night: four at 0.875, two right: ECE |0.5 − 0.875| = 0.375.
   */
  static final Predictions EXACT = Predictions.ofRows(new int[] {0, 0, 0, 1, 0, 0, 1, 1}, new double[][] {
      {0.75, 0.25}, {0.75, 0.25}, {0.75, 0.25}, {0.75, 0.25},
      {0.875, 0.125}, {0.875, 0.125}, {0.875, 0.125}, {0.875, 0.125}});

  @Test
  void calibrationShowsEceOfEachSliceBesideTheWholeWithTheGapAndOneCurvePerSlice() {
    // 4 bins (0, .25], (.25, .5], (.5, .75], (.75, 1]: whole = bin 3 (4 images, conf .75, acc .75, gap 0) and bin 4
    // (4 images, conf .875, acc .5, gap .375): ECE = 4/8 · 0 + 4/8 · .375 = 18.75%, MCE 37.5%.
    // day: ECE 0, gap 0 − 18.75 = −18.75 points; night: ECE 37.5%, gap +18.75.
    Figure f = Calibration.slicesFigure(bins(4), EXACT, DAY_NIGHT);
    assertThat(f.id()).isEqualTo("calibration-slices");
    Table t = f.tables().get(0);
    assertThat(t.columns()).containsExactly("Slice", "Images", "ECE", "Gap (points)", "MCE");
    assertThat(t.rows()).containsExactly(
        List.of("whole test set", "8", "18.75%", "", "37.50%"),
        List.of("day", "4", "0.00%", "-18.75", "0.00%"),
        List.of("night", "4", "37.50%", "+18.75", "37.50%"));
    List<String> texts = texts(f);
    // one reliability curve per slice, the whole first, in the legend with their counts
    assertThat(texts).contains("whole test set (8)", "day (4)", "night (4)", "perfect calibration", "ECE",
        "gap to the whole", "Reliability by slice", "ECE by slice");
    // the bars' values in percentage points (%.1f, half up): ECE 18.8, 0.0, 37.5; gaps 0.0, −18.8, +18.8
    assertThat(texts).contains("18.8", "0.0", "37.5", "-18.8");
    LayoutChecker.assertClean("calibration-slices", f.drawing());
  }

  @Test
  void twelveSlicesWithLongNamesStayLaidOutCleanly() {
    // 96 images: the table's images repeated 12 times, slice s holding copies s·8 … s·8 + 7
    int n = 96;
    int[] labels = new int[n];
    double[][] rows = new double[n][];
    int[] of = new int[n];
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      labels[i] = ClassMetricsTest.LABELS[i % 8];
      rows[i] = ClassMetricsTest.ROWS[(i + i / 8) % 8]; // a different mix per slice
      of[i] = i / 8;
    }
    for (int s = 0; s < 12; s++) names.add("camera site number " + s);
    Slices s = new Slices(names, of);
    Predictions p = Predictions.ofRows(labels, rows);
    LayoutChecker.assertClean("metrics-slices, 12 slices", Metrics.slicesFigure(METRICS, p, s).drawing());
    LayoutChecker.assertClean("calibration-slices, 12 slices", Calibration.slicesFigure(bins(10), p, s).drawing());
  }

  @Test
  void aSliceWithoutImagesIsNamedInANoteAndLeftOutOfTheCharts() {
    Slices s = new Slices(List.of("day", "night", "dusk"), new int[] {0, 0, 0, 0, 1, 1, 1, 1});
    Figure m = Metrics.slicesFigure(METRICS, ClassMetricsTest.TABLE, s);
    assertThat(m.tables().get(0).rows().get(3)).containsExactly("dusk", "0", "—", "—", "—", "—");
    assertThat(m.note()).isEqualTo("No test image is in the slice dusk (not drawn).");
    assertThat(texts(m)).doesNotContain("dusk (0)");
    Figure c = Calibration.slicesFigure(bins(4), EXACT, s);
    assertThat(c.note()).isEqualTo("No test image is in the slice dusk (not drawn).");
  }
}
