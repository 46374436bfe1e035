package org.deepfig.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.deepfig.analysis.RenderedFigure;
import org.deepfig.provenance.RunManifest;
import org.deepfig.config.ExperimentConfig;
import org.deepfig.config.TrainConfig;
import org.deepfig.data.Dataset;
import org.deepfig.provenance.RunProvenance;
import org.deepfig.report.ReportView.Row;
import org.deepfig.train.Evaluation;
import org.deepfig.train.TrainedNetwork;

/** Assembles the template models from run results: all the formatting decisions, where they can be tested. */
public final class ReportViews {
  private static final ObjectMapper TREES = org.deepfig.provenance.Json.plain();
  static final double DISPLAY_SCALE = 1.6;
  /** Pages show a figure's SVG up to this size; a larger one (embedded rasters, thousands of points) as PNG. */
  static final long SVG_MAX_BYTES = 256 * 1024;

  private ReportViews() {}

  /** @param files the figure's files as written in the report folder (relative paths), SVG, PDF, PNG order */
  public static FigureView figure(RenderedFigure f, List<RunManifest.FileRecord> files) {
    String png = null;
    String png2x = null;
    String svg = null;
    String pdf = null;
    for (RunManifest.FileRecord r : files) {
      if (r.path().endsWith("@2x.png")) png2x = r.path();
      else if (r.path().endsWith(".png")) png = r.path();
      else if (r.path().endsWith(".svg")) svg = r.path();
      else if (r.path().endsWith(".pdf")) pdf = r.path();
    }
    List<FigureView.Parameter> params = new ArrayList<>();
    new TreeMap<>(f.parameters()).forEach((k, v) -> params.add(new FigureView.Parameter(k, v)));
    int columns = f.thumbnails() == null ? 0 : f.thumbnails().columns();
    List<FigureView.HotspotView> hotspots = f.width() == 0 ? List.of()
        : f.hotspots().stream().map(hs -> FigureView.HotspotView.of(hs, f.width(), f.height(), columns)).toList();
    FigureView.ThumbnailsView thumbs = f.thumbnails() == null ? null : new FigureView.ThumbnailsView(
        f.thumbnails().dataUri(), null, f.thumbnails().columns() * FigureView.THUMB,
        f.thumbnails().rows() * FigureView.THUMB);
    // shown at 1.6 CSS pixels per point (about 100% zoom of a printed figure), scaled down on narrow screens
    return new FigureView(f.id(), f.kind(), f.title(), f.caption(), params, png, png2x, svg, pdf, false,
        f.width() * DISPLAY_SCALE, f.height() * DISPLAY_SCALE, Double.NaN, f.tables(), hotspots, f.note(), thumbs);
  }

  /**
   * What only the written files tell: whether each figure's SVG is small enough to show instead of its PNG, and the
   * size of its smallest text (read from the SVG).
   */
  public static ReportView measured(Path reportDir, ReportView view) throws IOException {
    List<FigureView> out = new ArrayList<>();
    for (FigureView f : view.figures()) {
      if (f.svg() == null) {
        out.add(f);
        continue;
      }
      Path file = reportDir.resolve(f.svg());
      String svg = Files.readString(file);
      boolean small = Files.size(file) <= SVG_MAX_BYTES || f.png() == null;
      out.add(new FigureView(f.id(), f.kind(), f.title(), f.caption(), f.parameters(), f.png(), f.png2x(), f.svg(),
          f.pdf(), small, f.width(), f.height(), SvgText.smallestFontPt(svg), f.tables(), f.hotspots(), f.note(),
          f.thumbnails()));
    }
    return view.withFigures(out);
  }

  /** Up to this many class names are listed in the summary; more (ImageNet's 1,000) are counted instead. */
  static final int LISTED_CLASSES = 40;

  /**
   * The summary's classes: all names when they are few; for a model with many outputs, their number and the classes
   * the test images are of (an ImageNet-style folder holds a few of the 1,000), not a page of names.
   */
  static String classesText(Dataset data, String classNamesFile) {
    List<String> names = data.classNames();
    if (names.size() <= LISTED_CLASSES) return String.join(", ", names);
    int[] present = data.testClasses();
    List<String> shown = java.util.Arrays.stream(present).limit(LISTED_CLASSES).mapToObj(names::get).toList();
    return String.format(Locale.ROOT, "%,d%s; the test images are of %,d: %s%s", names.size(),
        classNamesFile != null ? " (named by " + classNamesFile + ")" : "", present.length, String.join(", ", shown),
        present.length > shown.size() ? String.format(Locale.ROOT, " and %,d more", present.length - shown.size())
            : "");
  }

  /**
   * The report with its cross-figure links resolved: a hotspot's or table row's link to an anchor becomes
   * {@code <figure id>#<anchor>} of the first figure holding that anchor, and a link to an anchor no figure holds
   * is dropped (a confusion-matrix cell links to its pair's examples only when the mistakes figure shows them).
   */
  public static ReportView linked(ReportView view) {
    Map<String, String> anchors = new java.util.HashMap<>();
    for (FigureView f : view.figures()) {
      for (FigureView.HotspotView h : f.hotspots()) if (h.anchor() != null) anchors.putIfAbsent(h.anchor(), f.id());
    }
    List<FigureView> out = new ArrayList<>();
    for (FigureView f : view.figures()) {
      List<FigureView.HotspotView> hotspots = f.hotspots().stream().map(h -> h.link() == null ? h
          : h.withLink(resolve(anchors, h.link()))).toList();
      List<org.deepfig.analysis.Table> tables = new ArrayList<>();
      for (org.deepfig.analysis.Table t : f.tables()) {
        if (t.rowLinks() == null) {
          tables.add(t);
          continue;
        }
        List<String> links = new ArrayList<>();
        for (String l : t.rowLinks()) links.add(l == null ? null : resolve(anchors, l));
        tables.add(new org.deepfig.analysis.Table(t.title(), t.columns(), t.rows(), links));
      }
      out.add(f.withLinks(hotspots, tables));
    }
    return view.withFigures(out);
  }

