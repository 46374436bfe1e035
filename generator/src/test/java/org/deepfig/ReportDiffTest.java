package org.deepfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.deepfig.analysis.Table;
import org.deepfig.render.LayoutChecker;
import org.deepfig.render.SvgGroups;
import org.deepfig.report.ReportWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code deepfig diff} on hand-made report folders (a manifest with a config, tables and files, PNG pictures and a
 * confusion matrix), so every expected number is known.
 */
class ReportDiffTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  /** A report folder: config with {@code epochs}, a metrics table, a 40×30 picture and a 2×2 confusion matrix. */
  private Path report(String name, int epochs, double accuracy, String f1Cat, int[][] counts, Color picture)
      throws Exception {
    Path d = Files.createDirectories(dir.resolve(name).resolve("figures"));
    BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 30; y++) for (int x = 0; x < 40; x++) img.setRGB(x, y, (x < 20 ? Color.WHITE : picture).getRGB());
    ImageIO.write(img, "png", d.resolve("confusion.png").toFile());
    ObjectNode m = JSON.createObjectNode();
    m.put("title", name);
    m.put("config_sha256", name + "-sha");
    m.put("test_accuracy", accuracy);
    ObjectNode config = m.putObject("config");
    config.put("seed", 42);
    config.putObject("train").put("epochs", epochs).put("batch_size", 64);
    config.putObject("model").put("arch", "lenet5");
    ObjectNode fig = m.putArray("figures").addObject();
    fig.put("id", "confusion");
    fig.put("kind", "confusion");
    fig.put("title", "Confusion matrix");
    fig.putArray("files").addObject().put("path", "figures/confusion.png");
    ((com.fasterxml.jackson.databind.node.ArrayNode) fig.get("files")).addObject().put("path",
        "figures/confusion.json");
    fig.set("tables", JSON.valueToTree(List.of(new Table("Per class", List.of("Class", "F1", "Accuracy", "Support"),
        List.of(List.of("cat", f1Cat, "90.0%", "10"), List.of("dog", "0.500", "80.0%", "10"))))));
    Files.writeString(d.resolve("confusion.json"), JSON.writeValueAsString(Map.of("classes", List.of("cat", "dog"),
        "counts", counts)));
    JSON.writeValue(dir.resolve(name).resolve("manifest.json").toFile(), m);
    return dir.resolve(name);
  }

  @Test
  void aRunAgainstItselfIsZeroEverywhereWithNoConfigDifferences() throws Exception {
    Path a = report("a", 3, 0.9, "0.750", new int[][] {{9, 1}, {2, 8}}, Color.BLUE);
    ReportDiff.Report ra = ReportDiff.Report.read(a);
    ReportDiff.write(ra, ra, dir.resolve("out"), new ReportWriter.Options(false, null));
    JsonNode diff = JSON.readTree(dir.resolve("out/diff.json").toFile());
    assertThat(diff.get("config_changes")).isEmpty();
    int numbers = 0;
    for (JsonNode f : diff.get("figures")) {
      for (JsonNode t : f.get("tables")) {
        if (t.get("title").asText().equals("Config keys that differ")) {
          assertThat(t.get("rows")).isEmpty();
          continue;
        }
        for (JsonNode row : t.get("rows")) {
          for (int c = 1; c < row.size(); c++) {
            // every number is a difference of exactly zero, with no sign
            assertThat(row.get(c).asText()).matches("0(\\.0+)?%?");
            numbers++;
          }
        }
      }
    }
    assertThat(numbers).isEqualTo(6);
    String html = Files.readString(dir.resolve("out/index.html"));
    assertThat(html).contains("no config differences").contains("B − A 0.00 points");
    // the pixel difference of a picture with itself: all lightness differences 0, the diverging map's middle
    BufferedImage png = ImageIO.read(dir.resolve("out/figures/diff-confusion.png").toFile());
    assertThat(png).isNotNull();
    String svg = Files.readString(dir.resolve("out/figures/diff-confusion-matrices.svg"));
    LayoutChecker.assertClean("diff-confusion-matrices", svg.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void configsDifferingInOneKeyNameThatKeyAndTablesCarryTheirSign() throws Exception {
    Path a = report("a", 3, 0.85, "0.750", new int[][] {{9, 1}, {2, 8}}, Color.BLUE);
    Path b = report("b", 5, 0.9, "0.700", new int[][] {{10, 0}, {1, 9}}, Color.RED);
    ReportDiff.write(ReportDiff.Report.read(a), ReportDiff.Report.read(b), dir.resolve("out"),
        new ReportWriter.Options(false, null));
    JsonNode diff = JSON.readTree(dir.resolve("out/diff.json").toFile());
    assertThat(diff.get("config_changes")).hasSize(1);
    assertThat(diff.get("config_changes").get(0).get("key").asText()).isEqualTo("train.epochs");
    String html = Files.readString(dir.resolve("out/index.html"));
    assertThat(html).contains("1 key differs, in train: train.epochs").contains("B − A +5.00 points");
    JsonNode rows = diff.get("figures").get(1).get("tables").get(0).get("rows");
    // cat's F1 0.750 → 0.700: −0.050; accuracies and supports equal: 0.0% and 0
    assertThat(rows.get(0).toString()).isEqualTo("[\"cat\",\"−0.050\",\"0.0%\",\"0\"]");
  }

  /** Both matrices' colour bars span the same range (0 to the larger count, 10), read from the SVG's tick labels. */
  @Test
  void bothConfusionMatricesShareOneColourScale() throws Exception {
    Path a = report("a", 3, 0.85, "0.750", new int[][] {{7, 3}, {2, 8}}, Color.BLUE);
    Path b = report("b", 3, 0.9, "0.750", new int[][] {{10, 0}, {1, 9}}, Color.BLUE);
    ReportDiff.write(ReportDiff.Report.read(a), ReportDiff.Report.read(b), dir.resolve("out"),
        new ReportWriter.Options(false, null));
    List<List<Double>> bars = colourBars(Files.readAllBytes(dir.resolve("out/figures/diff-confusion-matrices.svg")));
    assertThat(bars).hasSize(3);
    // A's largest count is 8, B's 10: both bars run 0..10
    assertThat(bars.get(0)).contains(0.0, 10.0);
    assertThat(java.util.Collections.max(bars.get(0))).isEqualTo(10.0);
    assertThat(java.util.Collections.min(bars.get(0))).isEqualTo(0.0);
    assertThat(bars.get(1)).containsExactlyInAnyOrderElementsOf(bars.get(0));
    // the difference's bar is symmetric about 0: the largest change is 3 (cat → dog, 3 → 0)
    assertThat(java.util.Collections.max(bars.get(2))).isEqualTo(3.0);
    assertThat(java.util.Collections.min(bars.get(2))).isEqualTo(-3.0);
  }

  /** A site's comparison page: three experiments' matrices on one scale (0 to the largest count of all, 12). */
  @Test
  void aSiteComparesManyMatricesOnOneScale() throws Exception {
    List<ReportDiff.Report> rs = new ArrayList<>();
    rs.add(ReportDiff.Report.read(report("a", 3, 0.85, "0.750", new int[][] {{7, 3}, {2, 8}}, Color.BLUE)));
    rs.add(ReportDiff.Report.read(report("b", 3, 0.85, "0.750", new int[][] {{12, 0}, {2, 8}}, Color.BLUE)));
    rs.add(ReportDiff.Report.read(report("c", 3, 0.85, "0.750", new int[][] {{5, 5}, {5, 5}}, Color.BLUE)));
    Path out = Files.createDirectories(dir.resolve("site-compare"));
    String caption = ReportDiff.writeShared(rs, "confusion", out, "confusion-matrices", (png, svg, c) -> c);
    assertThat(caption).contains("0 to 12");
    List<List<Double>> bars = colourBars(Files.readAllBytes(out.resolve("confusion-matrices.svg")));
    assertThat(bars).hasSize(3);
    for (List<Double> b : bars) {
      assertThat(java.util.Collections.min(b)).isEqualTo(0.0);
      assertThat(java.util.Collections.max(b)).isEqualTo(12.0);
    }
  }

  /** Training curves of a 1-epoch and a 3-epoch run drawn again on one pair of axes, A's and B's series named so. */
  @Test
  void chartKindsShareTheirAxes() throws Exception {
    List<String> cols = List.of("Epoch", "Train loss", "Test loss", "Train accuracy", "Test accuracy");
    Table a = new Table("Per epoch", cols, List.of(List.of("1", "2.0000", "1.9000", "20.00%", "25.00%")));
    Table b = new Table("Per epoch", cols, List.of(List.of("1", "2.0000", "1.9000", "20.00%", "25.00%"),
        List.of("2", "1.5000", "1.4000", "40.00%", "45.00%"), List.of("3", "1.0000", "1.2000", "60.00%", "55.00%")));
    var d = ReportDiff.sharedAxes("training-curves", List.of(a), List.of(b));
    assertThat(d).isNotNull();
    LayoutChecker.assertClean("training curves A vs B", d);
    String svg = new String(new org.deepfig.render.SvgEncoder().encode(d, "{}"), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(svg).contains(">A train<").contains(">B test<");
    // the difference table: epoch 1 equal, epochs 2 and 3 only in B
    Table diff = ReportDiff.difference(a, b);
    assertThat(diff.rows().get(0)).containsExactly("1", "0.0000", "0.0000", "0.00%", "0.00%");
    assertThat(diff.rows().get(2).get(0)).isEqualTo("3 (only in B)");
    // a picture kind is not redrawn
    assertThat(ReportDiff.sharedAxes("filters", List.of(a), List.of(b))).isNull();
  }

  /**
   * A site of three experiments' training curves: a chart per curve (test and train loss, test and train accuracy),
   * each with every experiment's series (named by the experiment) on the same axes, whose y limits take in all of
   * them (loss 0.5 from "slow" to 3.2 from "fast"; accuracy 10% to 90%).
   */
  @Test
  void aSitesComparisonPageDrawsEveryExperimentsCurvesOnSharedAxes() throws Exception {
    Path site = Files.createDirectories(dir.resolve("site"));
    List<org.deepfig.report.site.ReportFolder> folders = new ArrayList<>();
    String[][] losses = {{"3.2000", "2.0000"}, {"1.5000", "0.5000"}, {"2.5000", "1.0000"}};
    String[][] accs = {{"10.00%", "40.00%"}, {"50.00%", "90.00%"}, {"30.00%", "60.00%"}};
    String[] names = {"fast", "slow", "middle"};
    for (int e = 0; e < 3; e++) {
      Path d = Files.createDirectories(site.resolve(names[e]).resolve("figures"));
      ObjectNode m = JSON.createObjectNode();
      m.put("title", names[e]);
      m.put("config_sha256", names[e]);
      ObjectNode fig = m.putArray("figures").addObject();
      fig.put("id", "training-curves");
      fig.put("kind", "training-curves");
      fig.put("title", "Training curves");
      fig.putArray("files").addObject().put("path", "figures/training-curves.png");
      ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png",
          d.resolve("training-curves.png").toFile());
      List<String> cols = List.of("Epoch", "Train loss", "Test loss", "Train accuracy", "Test accuracy");
      fig.set("tables", JSON.valueToTree(List.of(new Table("Per epoch", cols, List.of(
          List.of("1", losses[e][0], losses[e][0], accs[e][0], accs[e][0]),
          List.of("2", losses[e][1], losses[e][1], accs[e][1], accs[e][1]))))));
      JSON.writeValue(d.getParent().resolve("manifest.json").toFile(), m);
      Files.writeString(d.getParent().resolve("index.html"), "<html><body>" + names[e] + "</body></html>");
      folders.add(org.deepfig.report.site.ReportFolder.read(names[e], d.getParent()));
    }
    new org.deepfig.report.site.SiteBuilder(new org.deepfig.report.Templates(null)).build(site, "site", folders);
    assertThat(Files.readString(site.resolve("compare/training-curves.html")))
        .contains("training-curves-shared.png").contains("shared axes");
    byte[] svg = Files.readAllBytes(site.resolve("compare/training-curves-shared.svg"));
    LayoutChecker.assertClean("site training curves", svg);
    org.w3c.dom.Document doc = svgDocument(svg);
    // four charts (test loss, test accuracy, train loss, train accuracy), not one per experiment
    assertThat(groups(doc, SvgGroups.PLOT_AREA)).hasSize(4);
    List<List<Double>> yTicks = new ArrayList<>();
    for (Element g : groups(doc, SvgGroups.Y_TICKS)) {
      List<Double> v = new ArrayList<>();
      for (String t : texts(g)) v.add(Double.parseDouble(t.replace('−', '-')));
      yTicks.add(v);
    }
    assertThat(yTicks).hasSize(4);
    assertThat(yTicks.get(2)).isEqualTo(yTicks.get(0)); // train and test losses are equal here, so are their axes
    // the ticks lie inside the limits: a loss axis with ticks at or below 1 and at or above 3 holds both "fast"
    // (2.0 to 3.2) and "slow" (0.5 to 1.5), which no one experiment's own axis would
    assertThat(java.util.Collections.min(yTicks.get(0))).isLessThanOrEqualTo(1.0);
    assertThat(java.util.Collections.max(yTicks.get(0))).isGreaterThanOrEqualTo(3.0);
    assertThat(java.util.Collections.min(yTicks.get(1))).isLessThanOrEqualTo(0.2);
    assertThat(java.util.Collections.max(yTicks.get(1))).isGreaterThanOrEqualTo(0.8);
    // every experiment's series in every chart, named by the experiment, in the same order (so the same colour)
    for (Element g : groups(doc, SvgGroups.LEGEND)) assertThat(texts(g)).containsExactly(names);
  }

  /**
   * Calibration and lesion redrawn for three runs from their tables: the reliability diagram's x is the bins' mean
   * confidence (not their "(lo, hi]" names) with the diagonal last; the lesion chart takes the importance-order curve;
   * a run without the table gives no chart.
   */
  @Test
  void calibrationAndLesionCurvesOfManyRunsShareTheirAxes() throws Exception {
    List<String> cols = List.of("Confidence", "Images", "Right", "Mean confidence", "Accuracy", "Accuracy − confidence");
    List<List<Table>> calibration = new ArrayList<>();
    for (String acc : List.of("0.100", "0.500", "0.900")) {
      calibration.add(List.of(new Table("Reliability bins, whole test set", cols, List.of(
          List.of("(0.000, 0.500]", "4", "1", "0.300", acc, "0.000"),
          List.of("(0.500, 1.000]", "0", "0", "NaN", "NaN", "—")))));
    }
    List<String> names = List.of("r1", "r2", "r3");
    var d = ReportDiff.sharedAxesOf("calibration", names, calibration);
    LayoutChecker.assertClean("calibration of three runs", d);
    org.w3c.dom.Document doc = svgDocument(new org.deepfig.render.SvgEncoder().encode(d, "{}"));
    assertThat(texts(groups(doc, SvgGroups.LEGEND).get(0))).containsExactly("r1", "r2", "r3", "perfect calibration");
    // accuracies 0.1, 0.5, 0.9 and the diagonal 0..1 on one y axis
    List<Double> y = texts(groups(doc, SvgGroups.Y_TICKS).get(0)).stream().map(Double::parseDouble).toList();
    assertThat(java.util.Collections.min(y)).isLessThanOrEqualTo(0.1);
    assertThat(java.util.Collections.max(y)).isGreaterThanOrEqualTo(0.9);
    List<String> lesionCols = List.of("Channels ablated", "importance order (%)", "reverse order (%)",
        "random order (%)");
    List<List<Table>> lesion = List.of(
        List.of(new Table("Cumulative ablation of conv2", lesionCols, List.of(List.of("0", "90.0", "90.0", "90.0"),
            List.of("4", "20.0", "80.0", "50.0")))),
        List.of(new Table("Cumulative ablation of conv2", lesionCols, List.of(List.of("0", "95.0", "95.0", "95.0"),
            List.of("4", "60.0", "90.0", "70.0")))));
    var l = ReportDiff.sharedAxesOf("lesion", List.of("r1", "r2"), lesion);
    org.w3c.dom.Document ld = svgDocument(new org.deepfig.render.SvgEncoder().encode(l, "{}"));
    assertThat(texts(groups(ld, SvgGroups.LEGEND).get(0))).containsExactly("r1", "r2");
    List<Double> ly = texts(groups(ld, SvgGroups.Y_TICKS).get(0)).stream().map(Double::parseDouble).toList();
    // importance order only: r1 falls 90 → 20, r2 95 → 60; the ticks (inside the limits) reach from r1's low to
    // above r2's low, so r2's series sits on an axis far beyond its own range
    assertThat(java.util.Collections.min(ly)).isLessThanOrEqualTo(20.0);
    assertThat(java.util.Collections.max(ly)).isGreaterThanOrEqualTo(80.0);
    assertThat(ReportDiff.sharedAxesOf("lesion", List.of("r1", "r2"), List.of(lesion.get(0), List.of()))).isNull();
  }

  private static org.w3c.dom.Document svgDocument(byte[] svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
  }

  private static List<Element> groups(org.w3c.dom.Document doc, String cssClass) {
    NodeList gs = doc.getElementsByTagNameNS("*", "g");
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < gs.getLength(); i++) {
      if (((Element) gs.item(i)).getAttribute("class").equals(cssClass)) out.add((Element) gs.item(i));
    }
    return out;
  }

  private static List<String> texts(Element g) {
    NodeList ts = g.getElementsByTagNameNS("*", "text");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < ts.getLength(); i++) out.add(ts.item(i).getTextContent().trim());
    return out;
  }

  /** The tick values of every colour bar in an SVG, bar by bar. */
  static List<List<Double>> colourBars(byte[] svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    NodeList groups = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg)).getElementsByTagNameNS("*", "g");
    List<List<Double>> bars = new ArrayList<>();
    for (int i = 0; i < groups.getLength(); i++) {
      Element g = (Element) groups.item(i);
      if (!g.getAttribute("class").equals(SvgGroups.COLOUR_BAR_TICKS)) continue;
      List<Double> values = new ArrayList<>();
      NodeList texts = g.getElementsByTagNameNS("*", "text");
      for (int t = 0; t < texts.getLength(); t++) {
        values.add(Double.parseDouble(texts.item(t).getTextContent().trim().replace('−', '-')));
      }
      bars.add(values);
    }
    return bars;
  }
}
