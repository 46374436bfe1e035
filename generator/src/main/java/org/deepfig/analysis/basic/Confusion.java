package org.deepfig.analysis.basic;

import java.util.ArrayList;
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
import org.deepfig.analysis.RunContext;
import org.deepfig.analysis.Table;
import org.deepfig.render.FigureStyle;
import org.deepfig.render.HeatmapDrawing;
import org.deepfig.train.Evaluation;

/** The confusion matrix of the test set (rows: true class, columns: predicted) and per-class accuracy. */
public final class Confusion implements AnalysisKind<ConfusionSpec> {
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
    return "confusion matrix on the test set, per-class accuracy table";
  }

  @Override
  public List<Figure> run(ConfusionSpec spec, RunContext ctx) {
    Evaluation eval = ctx.testEvaluation();
    List<String> names = ctx.data().classNames();
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
    rows.add(List.of("all classes", Integer.toString(eval.predicted().length),
        Long.toString(Math.round(eval.accuracy() * eval.predicted().length)),
        String.format(Locale.ROOT, "%.1f%%", 100 * eval.accuracy())));
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
    return List.of(new Figure("confusion", "Confusion matrix", caption,
        Map.of("normalise", spec.normalise().toString(), "split", "test"), drawing, List.of(table), hotspots,
        null, thumbs));
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
        hotspots.add(new Hotspot(r.getX(), r.getY(), r.getWidth(), r.getHeight(), what + " · most confident: " + list,
            images.size()));
        images.add(Rasters.ofImage(set.image(ex.get(0)), set.channels(), set.height(), set.width()));
      }
    }
    return images.isEmpty() ? null : Thumbnails.of(images);
  }
}
