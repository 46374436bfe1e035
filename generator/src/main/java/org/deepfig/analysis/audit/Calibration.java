package org.deepfig.analysis.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.deepfig.analysis.AnalysisKind;
import org.deepfig.analysis.Figure;
import org.deepfig.analysis.Parameters;
import org.deepfig.analysis.RunContext;
import org.deepfig.analysis.Table;
import org.deepfig.render.Charts;
import org.deepfig.render.Drawing;
import org.deepfig.render.Panels;

/**
 * Whether the model's confidence can be trusted (Guo et al. 2017): the reliability diagram (accuracy against mean
 * confidence per bin, the diagonal being perfect calibration), ECE and MCE, and how confident right and wrong
 * predictions are; optionally a temperature fitted on a seeded held-out part of the test set and the other part
 * shown before and after.
 */
public final class Calibration implements AnalysisKind<CalibrationSpec> {
  /** Over seeds: the tables as mean ± sd, the reliability diagram of the first seed. */
  @Override
  public boolean aggregates() {
    return true;
  }

  @Override
  public String kind() {
    return "calibration";
  }

  @Override
  public Class<CalibrationSpec> specType() {
    return CalibrationSpec.class;
  }

  @Override
  public String description() {
    return "reliability diagram with bin counts, expected and maximum calibration error, confidence of right vs "
        + "wrong predictions; optional temperature scaling fitted on a held-out part of the test set; with "
        + "data.slices, a reliability curve and ECE per slice beside the whole test set with the gap";
  }

  @Override
  public List<org.deepfig.analysis.SharedAxes> sharedAxes(int runs) {
    return List.of(new org.deepfig.analysis.SharedAxes.Lines("Reliability bins", "Mean confidence",
        List.of("Accuracy"), "Reliability diagram", "mean confidence in bin", "accuracy in bin", false, 1,
        new org.deepfig.render.Charts.Series("perfect calibration", new double[] {0, 1}, new double[] {0, 1})));
  }

  @Override
  public List<Figure> run(CalibrationSpec spec, RunContext ctx) {
    Predictions p = Predictions.of(ctx.testEvaluation(), ctx.data().test());
    Figure f = figure(spec, p, ctx.seed("calibration", 0));
    return Slices.withSliceFigure(ctx, List.of(f), slices -> slicesFigure(spec, p, slices));
  }

  /**
   * Each slice beside the whole test set: one reliability curve per slice (the whole first), ECE and its gap to the
   * whole as bars, and the table of counts, ECE, gaps and MCE.
   */
  static Figure slicesFigure(CalibrationSpec spec, Predictions p, Slices slices) {
    int bins = spec.bins();
    CalibrationMeasures.Reliability whole = CalibrationMeasures.reliability(p, bins);
    List<Charts.Series> curves = new ArrayList<>();
    curves.add(points("whole test set (" + p.size() + ")", whole));
    List<String> categories = new ArrayList<>();
    List<Double> ece = new ArrayList<>();
    List<Double> gap = new ArrayList<>();
    categories.add("whole test set (" + p.size() + ")");
    ece.add(100 * whole.ece());
    gap.add(0.0);
    List<String> empty = new ArrayList<>();
    for (Slices.Part part : slices.nonEmpty(empty)) {
      CalibrationMeasures.Reliability r = CalibrationMeasures.reliability(p.subset(part.members()), bins);
      String name = part.label();
      curves.add(points(name, r));
      categories.add(name);
      ece.add(100 * r.ece());
      gap.add(100 * (r.ece() - whole.ece()));
    }
    Drawing diagram = Charts.line(new Charts.Frame("Reliability by slice", "mean confidence in bin",
        "accuracy in bin", 300, 260), curves, new Charts.Series("perfect calibration", new double[] {0, 1},
            new double[] {0, 1}));
    Drawing bars = Charts.bar(new Charts.Frame("ECE by slice", "slice (test images)", "percentage points",
        Math.max(300, 90.0 * categories.size()), 260), categories, List.of(
            new Charts.Bars("ECE", ece.stream().mapToDouble(Double::doubleValue).toArray()),
            new Charts.Bars("gap to the whole", gap.stream().mapToDouble(Double::doubleValue).toArray())),
        categories.size() <= Metrics.MAX_LABELLED_SLICES + 1 ? v -> String.format(Locale.ROOT, "%.1f", v) : null);
    Map<String, String> params = params(spec).with("slices", slices.names()).map();
    String caption = String.format(Locale.ROOT, "Calibration of each slice of the test set (data.slices; images "
        + "per slice in brackets) beside the whole test set: one reliability curve per slice (%d equal-width "
        + "confidence bins; below the diagonal is over-confident), and each slice's expected calibration error "
        + "with its gap to the whole's %.2f%% (slice minus whole, in percentage points).", bins, 100 * whole.ece());
    String note = empty.isEmpty() ? null : "No test image is in the slice" + (empty.size() == 1 ? " " : "s ")
        + String.join(", ", empty) + " (not drawn).";
    return new Figure("calibration-slices", "Calibration by slice", caption, params,
        Panels.grid(16, List.of(diagram, bars)), List.of(bySlice(p, slices, bins)), List.of(), note);
  }

