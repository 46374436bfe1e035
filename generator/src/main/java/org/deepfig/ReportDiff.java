package org.deepfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.deepfig.analysis.Figure;
import org.deepfig.analysis.RenderedFigure;
import org.deepfig.analysis.SeedStats;
import org.deepfig.analysis.Table;
import org.deepfig.analysis.ValueMaps;
import org.deepfig.config.FigureSize;
import org.deepfig.config.OutputConfig;
import org.deepfig.provenance.Hashes;
import org.deepfig.provenance.RunManifest;
import org.deepfig.render.ColourBar;
import org.deepfig.render.ColourMap;
import org.deepfig.render.Drawing;
import org.deepfig.render.FigureFormat;
import org.deepfig.render.FigureStyle;
import org.deepfig.render.FigureWriter;
import org.deepfig.render.HeatmapDrawing;
import org.deepfig.render.Normalisation;
import org.deepfig.render.Panels;
import org.deepfig.render.Rasters;
import org.deepfig.render.TextAnchor;
import org.deepfig.render.Typography;
import org.deepfig.render.WrittenFile;
import org.deepfig.report.FigureView;
import org.deepfig.report.ReportView;
import org.deepfig.report.ReportViews;
import org.deepfig.report.ReportWriter;
import org.deepfig.report.Templates;
import org.deepfig.provenance.Json;

/**
 * {@code deepfig diff}: two reports, figure kind by figure kind. Every figure both have is shown side by side under
 * one layout; its tables become tables of signed differences (B − A); confusion matrices are drawn on one colour
 * scale with their difference; pictures of equal pixel size get a map of where they differ; and the configs are
 * compared key by key (from the manifests). The result is a report folder like a run's (HTML, PDF, figures).
 */
public final class ReportDiff {
  private static final ObjectMapper JSON = org.deepfig.provenance.Json.plain();
  private static final Pattern NUMBER = Pattern.compile("\\s*([-+−]?[\\d,]*\\.?(\\d*))\\s*(%?)\\s*");

  private ReportDiff() {}

  /** One report folder as the diff reads it: its manifest and where it is. */
  public record Report(Path dir, JsonNode manifest) {
    public static Report read(Path dir) {
      Path m = dir.resolve("manifest.json");
      if (!Files.isRegularFile(m)) {
        throw new UserError(dir.toString(), "not a report folder (no manifest.json)",
            "pass a folder written by deepfig run, or a config");
      }
      try {
        return new Report(dir, JSON.readTree(m.toFile()));
      } catch (IOException e) {
        throw new UserError(m.toString(), "cannot read the manifest: " + e.getMessage(),
            "re-run the experiment to write it again");
      }
    }

    String title() {
      return manifest.path("title").asText(dir.getFileName().toString());
    }

    JsonNode figure(String id) {
      for (JsonNode f : manifest.path("figures")) if (f.path("id").asText().equals(id)) return f;
      return null;
    }

    List<String> figureIds() {
      List<String> ids = new ArrayList<>();
      for (JsonNode f : manifest.path("figures")) ids.add(f.path("id").asText());
      return ids;
    }

    /** The values behind the figure's pictures ({@code <id>.values.json}), or null (none, or unreadable). */
    ValueMaps values(JsonNode figure) {
      Path p = file(figure, ValueMaps.SUFFIX);
      if (p == null || !Files.isRegularFile(p)) return null;
      try {
        return ValueMaps.read(Files.readAllBytes(p));
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }

    Path file(JsonNode figure, String suffix) {
      for (JsonNode f : figure.path("files")) {
        String p = f.path("path").asText();
        if (p.endsWith(suffix) && !p.endsWith("@2x" + suffix)) return dir.resolve(p);
      }
      return null;
    }
  }

  /** A config key whose value differs: its dotted path and both values (null when one side lacks it). */
  public record ConfigChange(String key, String a, String b) {
    String section() {
      return key.split("[.\\[]", 2)[0];
    }
  }

  /** Every leaf key of the two config trees whose value differs, in the order of A then B. */
  public static List<ConfigChange> configChanges(JsonNode a, JsonNode b) {
    Map<String, String> fa = new LinkedHashMap<>();
    Map<String, String> fb = new LinkedHashMap<>();
    flatten(a, "", fa);
    flatten(b, "", fb);
    Set<String> keys = new LinkedHashSet<>(fa.keySet());
    keys.addAll(fb.keySet());
    List<ConfigChange> out = new ArrayList<>();
    for (String k : keys) {
      String va = fa.get(k);
      String vb = fb.get(k);
      if (va == null ? vb != null : !va.equals(vb)) out.add(new ConfigChange(k, va, vb));
    }
    return out;
  }

  private static void flatten(JsonNode n, String path, Map<String, String> out) {
    if (n == null || n.isMissingNode()) return;
    if (n.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        flatten(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
      }
    } else if (n.isArray()) {
      if (n.isEmpty()) out.put(path, "[]");
      for (int i = 0; i < n.size(); i++) flatten(n.get(i), path + "[" + i + "]", out);
    } else if (!n.isNull()) {
      out.put(path, n.asText());
    }
  }