  private static String resolve(Map<String, String> anchors, String anchor) {
    String figure = anchors.get(anchor);
    return figure == null ? null : figure + "#" + anchor;
  }

  /**
   * @param provenance the run's provenance, as its manifest records it: the report's provenance rows
   * @param configTree the effective config as the manifest records it
   */
  public static ReportView report(ExperimentConfig c, Dataset data, TrainedNetwork trained, Evaluation eval,
      List<FigureView> figures, RunProvenance provenance, Object configTree) {
    TrainConfig t = c.train();
    String accuracy = pct(eval.accuracy());
    List<Row> summary = new ArrayList<>();
    summary.add(new Row("Dataset", data.train().vectors()
        ? data.name() + " — " + data.train().size() + " training and " + data.test().size() + " test points, "
            + data.train().channels() + " features each"
        : data.name() + " — " + data.train().size() + " training and "
        + data.test().size() + " test images of " + data.train().channels() + "×" + data.train().height() + "×"
        + data.train().width()));
    summary.add(new Row("Classes", classesText(data, c.data().classNamesFile())));
    summary.add(new Row("Model", c.model().file() != null ? c.model().file()
        : c.model().arch().name().toLowerCase(Locale.ROOT) + " — "
            + String.format(Locale.ROOT, "%,d", trained.network().graph().totalParameters()) + " parameters"));
    if (c.model().file() == null) {
      summary.add(new Row("Training", t.epochs() + " epochs, batch " + t.batchSize() + ", "
          + t.optimizer().name().toLowerCase(Locale.ROOT) + " (learning rate " + t.learningRate() + ")"));
    }
    summary.add(new Row("Test accuracy", accuracy));
    summary.add(new Row("Seed", Long.toString(c.seed())));
    List<Row> rows = new ArrayList<>();
    provenance.rows().forEach((label, value) -> rows.add(new Row(label, value)));
    String subtitle = "What " + (c.model().file() != null ? "the model" : c.model().arch().name().toLowerCase(Locale.ROOT))
        + " learned on " + data.name() + " · test accuracy " + accuracy;
    CardView card = c.card() == null ? null
        : CardView.of(c.card(), org.deepfig.analysis.audit.Predictions.of(eval, data.test()));
    return new ReportView(c.title(), subtitle, summary, rows, figures, data.classNames(), accuracy,
        "style.css", yaml(configTree), verifyCommand(), card);
  }

  /**
   * The effective config as YAML, compact enough for a page: a mapping or list of plain values on one line
   * ({@code - {kind: filters, columns: 8}}, {@code mean: [0.5]}), everything else in block style.
   */
  static String yaml(Object configTree) {
    StringBuilder out = new StringBuilder();
    block(TREES.valueToTree(configTree), "", out);
    return out.toString();
  }

  private static void block(JsonNode node, String indent, StringBuilder out) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        out.append(indent).append(e.getKey()).append(':');
        if (flat(e.getValue())) out.append(' ').append(flow(e.getValue())).append('\n');
        else block(e.getValue(), indent + "  ", out.append('\n'));
      });
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        if (flat(item)) out.append(indent).append("- ").append(flow(item)).append('\n');
        else block(item, indent + "  ", out.append(indent).append("-\n"));
      }
    }
  }

  /** A scalar, or a mapping or list of scalars. */
  private static boolean flat(JsonNode n) {
    if (n.isValueNode()) return true;
    for (JsonNode c : n) if (!c.isValueNode()) return false;
    return true;
  }

  private static String flow(JsonNode n) {
    if (n.isArray()) {
      List<String> items = new ArrayList<>();
      n.forEach(c -> items.add(flow(c)));
      return "[" + String.join(", ", items) + "]";
    }
    if (n.isObject()) {
      List<String> items = new ArrayList<>();
      n.fields().forEachRemaining(e -> items.add(e.getKey() + ": " + flow(e.getValue())));
      return "{" + String.join(", ", items) + "}";
    }
    if (!n.isTextual()) return n.asText();
    String s = n.asText();
    // plain when YAML reads it back as the same string; else double-quoted as JSON (a subset of YAML)
    return s.matches("[A-Za-z_/.][A-Za-z0-9_ ./-]*") && !s.endsWith(" ")
        && !s.matches("(?i)true|false|null|yes|no|on|off|~|\\.nan|\\.inf") ? s : n.toString();
  }

  /**
   * The command that verifies a report, as the report shows it. It names no path: a report must not depend on the
   * folder it was written to, or a re-run elsewhere ({@code deepfig verify} itself, a copy in a site) could never be
   * byte-identical.
   */
  static String verifyCommand() {
    return "deepfig verify REPORT_FOLDER";
  }

  public static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }
}