  /** ECE and MCE of each slice beside the whole test set, with the gap. */
  static Table bySlice(Predictions p, Slices slices, int bins) {
    CalibrationMeasures.Reliability whole = CalibrationMeasures.reliability(p, bins);
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("whole test set", Integer.toString(p.size()), pc2(whole.ece()), "", pc2(whole.mce())));
    for (int s = 0; s < slices.names().size(); s++) {
      int[] members = slices.members(s);
      if (members.length == 0) {
        rows.add(List.of(slices.names().get(s), "0", "—", "—", "—"));
        continue;
      }
      CalibrationMeasures.Reliability r = CalibrationMeasures.reliability(p.subset(members), bins);
      rows.add(List.of(slices.names().get(s), Integer.toString(members.length), pc2(r.ece()),
          String.format(Locale.ROOT, "%+.2f", 100 * (r.ece() - whole.ece())), pc2(r.mce())));
    }
    return new Table("By slice (data.slices)", List.of("Slice", "Images", "ECE", "Gap (points)", "MCE"), rows);
  }

  private static String pc2(double v) {
    return String.format(Locale.ROOT, "%.2f%%", 100 * v);
  }

  /** The fitting part and the evaluated part of the test set: a seeded shuffle, the first share fits. */
  static int[][] split(int n, double heldOut, long seed) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int fit = (int) Math.round(n * heldOut);
    int[] a = java.util.Arrays.copyOfRange(order, 0, fit);
    int[] b = java.util.Arrays.copyOfRange(order, fit, n);
    java.util.Arrays.sort(a);
    java.util.Arrays.sort(b);
    return new int[][] {a, b};
  }

  /** The options of every figure, all of the test set; held_out only with temperature scaling. */
  private static Parameters params(CalibrationSpec spec) {
    Parameters p = Parameters.of(spec).with("split", "test");
    return spec.temperatureScaling() ? p : p.without("held_out");
  }

  static Figure figure(CalibrationSpec spec, Predictions p, long seed) {
    int bins = spec.bins();
    CalibrationMeasures.Reliability whole = CalibrationMeasures.reliability(p, bins);
    List<Charts.Series> reliability = new ArrayList<>();
    List<List<String>> summary = new ArrayList<>();
    Parameters params = params(spec);
    String scaling = "";
    CalibrationMeasures.Reliability shown = whole;
    summary.add(row("whole test set", p, 1, whole));
    if (spec.temperatureScaling() && p.size() >= 4) {
      int[][] parts = split(p.size(), spec.heldOut(), seed);
      Predictions fit = p.subset(parts[0]);
      Predictions rest = p.subset(parts[1]);
      double t = CalibrationMeasures.fitTemperature(fit);
      Predictions after = CalibrationMeasures.scaled(rest, t);
      CalibrationMeasures.Reliability before = CalibrationMeasures.reliability(rest, bins);
      CalibrationMeasures.Reliability scaled = CalibrationMeasures.reliability(after, bins);
      summary.add(row("evaluated part, before (T = 1)", rest, 1, before));
      summary.add(row(String.format(Locale.ROOT, "evaluated part, after (T = %.3f)", t), rest, t, scaled));
      reliability.add(points("before (T = 1)", before));
      reliability.add(points(String.format(Locale.ROOT, "after (T = %.2f)", t), scaled));
      params.with("temperature", String.format(Locale.ROOT, "%.4f", t));
      scaling = String.format(Locale.ROOT, " Temperature scaling: T = %.3f, fitted (lowest negative log-likelihood) "
          + "on %d test images chosen at random (seeded); on the other %d images ECE goes from %.2f%% to %.2f%%.",
          t, fit.size(), rest.size(), 100 * before.ece(), 100 * scaled.ece());
      shown = before;
    } else {
      reliability.add(points("model", whole));
    }
    reliability.add(new Charts.Series("perfect calibration", new double[] {0, 1}, new double[] {0, 1}));
    Drawing diagram = Charts.line(new Charts.Frame("Reliability diagram", "mean confidence in bin",
        "accuracy in bin", 300, 260), reliability);
    List<String> labels = new ArrayList<>();
    double[] right = new double[bins];
    double[] wrong = new double[bins];
    for (int b = 0; b < bins; b++) {
      CalibrationMeasures.Bin bin = whole.bins().get(b);
      labels.add(String.format(Locale.ROOT, "%.2f", bin.hi()));
      right[b] = bin.correct();
      wrong[b] = bin.count() - bin.correct();
    }
    Drawing histogram = Charts.bar(new Charts.Frame("Confidence of right and wrong predictions",
        "confidence bin (upper edge)", "test images", Math.max(300, 22.0 * bins), 260), labels,
        List.of(new Charts.Bars("right", right), new Charts.Bars("wrong", wrong)));
    List<List<String>> binRows = new ArrayList<>();
    for (CalibrationMeasures.Bin bin : whole.bins()) {
      binRows.add(List.of(String.format(Locale.ROOT, "(%.3f, %.3f]", bin.lo(), bin.hi()), Integer.toString(bin.count()),
          Integer.toString(bin.correct()), Metrics.f3(bin.meanConfidence()), Metrics.f3(bin.accuracy()),
          bin.count() == 0 ? "—" : Metrics.f3(bin.accuracy() - bin.meanConfidence())));
    }
    List<Table> tables = List.of(
        new Table("Calibration errors", List.of("Test images", "Count", "Accuracy", "ECE", "MCE", "NLL"), summary),
        new Table("Reliability bins, whole test set", List.of("Confidence", "Images", "Right", "Mean confidence",
            "Accuracy", "Accuracy − confidence"), binRows));
    String caption = String.format(Locale.ROOT, "Reliability diagram of the %d test images: in each of %d "
        + "equal-width bins of the predicted class's probability, the share predicted right against the mean "
        + "probability; points below the diagonal are over-confident. Expected calibration error (the bins' gaps "
        + "weighted by their images) %.2f%%, maximum %.2f%%. Beside it, how many right and wrong predictions fall in "
        + "each bin (the bin counts).%s", p.size(), bins, 100 * whole.ece(), 100 * whole.mce(), scaling);
    if (shown != whole) caption += " The diagram shows the evaluated part before and after scaling.";
    return new Figure("calibration", "Calibration", caption, params.map(), Panels.row(16, List.of(diagram, histogram)),
        tables, List.of(), null);
  }

  private static List<String> row(String name, Predictions p, double t, CalibrationMeasures.Reliability r) {
    int right = 0;
    for (int i = 0; i < p.size(); i++) if (p.correct(i)) right++;
    return List.of(name, Integer.toString(p.size()), Metrics.pct(p.size() == 0 ? 0 : (double) right / p.size()),
        String.format(Locale.ROOT, "%.2f%%", 100 * r.ece()), String.format(Locale.ROOT, "%.2f%%", 100 * r.mce()),
        String.format(Locale.ROOT, "%.4f", CalibrationMeasures.nll(p, t)));
  }

  /** The non-empty bins as (mean confidence, accuracy) points. */
  private static Charts.Series points(String name, CalibrationMeasures.Reliability r) {
    List<double[]> pts = new ArrayList<>();
    for (CalibrationMeasures.Bin b : r.bins()) if (b.count() > 0) pts.add(new double[] {b.meanConfidence(), b.accuracy()});
    double[] x = new double[pts.size()];
    double[] y = new double[pts.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = pts.get(i)[0];
      y[i] = pts.get(i)[1];
    }
    return new Charts.Series(name, x, y);
  }
}