  /**
   * B − A cell by cell: rows matched by their first cell, a number becomes its signed difference with the decimals
   * and unit it was written with ("+1.2%", "−0.031", "0.000"), equal text stays, other text becomes "a → b". Rows
   * only one side has are marked.
   */
  public static Table difference(Table a, Table b) {
    Map<String, List<String>> rowsB = new LinkedHashMap<>();
    for (List<String> r : b.rows()) if (!r.isEmpty()) rowsB.putIfAbsent(r.get(0), r);
    List<List<String>> rows = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (List<String> ra : a.rows()) {
      if (ra.isEmpty()) continue;
      seen.add(ra.get(0));
      List<String> rb = rowsB.get(ra.get(0));
      if (rb == null || rb.size() != ra.size()) {
        List<String> row = new ArrayList<>(ra);
        row.set(0, ra.get(0) + " (only in A)");
        rows.add(row);
        continue;
      }
      List<String> row = new ArrayList<>();
      row.add(ra.get(0));
      for (int c = 1; c < ra.size(); c++) row.add(cell(ra.get(c), rb.get(c)));
      rows.add(row);
    }
    for (List<String> rb : b.rows()) {
      if (rb.isEmpty() || seen.contains(rb.get(0))) continue;
      List<String> row = new ArrayList<>(rb);
      row.set(0, rb.get(0) + " (only in B)");
      rows.add(row);
    }
    return new Table(a.title() + " — B − A", a.columns(), rows);
  }

  /** The signed difference of two cells (see {@link #difference}). */
  public static String cell(String a, String b) {
    double va = SeedStats.number(a);
    double vb = SeedStats.number(b);
    Matcher ma = NUMBER.matcher(a);
    Matcher mb = NUMBER.matcher(b);
    if (Double.isNaN(va) || Double.isNaN(vb) || !ma.matches() || !mb.matches()
        || !ma.group(3).equals(mb.group(3))) {
      return a.equals(b) ? a : a + " → " + b;
    }
    int decimals = Math.max(ma.group(2).length(), mb.group(2).length());
    return signed(vb - va, decimals, ma.group(3));
  }

  /** "+1.20", "−0.50", "0.00": a difference with its sign (none for zero) and a true minus sign. */
  public static String signed(double d, int decimals, String unit) {
    String s = String.format(Locale.ROOT, "%." + decimals + "f", Math.abs(d));
    if (Double.parseDouble(s) == 0) return s + unit;
    return (d > 0 ? "+" : "−") + s + unit;
  }

  /**
   * Writes the comparison of A and B as a report folder at {@code outDir} (replaced as a run's report is) and
   * returns the number of figures written.
   */
  public static int write(Report a, Report b, Path outDir, ReportWriter.Options options) {
    return OutputFolder.publish(outDir, staging -> {
      FigureStyle style = FigureStage.style(OutputConfig.defaults(), FigureSize.SCREEN, a.dir(), 10);
      List<Figure> figures = style.apply(() -> figures(a, b));
      Path figDir = Files.createDirectories(staging.resolve("figures"));
      List<FigureView> views = new ArrayList<>();
      List<RunManifest.FigureRecord> records = new ArrayList<>();
      Map<String, String> prov = new LinkedHashMap<>();
      prov.put("kind", "diff");
      prov.put("a", a.manifest().path("config_sha256").asText());
      prov.put("b", b.manifest().path("config_sha256").asText());
      for (Figure f : figures) {
        List<RunManifest.FileRecord> files = new ArrayList<>();
        if (f.drawing() != null) {
          Map<String, String> p = new LinkedHashMap<>(prov);
          p.put("figure", f.id());
          List<WrittenFile> written = new ArrayList<>(style.apply(() -> new FigureWriter().write(f.drawing(), figDir,
              f.id(), Set.of(FigureFormat.SVG, FigureFormat.PDF, FigureFormat.PNG), 150, p)));
          written.addAll(style.apply(() -> new FigureWriter().write(f.drawing(), figDir, f.id() + "@2x",
              Set.of(FigureFormat.PNG), 300, p)));
          for (WrittenFile w : written) {
            files.add(new RunManifest.FileRecord("figures/" + w.path().getFileName(), w.sha256()));
          }
        }
        RenderedFigure r = new RenderedFigure("diff", f.id(), f.title(), f.caption(), new TreeMap<>(f.parameters()),
            f.tables(), List.of(), f.note(), f.drawing() == null ? 0 : f.drawing().width(),
            f.drawing() == null ? 0 : f.drawing().height(), List.of(), null);
        views.add(ReportViews.figure(r, files));
        records.add(new RunManifest.FigureRecord(f.id(), "diff", f.title(), new TreeMap<>(f.parameters()), files,
            f.tables()));
      }
      new ReportWriter(new Templates(null), options).write(staging, view(a, b, views));
      Map<String, Object> diff = new LinkedHashMap<>();
      diff.put("a", Map.of("dir", a.dir().toString(), "config_sha256", a.manifest().path("config_sha256").asText()));
      diff.put("b", Map.of("dir", b.dir().toString(), "config_sha256", b.manifest().path("config_sha256").asText()));
      diff.put("config_changes", configChanges(a.manifest().path("config"), b.manifest().path("config")));
      diff.put("figures", records);
      Json.manifest().writeValue(staging.resolve("diff.json").toFile(), diff);
      return figures.size();
    });
  }

