package org.deepfig.analysis.basic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import org.deepfig.analysis.AnalysisKind;
import org.deepfig.analysis.Hotspot;
import org.deepfig.analysis.Thumbnails;
import org.deepfig.analysis.audit.MistakeSearch;
import org.deepfig.analysis.audit.Predictions;
import org.deepfig.data.ImageSet;
import org.deepfig.render.Rasters;
import org.deepfig.analysis.Figure;
import org.deepfig.analysis.Parameters;
import org.deepfig.analysis.RunContext;
import org.deepfig.analysis.Table;
import org.deepfig.render.Charts;
import org.deepfig.render.FigureStyle;
import org.deepfig.render.HeatmapDrawing;
import org.deepfig.train.Evaluation;

/**
 * The confusion matrix of the test set (rows: true class, columns: predicted) and per-class accuracy. Above
 * {@code max_matrix_classes} classes a matrix is unreadable (1,000 ImageNet classes are a million cells): the figure
 * is then the most-confused pairs as bars and a per-class table sorted from the worst class, and the matrix itself is
 * written beside it as {@code confusion.csv}.
 */
public final class Confusion implements AnalysisKind<ConfusionSpec> {
  @Override
  public boolean aggregates() {
    return true;
  }

  /**
   * Over seeds: per-class accuracy as mean bars with ± sd error bars (a confusion matrix per seed would be a
   * picture; the first seed's is in its own report).
   */
  @Override
  public Figure aggregate(ConfusionSpec spec, org.deepfig.analysis.SeedFigures runs) {
    var cols = runs.columns("Per-class accuracy", List.of("Accuracy"), List.of(), 1);
    if (cols == null) return AnalysisKind.super.aggregate(spec, runs);
    // no value labels: they would cross the error bars (the numbers are in the table)
    var chart = Charts.bar(new Charts.Frame(FigureStyle.figureTitle("Per-class accuracy (mean over seeds)"),
        "class", "accuracy (%)", Math.max(420, 30.0 * cols.keys().size()), 240), cols.keys(),
        cols.bars(c -> "accuracy"), cols.spreads(), null);
    return runs.with(chart, "Accuracy (recall) per class on the test set, mean over " + runs.seedsText()
        + " with error bars of ± one sample standard deviation (n − 1); the table gives each as mean ± sd. The "
        + "confusion matrix itself is a picture of one network: run a single seed to see it.");
  }

  @Override
  public String kind() {
    return "confusion";
  }

  @Override
  public Class<ConfusionSpec> specType() {
    return ConfusionSpec.class;
  }

  @Override
  public String description() {
    return "confusion matrix on the test set, per-class accuracy table (many classes: most-confused pairs, sorted "
        + "table, the matrix as CSV)";
  }

  @Override
  public List<org.deepfig.analysis.SharedAxes> sharedAxes(int runs) {
    return List.of(new org.deepfig.analysis.SharedAxes.Bars("Per-class accuracy", "Accuracy", "Per-class accuracy",
        "accuracy (%)"));
  }

  @Override
  public List<Figure> run(ConfusionSpec spec, RunContext ctx) {
    Evaluation eval = ctx.testEvaluation();
    List<String> names = ctx.data().classNames();
    if (eval.confusion().length > spec.maxMatrixClasses()) return List.of(pairs(spec, eval, names));
    return List.of(matrix(spec, ctx, eval, names));
  }

