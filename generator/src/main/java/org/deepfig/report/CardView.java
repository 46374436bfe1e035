package org.deepfig.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deepfig.analysis.audit.CalibrationMeasures;
import org.deepfig.analysis.audit.ClassMetrics;
import org.deepfig.analysis.audit.Predictions;
import org.deepfig.config.CardConfig;

/**
 * The model card as the templates show it: the config's fields (raw user text, escaped by the templates; a field
 * not given says so) and the numbers measured on the test set.
 *
 * @param missing the YAML keys of the fields not given
 */
public record CardView(List<Field> fields, List<ReportView.Row> measured, List<String> missing) {
  /** Shown when a field is not given. */
  public static final String NOT_GIVEN = "not given";
  /** Bins of the expected calibration error on the card (Guo et al.'s 15, the calibration figure's default). */
  public static final int ECE_BINS = 15;

  /** @param text the user's text, or {@link #NOT_GIVEN} when {@code given} is false */
  public record Field(String name, String text, boolean given) {}

  public static CardView of(CardConfig card, Predictions test) {
    List<Field> fields = new ArrayList<>();
    card.fields().forEach((key, v) -> fields.add(new Field(v[0], v[1] == null ? NOT_GIVEN : v[1], v[1] != null)));
    ClassMetrics.Report r = ClassMetrics.report(test);
    CalibrationMeasures.Reliability cal = CalibrationMeasures.reliability(test, ECE_BINS);
    List<ReportView.Row> measured = List.of(
        new ReportView.Row("Test accuracy", ReportViews.pct(r.accuracy())),
        new ReportView.Row("Macro-averaged F1", String.format(Locale.ROOT, "%.3f", r.macro().f1())),
        new ReportView.Row("Expected calibration error (" + ECE_BINS + " bins)",
            String.format(Locale.ROOT, "%.2f%%", 100 * cal.ece())),
        new ReportView.Row("Test images", String.format(Locale.ROOT, "%,d", test.size())));
    return new CardView(fields, measured, card.missing());
  }
}
