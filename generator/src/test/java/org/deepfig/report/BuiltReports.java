package org.deepfig.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepfig.analysis.Table;
import org.deepfig.cli.Main;

/**
 * The reports the report tests look at, built once per test JVM: a tiny real run whose title and class names are
 * script-injection payloads (with its single-file copy), a site of it, and a report written from hand-made views
 * with a payload in every field a figure has (parameters, table cells, hover text, note).
 */
final class BuiltReports {
  /** Would mark the page if it ever ran, as a script or as an attribute. */
  /** A sprite of two 2×2 thumbnails, red and blue. */
  static final String THUMBS = org.deepfig.analysis.Thumbnails.of(List.of(solid(0xFF0000), solid(0x0000FF))).dataUri();

  static java.awt.image.BufferedImage solid(int rgb) {
    java.awt.image.BufferedImage b = new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 2; y++) for (int x = 0; x < 2; x++) b.setRGB(x, y, rgb);
    return b;
  }

  static final String PAYLOAD = "<script>document.documentElement.dataset.pwned='1'</script>\"><img src=x "
      + "onerror=\"document.documentElement.dataset.pwned='1'\">";
  static final Path ROOT = Path.of("target", "test-reports", "report-pages").toAbsolutePath();
  static final Path ARTIFACTS = Path.of("target", "test-artifacts").toAbsolutePath();

  private static BuiltReports instance;

  final Path report;
  final Path singleAlone;
  final Path site;
  final Path handMade;

  private BuiltReports() throws IOException {
    org.deepfig.provenance.AtomicFiles.deleteTree(ROOT);
    Files.createDirectories(ROOT);
    Path cfg = ROOT.resolve("payload.yaml");
    String yamlPayload = PAYLOAD.replace("'", "''");
    StringBuilder classes = new StringBuilder();
    for (int i = 0; i < 10; i++) classes.append("    - '").append(i == 3 ? yamlPayload : "class" + i).append("'\n");
    Files.writeString(cfg, "title: '" + yamlPayload + "'\nseed: 3\ndevice: cpu\n"
        + "data:\n  source: shapes\n  train_size: 500\n  test_size: 200\n  class_names:\n" + classes
        + "model:\n  arch: mlp\ntrain:\n  epochs: 1\n"
        + "figures:\n  - kind: training-curves\n  - kind: confusion\n");
    report = ROOT.resolve("report");
    run("run", cfg.toString(), "--out", report.toString(), "--single-file", "--cache", ROOT.resolve("cache").toString());
    singleAlone = Files.createDirectories(ROOT.resolve("alone")).resolve("mailed.html");
    Files.copy(report.resolve(ReportWriter.SINGLE_FILE), singleAlone);
    site = ROOT.resolve("site");
    run("site", report.toString(), report.toString(), "--out", site.toString(), "--title", PAYLOAD);
    handMade = handMade(report);
  }

  static synchronized BuiltReports get() throws IOException {
    if (instance == null) instance = new BuiltReports();
    return instance;
  }

  private static void run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(code).as("deepfig %s:%n%s", String.join(" ", args), out.toString(StandardCharsets.UTF_8)).isZero();
  }

  /** A report whose every figure field carries the payload, written by the real writer from the real files. */
  private static Path handMade(Path built) throws IOException {
    Path dir = Files.createDirectories(ROOT.resolve("hand-made/figures"));
    for (String ext : List.of("png", "svg", "pdf")) {
      Files.copy(built.resolve("figures/confusion." + ext), dir.resolve("confusion." + ext));
    }
    double[] confusionPt = PdfReport.rootSize(Files.readString(dir.resolve("confusion.svg")));
    FigureView fig = new FigureView("confusion", "confusion", PAYLOAD + " title",
        PAYLOAD + " caption. Hover a cell for its count.",
        List.of(new FigureView.Parameter("layer", PAYLOAD + " parameter")), "figures/confusion.png", null,
        "figures/confusion.svg", "figures/confusion.pdf", false, confusionPt[0] * 1.6, confusionPt[1] * 1.6, Double.NaN,
        List.of(new Table(PAYLOAD + " table", List.of("Class", PAYLOAD), List.of(List.of(PAYLOAD, "1")))),
        List.of(new FigureView.HotspotView("10%", "10%", "20%", "20%", PAYLOAD + " hover", "-64px", "0px")),
        PAYLOAD + " note", new FigureView.ThumbnailsView(THUMBS, null, 128, 64));
    FigureView wide = wideFigure(dir);
    ReportView view = new ReportView(PAYLOAD, PAYLOAD + " subtitle", List.of(new ReportView.Row("Model", PAYLOAD)),
        List.of(new ReportView.Row("Config", PAYLOAD)), List.of(fig, wide), List.of(PAYLOAD), "1%", "style.css",
        PAYLOAD + " config", PAYLOAD + " verify");
    Path root = dir.getParent();
    Files.writeString(root.resolve("manifest.json"), "{}\n");
    new ReportWriter(new Templates(null), new ReportWriter.Options(true, ReportWriter.SINGLE_FILE)).write(root, view);
    return root;
  }

  /** The width of {@link #wideFigure}, in points, and its text size: a strip of panels like t-SNE's. */
  static final double WIDE_PT = 1010;
  static final float WIDE_FONT_PT = 8;
  /** The colour of the frame around the wide figure, by which a test finds where the PDF placed it. */
  static final java.awt.Color FRAME = new java.awt.Color(255, 0, 0);

  /** A figure as wide as a row of ten panels, framed edge to edge, with 8-pt labels, written by the real writer. */
  private static FigureView wideFigure(Path figDir) {
    return panels(figDir, "wide", "Ten panels in a row", 10, 200, List.of());
  }

  /**
   * A figure of {@code n} framed panels in a row (99 pt apart), its outer frame in {@link #FRAME}, labelled in
   * {@link #WIDE_FONT_PT}-pt text, written by the real writer as SVG, PDF and PNG into {@code figDir}.
   */
  static FigureView panels(Path figDir, String id, String title, int n, double height, List<Table> tables) {
    double width = 20 + n * 99;
    org.deepfig.render.Drawing d = new org.deepfig.render.Drawing() {
      public double width() {
        return width;
      }

      public double height() {
        return height;
      }

      public void paint(java.awt.Graphics2D g) {
        g.setColor(FRAME);
        g.draw(new java.awt.geom.Rectangle2D.Double(0.5, 0.5, width - 1, height - 1));
        g.setColor(java.awt.Color.BLACK);
        g.setFont(org.deepfig.render.Typography.regular(WIDE_FONT_PT));
        for (int i = 0; i < n; i++) {
          g.draw(new java.awt.geom.Rectangle2D.Double(10 + i * 99, 30, 90, height - 40));
          g.drawString("panel " + i, 20 + i * 99, 22);
        }
      }
    };
    var files = new org.deepfig.render.FigureWriter().write(d, figDir, id,
        java.util.EnumSet.allOf(org.deepfig.render.FigureFormat.class), 72, java.util.Map.of("figure", id));
    assertThat(files).hasSize(3);
    return new FigureView(id, "tsne", title, n + " panels side by side, as t-SNE draws its layers.", List.of(),
        "figures/" + id + ".png", null, "figures/" + id + ".svg", "figures/" + id + ".pdf", false, width * 1.6,
        height * 1.6, Double.NaN, tables, List.of(), null, null);
  }
}