  private static ReportView view(Report a, Report b, List<FigureView> figures) {
    List<ReportView.Row> summary = new ArrayList<>();
    summary.add(new ReportView.Row("A", a.title() + " — " + a.dir()));
    summary.add(new ReportView.Row("B", b.title() + " — " + b.dir()));
    double accA = a.manifest().path("test_accuracy").asDouble(Double.NaN);
    double accB = b.manifest().path("test_accuracy").asDouble(Double.NaN);
    String acc = String.format(Locale.ROOT, "A %.2f%%, B %.2f%%, B − A %s points", 100 * accA, 100 * accB,
        signed(100 * (accB - accA), 2, ""));
    summary.add(new ReportView.Row("Test accuracy", acc));
    List<ConfigChange> changes = configChanges(a.manifest().path("config"), b.manifest().path("config"));
    summary.add(new ReportView.Row("Config", changesSentence(changes)));
    List<String> onlyA = new ArrayList<>(a.figureIds());
    onlyA.removeAll(b.figureIds());
    List<String> onlyB = new ArrayList<>(b.figureIds());
    onlyB.removeAll(a.figureIds());
    if (!onlyA.isEmpty()) summary.add(new ReportView.Row("Figures only in A", String.join(", ", onlyA)));
    if (!onlyB.isEmpty()) summary.add(new ReportView.Row("Figures only in B", String.join(", ", onlyB)));
    List<ReportView.Row> provenance = new ArrayList<>();
    provenance.add(new ReportView.Row("A config sha256", a.manifest().path("config_sha256").asText()));
    provenance.add(new ReportView.Row("B config sha256", b.manifest().path("config_sha256").asText()));
    provenance.add(new ReportView.Row("A checkpoint sha256", a.manifest().path("checkpoint").path("sha256").asText()));
    provenance.add(new ReportView.Row("B checkpoint sha256", b.manifest().path("checkpoint").path("sha256").asText()));
    List<String> classes = new ArrayList<>();
    return new ReportView(a.title() + " vs " + b.title(), "B − A, figure by figure · test accuracy " + acc, summary,
        provenance, figures, classes, signed(100 * (accB - accA), 2, " points"), "style.css", null, null);
  }

  /** "no config differences", or the sections and keys that differ. */
  static String changesSentence(List<ConfigChange> changes) {
    if (changes.isEmpty()) return "no config differences";
    Set<String> sections = new LinkedHashSet<>();
    for (ConfigChange c : changes) sections.add(c.section());
    List<String> keys = changes.stream().limit(8).map(ConfigChange::key).toList();
    return String.format(Locale.ROOT, "%d key%s differ%s, in %s: %s%s", changes.size(), changes.size() == 1 ? "" : "s",
        changes.size() == 1 ? "s" : "", String.join(", ", sections), String.join(", ", keys),
        changes.size() > keys.size() ? ", …" : "");
  }

  /** The comparison figures, in A's order. */
  static List<Figure> figures(Report a, Report b) {
    List<Figure> out = new ArrayList<>();
    List<ConfigChange> changes = configChanges(a.manifest().path("config"), b.manifest().path("config"));
    List<List<String>> rows = new ArrayList<>();
    for (ConfigChange c : changes) {
      rows.add(List.of(c.key(), c.a() == null ? "—" : c.a(), c.b() == null ? "—" : c.b()));
    }
    out.add(Figure.tablesOnly("config-differences", "Config differences", "The two experiments' configs (defaults "
        + "filled in, from their manifests) compared key by key: " + changesSentence(changes) + ".", Map.of(),
        List.of(new Table("Config keys that differ", List.of("Key", "A", "B"), rows)), null));
    for (String id : a.figureIds()) {
      JsonNode fa = a.figure(id);
      JsonNode fb = b.figure(id);
      if (fb == null || !fa.path("kind").asText().equals(fb.path("kind").asText())) continue;
      out.add(compare(a, b, id, fa, fb));
      Figure matrices = confusion(a, b, id, fa, fb);
      if (matrices != null) out.add(matrices);
    }
    return out;
  }

