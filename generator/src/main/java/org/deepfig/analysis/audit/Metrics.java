package org.deepfig.analysis.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deepfig.UserError;
import org.deepfig.analysis.AnalysisKind;
import org.deepfig.analysis.Figure;
import org.deepfig.analysis.Parameters;
import org.deepfig.analysis.RunContext;
import org.deepfig.analysis.Table;
import org.deepfig.render.Charts;
import org.deepfig.render.Drawing;
import org.deepfig.render.Panels;

/**
 * The classification report of the test set: per-class precision, recall, F1 and support, sorted from the worst
 * class, with macro and weighted averages (and top-k accuracy with more than 10 classes); then one-vs-rest ROC and
 * precision-recall curves of chosen classes (default the five worst by F1) with AUC and average precision.
 */
public final class Metrics implements AnalysisKind<MetricsSpec> {
  @Override
  public boolean aggregates() {
    return true;
  }

  /** Over seeds: precision, recall and F1 per class as mean bars with ± sd error bars (ROC curves: first seed). */
  @Override
  public Figure aggregate(MetricsSpec spec, org.deepfig.analysis.SeedFigures runs) {
    var cols = runs.id().equals("metrics") ? runs.columns("Per class", List.of("Precision", "Recall", "F1"),
        List.of("accuracy", "macro average", "weighted average"), 1) : null;
    if (cols == null) return AnalysisKind.super.aggregate(spec, runs);
    Drawing bars = Charts.bar(new Charts.Frame("Precision, recall and F1 per class (mean over seeds)", "class",
        "score", Math.max(420, 36.0 * cols.keys().size()), 240), cols.keys(), cols.bars(c -> c.toLowerCase(
            Locale.ROOT).replace("f1", "F1")), cols.spreads(), null);
    return runs.with(bars, "Precision, recall and F1 per class on the test set, mean over " + runs.seedsText()
        + " with error bars of ± one sample standard deviation (n − 1); classes in the order of the first seed "
        + "(lowest F1 first). The table gives every number as mean ± sd.");
  }

  /** Points a drawn curve keeps at most (its area is computed from all of them). */
  static final int CURVE_POINTS = 120;

  @Override
  public String kind() {
    return "metrics";
  }

  @Override
  public Class<MetricsSpec> specType() {
    return MetricsSpec.class;
  }

  @Override
  public void check(MetricsSpec spec, org.deepfig.analysis.References refs) {
    refs.classNames("classes", spec.classes());
  }

  @Override
  public String description() {
    return "per-class precision, recall, F1 and support (sorted, bar chart), macro and weighted averages, top-k "
        + "accuracy; one-vs-rest ROC and precision-recall curves with AUC and average precision; with data.slices, "
        + "each slice's accuracy and macro F1 beside the whole test set with the gap";
  }

  @Override
  public List<org.deepfig.analysis.SharedAxes> sharedAxes(int runs) {
    return List.of(new org.deepfig.analysis.SharedAxes.Bars("Per class", "F1", "F1 per class", "F1"));
  }

  @Override
  public List<Figure> run(MetricsSpec spec, RunContext ctx) {
    Predictions p = Predictions.of(ctx.testEvaluation(), ctx.data().test());
    List<Figure> out = figures(spec, p, ctx.data().classNames());
    return Slices.withSliceFigure(ctx, out, slices -> slicesFigure(spec, p, slices));
  }