  private static Figure matrix(ConfusionSpec spec, RunContext ctx, Evaluation eval, List<String> names) {
    long[][] counts = eval.confusion();
    int k = counts.length;
    double[][] values = new double[k][k];
    for (int i = 0; i < k; i++) {
      long row = 0;
      for (long v : counts[i]) row += v;
      for (int j = 0; j < k; j++) {
        values[i][j] = spec.normalise() ? (row == 0 ? 0 : (double) counts[i][j] / row) : counts[i][j];
      }
    }
    HeatmapDrawing drawing = HeatmapDrawing.builder(values)
        .setRowLabels(names)
        .setColumnLabels(names)
        .optTitle(FigureStyle.figureTitle("Confusion matrix (test set)"))
        .optAxisTitles("True class", "Predicted class")
        .optColourBarLabel(spec.normalise() ? "share of true class" : "images")
        .optValueFormat(spec.normalise() ? v -> String.format(Locale.ROOT, "%.2f", v) : v -> Long.toString(Math.round(v)))
        .build();
    double[] perClass = eval.perClassAccuracy();
    List<List<String>> rows = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      long row = 0;
      for (long v : counts[c]) row += v;
      rows.add(List.of(names.get(c), Long.toString(row), Long.toString(counts[c][c]),
          Double.isNaN(perClass[c]) ? "—" : String.format(Locale.ROOT, "%.1f%%", 100 * perClass[c])));
    }
    rows.add(allRow(eval));
    Table table = new Table("Per-class accuracy (recall) on the test set",
        List.of("Class", "Test images", "Correct", "Accuracy"), rows);
    String caption = String.format(Locale.ROOT,
        "Confusion matrix of the %d test images: row = true class, column = predicted class; %s. "
            + "Overall test accuracy %.1f%%.", eval.predicted().length,
        spec.normalise() ? "cells coloured by the share of the row's images" : "cells show image counts",
        100 * eval.accuracy());
    List<Hotspot> hotspots = new ArrayList<>();
    Thumbnails thumbs = k > MAX_HOVER_CLASSES ? null : cellExamples(ctx, drawing, counts, names, hotspots);
    if (thumbs != null) {
      caption += " Hover a cell for its count and its most confident examples, the first one shown.";
    }
    return new Figure("confusion", "Confusion matrix", caption,
        Parameters.of(spec).with("split", "test").map(), drawing, List.of(table), hotspots,
        null, thumbs).withAttachments(List.of(matrixJson(names, counts)));
  }

  /**
   * The matrix's counts as {@code confusion.json} ({"classes": [...], "counts": [[...]]}, rows the true class), so
   * that {@code deepfig diff} can draw two runs' matrices on one colour scale and their difference.
   */
  static Figure.Attachment matrixJson(List<String> names, long[][] counts) {
    var json = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    var classes = json.putArray("classes");
    names.forEach(classes::add);
    var rows = json.putArray("counts");
    for (long[] row : counts) {
      var r = rows.addArray();
      for (long v : row) r.add(v);
    }
    return new Figure.Attachment(".json", "json", (json.toString() + "\n").getBytes(
        java.nio.charset.StandardCharsets.UTF_8));
  }


  private static List<String> allRow(Evaluation eval) {
    return List.of("all classes", Integer.toString(eval.predicted().length),
        Long.toString(Math.round(eval.accuracy() * eval.predicted().length)),
        String.format(Locale.ROOT, "%.1f%%", 100 * eval.accuracy()));
  }

  /** One off-diagonal cell: {@code count} test images of class {@code truth} predicted as {@code predicted}. */
  record Pair(int truth, int predicted, long count) {}

  /** The off-diagonal cells with the most images, most first; ties by true class, then predicted class. */
  static List<Pair> mostConfused(long[][] counts, int n) {
    List<Pair> all = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      for (int j = 0; j < counts.length; j++) if (i != j && counts[i][j] > 0) all.add(new Pair(i, j, counts[i][j]));
    }
    all.sort(Comparator.comparingLong((Pair p) -> -p.count()).thenComparingInt(Pair::truth)
        .thenComparingInt(Pair::predicted));
    return all.subList(0, Math.min(n, all.size()));
  }

  /**
   * The classes from the worst recall to the best (ties by name order), classes without test images last; each with
   * the class it is most often taken for.
   */
  static List<Integer> byAccuracy(Evaluation eval) {
    double[] acc = eval.perClassAccuracy();
    List<Integer> order = new ArrayList<>();
    for (int c = 0; c < acc.length; c++) order.add(c);
    order.sort(Comparator.comparingDouble((Integer c) -> Double.isNaN(acc[c]) ? Double.MAX_VALUE : acc[c])
        .thenComparingInt(c -> c));
    return order;
  }

  private static Figure pairs(ConfusionSpec spec, Evaluation eval, List<String> names) {
    long[][] counts = eval.confusion();
    int k = counts.length;
    List<Pair> top = mostConfused(counts, spec.pairs());
    List<String> categories = new ArrayList<>();
    double[] values = new double[top.size()];
    for (int i = 0; i < top.size(); i++) {
      Pair p = top.get(i);
      categories.add(shortName(names.get(p.truth())) + " → " + shortName(names.get(p.predicted())));
      values[i] = p.count();
    }
    double width = Math.min(FigureStyle.current().layoutWidth(), Math.max(360, 26 * top.size() + 120));
    var chart = top.isEmpty() ? null : Charts.bar(new Charts.Frame(FigureStyle.figureTitle("Most-confused class "
        + "pairs (test set)"), "true class → predicted class", "test images", width, 340), categories,
        List.of(new Charts.Bars("images", values)), v -> Long.toString(Math.round(v)));
    double[] acc = eval.perClassAccuracy();
    List<List<String>> rows = new ArrayList<>();
    for (int c : byAccuracy(eval)) {
      long row = 0;
      int mostTaken = -1;
      for (int j = 0; j < k; j++) {
        row += counts[c][j];
        if (j != c && counts[c][j] > 0 && (mostTaken < 0 || counts[c][j] > counts[c][mostTaken])) mostTaken = j;
      }
      rows.add(List.of(names.get(c), Long.toString(row), Long.toString(counts[c][c]),
          Double.isNaN(acc[c]) ? "—" : String.format(Locale.ROOT, "%.1f%%", 100 * acc[c]),
          mostTaken < 0 ? "—" : names.get(mostTaken) + " (" + counts[c][mostTaken] + ")"));
    }
    List<String> all = new ArrayList<>(allRow(eval));
    all.add("—");
    rows.add(all);
    Table table = new Table("Per-class accuracy (recall) on the test set, worst first",
        List.of("Class", "Test images", "Correct", "Accuracy", "Most often taken for"), rows);
    List<List<String>> pairRows = new ArrayList<>();
    for (Pair p : top) {
      long row = 0;
      for (long v : counts[p.truth()]) row += v;
      pairRows.add(List.of(names.get(p.truth()), names.get(p.predicted()), Long.toString(p.count()),
          String.format(Locale.ROOT, "%.1f%%", 100.0 * p.count() / row)));
    }
    // each pair's row links to its examples in the mistakes figure, when that figure shows them
    Table pairTable = new Table("Most-confused pairs", List.of("True class", "Predicted as", "Test images",
        "Share of the true class"), pairRows, top.stream().map(p -> MistakeSearch.anchor(p.truth(), p.predicted()))
            .toList());
    Map<String, String> params = Parameters.of(spec).with("split", "test").with("classes", k).map();
    String caption = String.format(Locale.ROOT, "%d classes are too many for a readable %d×%d confusion matrix "
        + "(more than max_matrix_classes = %d): the bars are the %d most-confused pairs of the %d test images (true "
        + "class → predicted class, images), the table lists every class from the lowest accuracy up with the class "
        + "it is most often taken for (long class names are cut short on the axis, whole in the tables). The full "
        + "matrix (rows: true class, columns: predicted, image counts) is in confusion.csv beside this figure. "
        + "Overall test accuracy %.1f%%.", k, k, k, spec.maxMatrixClasses(),
        top.size(), eval.predicted().length, 100 * eval.accuracy());
    String note = top.isEmpty() ? "No test image is misclassified, so there is no confused pair to draw." : null;
    return new Figure("confusion", "Most-confused classes", caption, params, chart, List.of(pairTable, table),
        List.of(), note, null, List.of(new Figure.Attachment(".csv", "csv", csv(counts, names))));
  }

  /** A class name short enough for an axis label (ImageNet's run to 80 characters); the tables give it whole. */
  static String shortName(String name) {
    return name.length() <= LABEL_CHARS ? name : name.substring(0, LABEL_CHARS - 1).strip() + "…";
  }

  private static final int LABEL_CHARS = 18;

  /** The matrix as CSV: a header of predicted classes, then one row per true class; names quoted as RFC 4180 says. */
  static byte[] csv(long[][] counts, List<String> names) {
    StringBuilder sb = new StringBuilder("true \\ predicted");
    for (String n : names) sb.append(',').append(quote(n));
    sb.append("\r\n");
    for (int i = 0; i < counts.length; i++) {
      sb.append(quote(names.get(i)));
      for (long v : counts[i]) sb.append(',').append(v);
      sb.append("\r\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String quote(String s) {
    boolean plain = s.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')
        && !s.startsWith("=") && !s.startsWith("+") && !s.startsWith("-") && !s.startsWith("@");
    return plain ? s : "\"" + (s.matches("^[=+\\-@].*") ? "'" : "") + s.replace("\"", "\"\"") + "\"";
  }

  /** Up to this many classes, each cell of the matrix has a hover note with its examples. */
  static final int MAX_HOVER_CLASSES = 20;
  /** Examples a cell's hover note names. */
  static final int HOVER_EXAMPLES = 4;

  /**
   * A hover note per non-empty cell: its count and its most confident examples (test image index and the predicted
   * class's probability), the first of them as a thumbnail; null when no cell has images.
   */
  private static Thumbnails cellExamples(RunContext ctx, HeatmapDrawing drawing, long[][] counts, List<String> names,
      List<Hotspot> hotspots) {
    Predictions p = Predictions.of(ctx.testEvaluation(), ctx.data().test());
    ImageSet set = ctx.data().test();
    if (set.vectors()) return null; // points, not pictures: the hover text names them
    List<BufferedImage> images = new ArrayList<>();
    for (int t = 0; t < counts.length; t++) {
      for (int q = 0; q < counts.length; q++) {
        if (counts[t][q] == 0) continue;
        final int predicted = q;
        List<Integer> ex = MistakeSearch.ofPair(p, t, q, HOVER_EXAMPLES);
        String what = t == q ? names.get(t) + " predicted right: " + counts[t][q] + " images"
            : names.get(t) + " predicted as " + names.get(q) + ": " + counts[t][q] + " images";
        String list = String.join(", ", ex.stream().map(i -> String.format(Locale.ROOT, "#%d (%.0f%%)", i,
            100 * p.p(i, predicted))).toList());
        Rectangle2D r = drawing.cellBounds(t, q);
        // an off-diagonal cell links to its pair's examples in the mistakes figure (the report drops the link when
        // that figure does not show the pair)
        hotspots.add(new Hotspot(r.getX(), r.getY(), r.getWidth(), r.getHeight(), what + " · most confident: " + list,
            images.size(), null, t == q ? null : MistakeSearch.anchor(t, q)));
        images.add(Rasters.ofImage(set.image(ex.get(0)), set.channels(), set.height(), set.width()));
      }
    }
    return images.isEmpty() ? null : Thumbnails.of(images);
  }
}