  private static Figure compare(Report a, Report b, String id, JsonNode fa, JsonNode fb) {
    List<Table> tables = new ArrayList<>();
    List<Table> ta = tables(fa);
    List<Table> tb = tables(fb);
    for (Table t : ta) {
      Table match = tb.stream().filter(o -> o.title().equals(t.title())).findFirst()
          .orElse(tb.stream().filter(o -> o.columns().equals(t.columns())).count() == 1
              ? tb.stream().filter(o -> o.columns().equals(t.columns())).findFirst().get() : null);
      if (match != null && match.columns().equals(t.columns())) tables.add(difference(t, match));
    }
    String title = fa.path("title").asText(id);
    String kind = fa.path("kind").asText();
    Drawing shared = sharedAxes(kind, ta, tb);
    if (shared != null) {
      String caption = "A (" + a.title() + ") and B (" + b.title() + ") on shared axes, from the numbers each report "
          + "keeps: A's series and bars are named A, B's B." + (tables.isEmpty() ? ""
              : " The tables give B − A cell by cell: signed differences of numbers, \"a → b\" where text differs.");
      return new Figure("diff-" + id, title + ": A vs B", caption, Map.of("kind", kind), shared, tables, List.of(),
          null);
    }
    String tablesText = tables.isEmpty() ? "" : " The tables give B − A cell by cell: signed differences of "
        + "numbers, \"a → b\" where text differs.";
    ValueMaps va = a.values(fa);
    ValueMaps vb = b.values(fb);
    Drawing values = va == null || vb == null ? null
        : ValueComparison.draw(List.of("A", "B"), List.of(va, vb), true);
    if (values != null) {
      String caption = "A (" + a.title() + ") and B (" + b.title() + ") drawn again from the values behind their "
          + "pictures (which each report keeps), the maps both have side by side in aligned rows: A's and B's maps "
          + "of a group (a method, a layer) on one colour scale, the union of their ranges (" + ValueComparison
          .scales(List.of(va, vb)) + "; symmetric about 0 for signed values), so equal colours are equal values; "
          + "the row B − A is their difference value by value (the mean over colour channels for RGB), on a "
          + "diverging scale symmetric about 0 (red: larger in B, blue: smaller; white: equal)."
          + ValueComparison.notes(List.of(va, vb)) + tablesText;
      Map<String, String> params = new TreeMap<>();
      params.put("kind", kind);
      params.put("difference", "values");
      return new Figure("diff-" + id, title + ": A vs B", caption, params, values, tables, List.of(), null);
    }
    BufferedImage ia = image(a.file(fa, ".png"));
    BufferedImage ib = image(b.file(fb, ".png"));
    Drawing drawing = null;
    String pictures = "";
    if (ia != null && ib != null) {
      List<Drawing> panels = new ArrayList<>(List.of(new Picture("A · " + a.title(), ia),
          new Picture("B · " + b.title(), ib)));
      if (va != null && vb != null) {
        pictures = " The values both reports keep share no map (other images, channels or shapes), so there is no "
            + "difference to draw.";
      } else if (PICTURES.contains(kind) && ia.getWidth() == ib.getWidth() && ia.getHeight() == ib.getHeight()) {
        panels.add(PixelDifference.of(ia, ib));
        pictures = " A report folder made before deepfig kept the values behind its pictures has none to compare "
            + "(run it again for a difference of values), so the third panel is the difference of the two rendered "
            + "pictures pixel by pixel (B − A in lightness, −1 to 1: blue where B is darker, red where "
            + "it is lighter), which locates what changed; it is a difference of pixels, not of values.";
      }
      drawing = Panels.grid(16, panels);
    }
    String caption = "A and B side by side at the same scale (each as its own report drew it)." + pictures
        + (tables.isEmpty() ? "" : " The tables give B − A cell by cell: signed differences of numbers, "
            + "\"a → b\" where text differs.");
    Map<String, String> params = new TreeMap<>();
    params.put("kind", fa.path("kind").asText());
    return new Figure("diff-" + id, title + ": A vs B", caption, params, drawing, tables, List.of(), null);
  }

  /** Kinds whose figures are pictures in which a pixel means the same thing in both runs (same images, shapes). */
  static final Set<String> PICTURES = Set.of("filters", "activations", "saliency", "activation-max", "top-patches");

  /**
   * The kinds drawn as charts again, A and B on one set of axes, from their tables: the table, its numeric column
   * (or columns) and whether the rows are points along a line. Null for other kinds.
   */
  static Drawing sharedAxes(String kind, List<Table> ta, List<Table> tb) {
    return sharedAxesOf(kind, List.of("A", "B"), List.of(ta, tb));
  }