  /**
   * Each slice beside the whole test set: accuracy and macro F1 as grouped bars (the whole first), their gaps to the
   * whole as a second chart, and the table of counts, values and gaps.
   */
  static Figure slicesFigure(MetricsSpec spec, Predictions p, Slices slices) {
    ClassMetrics.Report whole = ClassMetrics.report(p);
    List<String> categories = new ArrayList<>();
    List<String> gapCategories = new ArrayList<>();
    List<double[]> values = new ArrayList<>();
    List<double[]> gaps = new ArrayList<>();
    categories.add("whole test set (" + p.size() + ")");
    values.add(new double[] {whole.accuracy(), whole.macro().f1()});
    List<String> empty = new ArrayList<>();
    for (Slices.Part part : slices.nonEmpty(empty)) {
      ClassMetrics.Report r = ClassMetrics.report(p.subset(part.members()));
      String name = part.label();
      categories.add(name);
      gapCategories.add(name);
      values.add(new double[] {r.accuracy(), r.macro().f1()});
      gaps.add(new double[] {100 * (r.accuracy() - whole.accuracy()), 100 * (r.macro().f1() - whole.macro().f1())});
    }
    List<Charts.Bars> bars = List.of(new Charts.Bars("accuracy", column(values, 0)),
        new Charts.Bars("macro F1", column(values, 1)));
    List<Charts.Bars> gapBars = List.of(new Charts.Bars("accuracy", column(gaps, 0)),
        new Charts.Bars("macro F1", column(gaps, 1)));
    // values on the bars while they fit; with many slices the table gives them
    boolean labelled = categories.size() <= MAX_LABELLED_SLICES + 1;
    Drawing valueChart = Charts.bar(new Charts.Frame("Accuracy and macro F1 by slice", "slice (test images)",
        "score", Math.max(320, 90.0 * categories.size()), 240), categories, bars,
        labelled ? v -> String.format(Locale.ROOT, "%.2f", v) : null);
    List<Drawing> panels = new ArrayList<>(List.of(valueChart));
    if (!gapCategories.isEmpty()) {
      panels.add(Charts.bar(new Charts.Frame("Gap to the whole test set", "slice (test images)",
          "slice − whole (points)", Math.max(320, 90.0 * gapCategories.size()), 240), gapCategories, gapBars,
          labelled ? v -> String.format(Locale.ROOT, "%+.1f", v) : null));
    }
    Map<String, String> params = params(spec, p).with("slices", slices.names()).map();
    String caption = String.format(Locale.ROOT, "Accuracy and macro-averaged F1 of each slice of the test set "
        + "(data.slices; images per slice in brackets) beside the whole test set (accuracy %s, macro F1 %.3f), and "
        + "each slice's gap to the whole (slice minus whole in points, F1 × 100: below 0 the model does worse on "
        + "the slice). A macro "
        + "average runs over the classes present in the slice.", pct(whole.accuracy()), whole.macro().f1());
    String note = empty.isEmpty() ? null : "No test image is in the slice" + (empty.size() == 1 ? " " : "s ")
        + String.join(", ", empty) + " (not drawn).";
    return new Figure("metrics-slices", "Metrics by slice", caption, params,
        panels.size() == 1 ? valueChart : Panels.grid(16, panels), List.of(bySlice(p, slices)), List.of(), note);
  }

  /** The options of every figure, all of the test set; top-k accuracy is reported beyond 10 classes only. */
  private static Parameters params(MetricsSpec spec, Predictions p) {
    return Parameters.of(spec).with("split", "test")
        .with("top_k", p.classes() > 10 ? Math.min(spec.topK(), p.classes()) : null);
  }

  /** Up to this many slices the slice charts write each bar's value on it. */
  static final int MAX_LABELLED_SLICES = 6;

  static double[] column(List<double[]> rows, int c) {
    double[] out = new double[rows.size()];
    for (int i = 0; i < out.length; i++) out[i] = rows.get(i)[c];
    return out;
  }