  /**
   * A chart kind's figure drawn again from its tables, every run's series (named by {@code labels}, one per run) on
   * one set of axes per quantity, so the axis limits are shared by construction: what the kind says it is drawn as
   * ({@link org.deepfig.analysis.AnalysisKind#sharedAxes}), in a grid. Null for other kinds (and unknown ones, from a
   * newer deepfig), or when a run lacks the table.
   */
  static Drawing sharedAxesOf(String kind, List<String> labels, List<List<Table>> tables) {
    var known = org.deepfig.analysis.AnalysisKinds.all().get(kind);
    if (known == null) return null;
    List<Drawing> charts = new ArrayList<>();
    for (org.deepfig.analysis.SharedAxes chart : known.sharedAxes(labels.size())) {
      Drawing d = chart instanceof org.deepfig.analysis.SharedAxes.Lines l
          ? lines(labels, tables, l.table(), l.xColumn(), l.columns(), l.title(), l.xAxis(), l.yAxis(),
              l.categorical(), l.scale(), l.reference())
          : chart instanceof org.deepfig.analysis.SharedAxes.Bars b
              ? bars(labels, tables, b.table(), b.column(), b.title(), b.yAxis()) : null;
      if (d == null) return null;
      charts.add(d);
    }
    if (charts.isEmpty()) return null;
    return charts.size() == 1 ? charts.get(0) : Panels.grid(16, charts);
  }

  private static Table find(List<Table> tables, String prefix) {
    return tables.stream().filter(t -> t.title().startsWith(prefix)).findFirst().orElse(null);
  }

  /**
   * The first-cell keys every run's table has (in the first run's order) with a number in {@code column}, and those
   * numbers run by run ({@code values[run][key]}); null if a table or the column is missing, or no key is shared.
   */
  private record Rows(List<String> keys, double[][] values) {
    static Rows of(List<Table> perRun, String column) {
      List<Map<String, Double>> byKey = new ArrayList<>();
      for (Table t : perRun) {
        if (t == null || t.columns().indexOf(column) < 0) return null;
        int c = t.columns().indexOf(column);
        Map<String, Double> m = new LinkedHashMap<>();
        for (List<String> r : t.rows()) {
          double v = r.size() > c ? SeedStats.number(r.get(c)) : Double.NaN;
          if (!r.isEmpty() && !Double.isNaN(v)) m.putIfAbsent(r.get(0), v);
        }
        byKey.add(m);
      }
      List<String> keys = new ArrayList<>();
      for (String k : byKey.get(0).keySet()) if (byKey.stream().allMatch(m -> m.containsKey(k))) keys.add(k);
      if (keys.isEmpty()) return null;
      double[][] values = new double[byKey.size()][keys.size()];
      for (int r = 0; r < byKey.size(); r++) {
        for (int i = 0; i < keys.size(); i++) values[r][i] = byKey.get(r).get(keys.get(i));
      }
      return new Rows(keys, values);
    }
  }

  /**
   * One line chart of {@code columns} of every run's table, x the first cell (a number, or steps named by it) or
   * {@code xColumn}; a series per run and column, named "label column"; {@code reference} a grey line drawn last (the
   * diagonal of perfect calibration), or null.
   */
  private static Drawing lines(List<String> labels, List<List<Table>> tables, String table, String xColumn,
      List<String> columns, String title, String xAxis, String yAxis, boolean steps, double scale,
      org.deepfig.render.Charts.Series reference) {
    List<org.deepfig.render.Charts.Series> series = new ArrayList<>();
    List<String> stepNames = new ArrayList<>();
    for (int run = 0; run < tables.size(); run++) {
      Table t = find(tables.get(run), table);
      if (t == null) return null;
      int xc = xColumn == null ? 0 : t.columns().indexOf(xColumn);
      if (xc < 0) return null;
      for (String column : columns) {
        int c = t.columns().indexOf(column);
        if (c < 0) return null;
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (List<String> r : t.rows()) {
          if (r.size() <= Math.max(c, xc)) continue;
          double y = SeedStats.number(r.get(c));
          String key = r.get(0).replaceFirst("^\\d+: ", "");
          double x = steps ? stepNames.indexOf(key) : SeedStats.number(r.get(xc));
          if (steps && x < 0) {
            stepNames.add(key);
            x = stepNames.size() - 1;
          }
          if (Double.isNaN(y) || Double.isNaN(x)) continue;
          xs.add(x);
          ys.add(y * scale);
        }
        String name = columns.size() == 1 ? labels.get(run) : labels.get(run) + " "
            + column.toLowerCase(Locale.ROOT).replaceFirst(" (loss|accuracy)$", "");
        series.add(new org.deepfig.render.Charts.Series(name, xs.stream().mapToDouble(Double::doubleValue).toArray(),
            ys.stream().mapToDouble(Double::doubleValue).toArray()));
      }
    }
    if (series.stream().allMatch(s -> s.x().length == 0)) return null;
    var frame = new org.deepfig.render.Charts.Frame(title, xAxis, yAxis, 300, 220);
    if (reference != null) return org.deepfig.render.Charts.line(frame, series, reference);
    return steps ? org.deepfig.render.Charts.line(frame, series, stepNames)
        : org.deepfig.render.Charts.line(frame, series);
  }

  /** Grouped bars of {@code column}: a bar per run (named by its label) for every key all runs' tables have. */
  private static Drawing bars(List<String> labels, List<List<Table>> tables, String table, String column,
      String title, String yAxis) {
    List<Table> perRun = new ArrayList<>();
    for (List<Table> t : tables) perRun.add(find(t, table));
    Rows rows = Rows.of(perRun, column);
    if (rows == null) return null;
    List<org.deepfig.render.Charts.Bars> groups = new ArrayList<>();
    for (int r = 0; r < labels.size(); r++) groups.add(new org.deepfig.render.Charts.Bars(labels.get(r),
        rows.values()[r]));
    return org.deepfig.render.Charts.bar(new org.deepfig.render.Charts.Frame(title, null, yAxis,
        Math.max(360, (10.0 + 10.0 * labels.size()) * rows.keys().size()), 220), rows.keys(), groups);
  }

  private static List<Table> tables(JsonNode figure) {
    List<Table> out = new ArrayList<>();
    for (JsonNode t : figure.path("tables")) {
      List<String> cols = new ArrayList<>();
      t.path("columns").forEach(c -> cols.add(c.asText()));
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode r : t.path("rows")) {
        List<String> row = new ArrayList<>();
        r.forEach(c -> row.add(c.asText()));
        rows.add(row);
      }
      out.add(new Table(t.path("title").asText(), cols, rows));
    }
    return out;
  }

  /**
   * Both confusion matrices on one colour scale (0 to the larger maximum) and their difference B − A on a diverging
   * scale symmetric about 0, from the {@code confusion.json} each report keeps; null without them or when the
   * classes differ.
   */
  static Figure confusion(Report a, Report b, String id, JsonNode fa, JsonNode fb) {
    return sharedConfusion(List.of(a, b), id);
  }