  /** Accuracy and macro F1 of each slice beside the whole test set, with the gap. */
  static Table bySlice(Predictions p, Slices slices) {
    ClassMetrics.Report whole = ClassMetrics.report(p);
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("whole test set", Integer.toString(p.size()), pct(whole.accuracy()), "",
        f3(whole.macro().f1()), ""));
    for (int s = 0; s < slices.names().size(); s++) {
      int[] members = slices.members(s);
      if (members.length == 0) {
        rows.add(List.of(slices.names().get(s), "0", "—", "—", "—", "—"));
        continue;
      }
      ClassMetrics.Report r = ClassMetrics.report(p.subset(members));
      rows.add(List.of(slices.names().get(s), Integer.toString(members.length), pct(r.accuracy()),
          String.format(Locale.ROOT, "%+.1f", 100 * (r.accuracy() - whole.accuracy())), f3(r.macro().f1()),
          String.format(Locale.ROOT, "%+.3f", r.macro().f1() - whole.macro().f1())));
    }
    return new Table("By slice (data.slices)", List.of("Slice", "Images", "Accuracy", "Gap (points)", "Macro F1",
        "Gap"), rows);
  }

  static List<Figure> figures(MetricsSpec spec, Predictions p, List<String> names) {
    ClassMetrics.Report r = ClassMetrics.report(p);
    List<ClassMetrics.PerClass> sorted = r.byF1();
    List<String> categories = new ArrayList<>();
    double[] precision = new double[sorted.size()];
    double[] recall = new double[sorted.size()];
    double[] f1 = new double[sorted.size()];
    List<List<String>> rows = new ArrayList<>();
    for (int j = 0; j < sorted.size(); j++) {
      ClassMetrics.PerClass c = sorted.get(j);
      categories.add(names.get(c.classIndex()));
      precision[j] = c.precision();
      recall[j] = c.recall();
      f1[j] = c.f1();
      rows.add(List.of(names.get(c.classIndex()), f3(c.precision()), f3(c.recall()), f3(c.f1()),
          Integer.toString(c.support())));
    }
    rows.add(List.of("accuracy", "", "", f3(r.accuracy()), Integer.toString(r.total())));
    rows.add(List.of("macro average", f3(r.macro().precision()), f3(r.macro().recall()), f3(r.macro().f1()),
        Integer.toString(r.total())));
    rows.add(List.of("weighted average", f3(r.weighted().precision()), f3(r.weighted().recall()),
        f3(r.weighted().f1()), Integer.toString(r.total())));
    List<Table> tables = new ArrayList<>();
    tables.add(new Table("Per class, lowest F1 first (test set)", List.of("Class", "Precision", "Recall", "F1",
        "Support"), rows));
    String topK = "";
    if (p.classes() > 10) {
      int k = Math.min(spec.topK(), p.classes());
      double acc = ClassMetrics.topK(p, k);
      tables.add(new Table("Top-k accuracy", List.of("k", "Accuracy"), List.of(List.of("1", pct(r.accuracy())),
          List.of(Integer.toString(k), pct(acc)))));
      topK = String.format(Locale.ROOT, " Top-%d accuracy %s.", k, pct(acc));
    }
    double width = Math.max(420, 36.0 * categories.size());
    Drawing bars = Charts.bar(new Charts.Frame("Precision, recall and F1 per class (lowest F1 first)", "class",
        "score", width, 240), categories, List.of(new Charts.Bars("precision", precision),
            new Charts.Bars("recall", recall), new Charts.Bars("F1", f1)));
    String caption = String.format(Locale.ROOT, "Precision (of the images predicted as the class, the share that "
        + "are), recall (of the class's images, the share predicted as it) and their harmonic mean F1 per class on "
        + "the %d test images, the class with the lowest F1 first. Accuracy %s, macro-averaged F1 %.3f, "
        + "support-weighted F1 %.3f.%s", r.total(), pct(r.accuracy()), r.macro().f1(), r.weighted().f1(), topK);
    List<Figure> out = new ArrayList<>();
    out.add(new Figure("metrics", "Per-class metrics", caption, params(spec, p).map(), bars, tables, List.of(),
        null));
    if (spec.curves()) out.add(curves(spec, p, names, sorted));
    return out;
  }

  private static Figure curves(MetricsSpec spec, Predictions p, List<String> names,
      List<ClassMetrics.PerClass> sorted) {
    List<Integer> chosen = new ArrayList<>();
    if (spec.classes() != null) {
      for (String n : spec.classes()) {
        int c = names.indexOf(n);
        if (c < 0) {
          throw new UserError("figures: metrics.classes", "no class named '" + n + "'",
              "use some of: " + String.join(", ", names));
        }
        if (!chosen.contains(c)) chosen.add(c);
      }
    } else {
      // only classes with test images have a curve: of 1,000 outputs most may have none
      for (ClassMetrics.PerClass pc : sorted) {
        if (chosen.size() == MetricsSpec.DEFAULT_CURVES) break;
        if (pc.support() > 0) chosen.add(pc.classIndex());
      }
    }
    List<Charts.Series> roc = new ArrayList<>();
    List<Charts.Series> pr = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    for (int c : chosen) {
      ClassMetrics.Curve r = ClassMetrics.roc(p, c);
      ClassMetrics.Curve q = ClassMetrics.precisionRecall(p, c);
      rows.add(List.of(names.get(c), f3(r.area()), f3(q.area()), Integer.toString(r.positives())));
      if (r.positives() == 0) continue; // a class without test images has no curve
      roc.add(thinned(names.get(c), r));
      pr.add(thinned(names.get(c), q));
    }
    roc.add(new Charts.Series("chance", new double[] {0, 1}, new double[] {0, 1}));
    Drawing rocChart = Charts.line(new Charts.Frame("ROC, one vs rest", "false-positive rate", "true-positive rate",
        300, 260), roc);
    Drawing prChart = Charts.line(new Charts.Frame("Precision-recall, one vs rest", "recall", "precision", 300, 260),
        pr);
    Table table = new Table("Area under the ROC curve and average precision, one vs rest", List.of("Class",
        "ROC AUC", "Average precision", "Test images"), rows);
    String which = spec.classes() != null ? "the classes named in the config"
        : "the " + chosen.size() + " classes with the lowest F1";
    String caption = "One-vs-rest ROC curves (false-positive vs true-positive rate as the threshold on the class's "
        + "probability falls) and precision-recall curves of " + which + ", on the test set; the table gives the "
        + "area under each ROC curve and the average precision (Σ (Rₙ − Rₙ₋₁) Pₙ over the thresholds).";
    Map<String, String> params = params(spec, p).with("classes", chosen.stream().map(names::get).toList()).map();
    return new Figure("metrics-curves", "ROC and precision-recall curves", caption, params,
        Panels.row(16, List.of(rocChart, prChart)), List.of(table), List.of(), null);
  }

  /** At most {@link #CURVE_POINTS} evenly spaced points of the curve, its first and last among them. */
  static Charts.Series thinned(String name, ClassMetrics.Curve c) {
    int n = c.x().length;
    int m = Math.min(n, CURVE_POINTS);
    double[] x = new double[m];
    double[] y = new double[m];
    for (int j = 0; j < m; j++) {
      int i = m == 1 ? 0 : (int) Math.round((double) j * (n - 1) / (m - 1));
      x[j] = c.x()[i];
      y[j] = c.y()[i];
    }
    return new Charts.Series(name, x, y);
  }

  static String f3(double v) {
    return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.3f", v);
  }

  static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }
}