  /**
   * The confusion matrices of several reports (figure {@code id}) on one colour scale, 0 to the largest count of
   * any; for two, their difference B − A too, on a diverging scale symmetric about 0. Null unless every report keeps
   * the matrix ({@code confusion.json}) over the same classes.
   */
  public static Figure sharedConfusion(List<Report> reports, String id) {
    List<double[][]> ms = new ArrayList<>();
    JsonNode classes = null;
    for (Report r : reports) {
      JsonNode f = r.figure(id);
      Path p = f == null ? null : r.file(f, ".json");
      if (p == null || !Files.isRegularFile(p)) return null;
      JsonNode j;
      try {
        j = JSON.readTree(p.toFile());
      } catch (IOException e) {
        return null;
      }
      if (!j.has("counts") || classes != null && !classes.equals(j.path("classes"))) return null;
      classes = j.path("classes");
      ms.add(matrix(j.path("counts")));
    }
    List<String> names = new ArrayList<>();
    classes.forEach(n -> names.add(n.asText()));
    int k = names.size();
    double max = 0;
    for (double[][] m : ms) for (double[] row : m) for (double v : row) max = Math.max(max, v);
    Normalisation shared = new Normalisation(0, Math.max(1, max));
    var counts = (java.util.function.DoubleFunction<String>) v -> Long.toString(Math.round(v));
    List<Drawing> panels = new ArrayList<>();
    for (int r = 0; r < reports.size(); r++) {
      String prefix = reports.size() == 2 ? (r == 0 ? "A · " : "B · ") : "";
      panels.add(HeatmapDrawing.builder(ms.get(r)).setRowLabels(names).setColumnLabels(names)
          .optTitle(prefix + reports.get(r).title()).optAxisTitles("True class", "Predicted class")
          .optColourBarLabel("images").optNormalisation(shared).optValueFormat(counts).build());
    }
    String caption = String.format(Locale.ROOT, "The confusion matrices (rows the true class, columns the "
        + "predicted one, cells image counts) on one colour scale, 0 to %d", Math.round(shared.max()));
    if (reports.size() == 2) {
      double[][] d = new double[k][k];
      float[] flat = new float[k * k];
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          d[i][j] = ms.get(1)[i][j] - ms.get(0)[i][j];
          flat[i * k + j] = (float) d[i][j];
        }
      }
      panels.add(HeatmapDrawing.builder(d).setRowLabels(names).setColumnLabels(names)
          .optTitle("B − A").optAxisTitles("True class", "Predicted class").optColourBarLabel("images, B − A")
          .optColourMap(ColourMap.diverging()).optNormalisation(Normalisation.symmetric(flat))
          .optValueFormat(v -> signed(v, 0, "")).build());
      caption += ", and their difference B − A on a diverging scale symmetric about 0 (red: more images in B). A "
          + "diagonal that gains and off-diagonal cells that lose are what an improvement looks like";
    }
    return new Figure(Figure.slug("diff-" + id + "-matrices"), "Confusion matrices, one colour scale",
        caption + ".", Map.of("colour_scale", "0.." + Math.round(shared.max())), Panels.grid(16, panels),
        List.of(), List.of(), null);
  }

  /**
   * Figure {@code id} of several reports drawn again from the values behind its pictures: the maps all of them have,
   * one row per report in one aligned layout, every group of maps on one colour scale over all reports; for two, a
   * row of B − A as well. Null unless every report keeps values for it and they have maps in common.
   */
  public static Figure sharedValues(List<Report> reports, String id) {
    List<ValueMaps> runs = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    String title = null;
    for (int r = 0; r < reports.size(); r++) {
      JsonNode f = reports.get(r).figure(id);
      ValueMaps v = f == null ? null : reports.get(r).values(f);
      if (v == null) return null;
      if (title == null) title = f.path("title").asText(id);
      runs.add(v);
      String name = reports.get(r).title();
      if (name.length() > 32) name = name.substring(0, 31) + "…";
      labels.add(reports.size() == 2 ? (r == 0 ? "A · " : "B · ") + name : name);
    }
    if (reports.size() < 2) return null;
    Drawing d = ValueComparison.draw(labels, runs, reports.size() == 2);
    if (d == null) return null;
    String caption = title + " of every experiment drawn again from the values behind it, one row per experiment "
        + "in one aligned layout; each group of maps (a method, a layer) on one colour scale over all of them ("
        + ValueComparison.scales(runs) + "; symmetric about 0 for signed values), so equal colours are equal values"
        + (reports.size() == 2 ? "; the row B − A is their difference value by value on a diverging scale "
            + "symmetric about 0 (red: larger in B)" : "") + "." + ValueComparison.notes(runs);
    return new Figure(Figure.slug("shared-" + id), title + ", one colour scale", caption, Map.of("values",
        "shared"), d, List.of(), List.of(), null);
  }

  /** What {@link #writeShared} made: the PNG's and SVG's file names and the caption. */
  @FunctionalInterface
  public interface SharedFiles<T> {
    T of(String png, String svg, String caption);
  }

  /**
   * Writes {@link #sharedValues} (or {@link #sharedConfusion}) of {@code reports} as {@code stem.svg} and
   * {@code stem.png} into {@code dir} (the site's comparison pages); null when the reports do not all keep values
   * (or a matrix over the same classes) for figure {@code id}.
   */
  public static <T> T writeShared(List<Report> reports, String id, Path dir, String stem, SharedFiles<T> made) {
    return writeFigure(dir, stem, made, () -> {
      Figure v = sharedValues(reports, id);
      return v != null ? v : sharedConfusion(reports, id);
    });
  }

  /**
   * Writes {@link #sharedChart} of {@code reports} as {@code stem.svg} and {@code stem.png} into {@code dir}; null
   * when figure {@code id} is not a chart kind or a report lacks its table.
   */
  public static <T> T writeSharedChart(List<Report> reports, String id, Path dir, String stem,
      SharedFiles<T> made) {
    return writeFigure(dir, stem, made, () -> sharedChart(reports, id));
  }

  private static <T> T writeFigure(Path dir, String stem, SharedFiles<T> made,
      java.util.function.Supplier<Figure> figure) {
    FigureStyle style = FigureStage.style(OutputConfig.defaults(), FigureSize.SCREEN, dir, 10);
    Figure f = style.apply(figure::get);
    if (f == null || f.drawing() == null) return null;
    style.apply(() -> new FigureWriter().write(f.drawing(), dir, stem, Set.of(FigureFormat.SVG, FigureFormat.PNG),
        150, Map.of("kind", "site-compare", "figure", stem)));
    return made.of(stem + ".png", stem + ".svg", f.caption());
  }

  /**
   * Figure {@code id} of several reports drawn again as a chart from the tables each keeps ({@link #sharedAxes}):
   * every report's series on one set of axes per quantity, named by the report's title. Null unless it is a chart
   * kind and every report has the table.
   */
  public static Figure sharedChart(List<Report> reports, String id) {
    List<List<Table>> tables = new ArrayList<>();
    String kind = null;
    String title = null;
    for (Report r : reports) {
      JsonNode f = r.figure(id);
      if (f == null || kind != null && !kind.equals(f.path("kind").asText())) return null;
      kind = f.path("kind").asText();
      if (title == null) title = f.path("title").asText(id);
      tables.add(tables(f));
    }
    if (reports.size() < 2) return null;
    Drawing d = sharedAxesOf(kind, labels(reports, 24), tables);
    if (d == null) return null;
    String caption = title + " of every experiment drawn again from the numbers each report keeps (its tables): "
        + "every experiment's series on one set of axes per quantity, named by the experiment, so the axis limits "
        + "are shared and heights compare directly; a series that seems missing lies under a later one (equal "
        + "values, e.g. the same first epochs of runs with one seed).";
    return new Figure(Figure.slug("shared-" + id), title + ", shared axes", caption, Map.of("axes", "shared"), d,
        List.of(), List.of(), null);
  }

  /** The reports' titles, shortened to {@code max} characters, numbered when two would read the same. */
  static List<String> labels(List<Report> reports, int max) {
    List<String> out = new ArrayList<>();
    for (Report r : reports) {
      String name = r.title();
      if (name.length() > max) name = name.substring(0, max - 1) + "…";
      out.add(name);
    }
    List<String> numbered = new ArrayList<>();
    for (int i = 0; i < out.size(); i++) {
      numbered.add(java.util.Collections.frequency(out, out.get(i)) > 1 ? (i + 1) + ". " + out.get(i) : out.get(i));
    }
    return numbered;
  }

  private static double[][] matrix(JsonNode rows) {
    double[][] m = new double[rows.size()][];
    for (int i = 0; i < m.length; i++) {
      JsonNode r = rows.get(i);
      m[i] = new double[r.size()];
      for (int j = 0; j < m[i].length; j++) m[i][j] = r.get(j).asDouble();
    }
    return m;
  }

  private static BufferedImage image(Path p) {
    if (p == null || !Files.isRegularFile(p)) return null;
    try {
      return ImageIO.read(p.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Points per pixel of a report's PNG (written at 150 dpi). */
  private static final double PT_PER_PX = 72.0 / 150;

  /** A report's picture under a title, at its own size in points. */
  static final class Picture implements Drawing {
    private final String title;
    private final BufferedImage image;
    private final double titleHeight = Typography.lineHeight(Typography.label()) + 6;

    Picture(String title, BufferedImage image) {
      this.title = title;
      this.image = image;
    }

    @Override
    public double width() {
      return Math.max(image.getWidth() * PT_PER_PX, Typography.width(Typography.label(), title));
    }

    @Override
    public double height() {
      return titleHeight + image.getHeight() * PT_PER_PX;
    }

    @Override
    public void paint(Graphics2D g) {
      g.setColor(Color.BLACK);
      TextAnchor.draw(g, title, Typography.label(), 0, 2 + Typography.lineHeight(Typography.label())
          - (Typography.lineHeight(Typography.label()) - Typography.capHeight(Typography.label())) / 2,
          TextAnchor.Align.START);
      Graphics2D h = (Graphics2D) g.create();
      h.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      h.drawImage(image, new java.awt.geom.AffineTransform(PT_PER_PX, 0, 0, PT_PER_PX, 0, titleHeight), null);
      h.dispose();
    }
  }

  /** B − A in lightness per pixel, on the diverging map from −1 to 1, with its colour bar. */
  static final class PixelDifference implements Drawing {
    private final BufferedImage map;
    private final ColourBar bar;
    private final double titleHeight = Typography.lineHeight(Typography.label()) + 6;

    private PixelDifference(BufferedImage map, ColourBar bar) {
      this.map = map;
      this.bar = bar;
    }

    static PixelDifference of(BufferedImage a, BufferedImage b) {
      int w = a.getWidth();
      int h = a.getHeight();
      float[] d = new float[w * h];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) d[y * w + x] = (float) (lightness(b.getRGB(x, y)) - lightness(a.getRGB(x, y)));
      }
      Normalisation n = new Normalisation(-1, 1);
      BufferedImage map = Rasters.ofMap(d, h, w, ColourMap.diverging(), n);
      return new PixelDifference(map, new ColourBar(ColourMap.diverging(), n, "lightness, B − A",
          Math.min(160, h * PT_PER_PX)));
    }

    private static double lightness(int rgb) {
      return (0.2126 * ((rgb >> 16) & 255) + 0.7152 * ((rgb >> 8) & 255) + 0.0722 * (rgb & 255)) / 255.0;
    }

    @Override
    public double width() {
      return map.getWidth() * PT_PER_PX + 10 + bar.width();
    }

    @Override
    public double height() {
      return titleHeight + Math.max(map.getHeight() * PT_PER_PX, bar.height());
    }

    @Override
    public void paint(Graphics2D g) {
      g.setColor(Color.BLACK);
      TextAnchor.draw(g, "B − A, pixel by pixel", Typography.label(), 0, 2 + Typography.lineHeight(Typography.label())
          - (Typography.lineHeight(Typography.label()) - Typography.capHeight(Typography.label())) / 2,
          TextAnchor.Align.START);
      Rasters.draw(g, map, 0, titleHeight, map.getWidth() * PT_PER_PX, map.getHeight() * PT_PER_PX);
      Graphics2D h = (Graphics2D) g.create();
      h.translate(map.getWidth() * PT_PER_PX + 10, titleHeight);
      bar.paint(h);
      h.dispose();
    }
  }

  /** The report folder a diff input names: a report folder as it is, a config run (with the cache) first. */
  public static Report input(Path path, Pipeline pipeline, org.deepfig.config.ConfigLoader loader) {
    if (Files.isDirectory(path)) return Report.read(path);
    var config = loader.load(path);
    return Report.read(pipeline.runWithoutCompare(path, config).outDir());
  }

  static String sha(Path p) {
    return Hashes.sha256(p);
  }
}
