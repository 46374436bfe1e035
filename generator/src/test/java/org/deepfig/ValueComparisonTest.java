package org.deepfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.imageio.ImageIO;
import org.deepfig.analysis.ValueMaps;
import org.deepfig.analysis.ValueMaps.ValueMap;
import org.deepfig.render.LayoutChecker;
import org.deepfig.report.ReportWriter;
import org.deepfig.report.Templates;
import org.deepfig.report.site.ReportFolder;
import org.deepfig.report.site.SiteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pictures compared through the values behind them ({@code <id>.values.json}): hand-made maps whose differences and
 * ranges are known, in hand-made report folders, through {@code deepfig diff} and a site's comparison page.
 */
class ValueComparisonTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void valuesSurviveTheirFileBitForBit() throws Exception {
    ValueMaps v = new ValueMaps(List.of(ValueMap.of("g", "m", "diverging", "u", 1, 3,
        new float[] {-0.0f, Float.MIN_VALUE, 1 / 3f}), new ValueMap("g2", "rgb", "rgb", "input", 3, 1, 1,
        new float[] {0.1f, 0.2f, 0.3f})));
    ValueMaps back = ValueMaps.read(v.bytes());
    assertThat(back.maps()).hasSize(2);
    assertThat(Float.floatToRawIntBits(back.maps().get(0).values()[0])).isEqualTo(Float.floatToRawIntBits(-0.0f));
    assertThat(back.maps().get(0).values()[1]).isEqualTo(Float.MIN_VALUE);
    assertThat(back.maps().get(0).values()[2]).isEqualTo(1 / 3f);
    assertThat(back.maps().get(1).channels()).isEqualTo(3);
    // the same numbers give the same bytes (the file's sha256 in the manifest is reproducible)
    assertThat(back.bytes()).isEqualTo(v.bytes());
  }

  /** B − A of hand-made maps: known differences at known positions; maps of another shape are not subtracted. */
  @Test
  void differencesAreOfValuesAtTheirPositions() {
    ValueMaps a = new ValueMaps(List.of(
        ValueMap.of("Gradient", "img 1", "diverging", "attribution", 2, 3, new float[] {0, 1, 2, 3, 4, 5}),
        new ValueMap("conv1", "#0", "rgb", "weight", 3, 1, 2, new float[] {0, 0, 0, 0, 0, 0}),
        ValueMap.of("conv2", "#0", "diverging", "weight", 2, 2, new float[] {1, 1, 1, 1})));
    ValueMaps b = new ValueMaps(List.of(
        ValueMap.of("Gradient", "img 1", "diverging", "attribution", 2, 3, new float[] {0, 1, 2, 3, 9, 4}),
        new ValueMap("conv1", "#0", "rgb", "weight", 3, 1, 2, new float[] {3, 0, 0, 0, 0, 6}),
        ValueMap.of("conv2", "#0", "diverging", "weight", 1, 4, new float[] {1, 1, 1, 1})));
    List<ValueMap> d = ValueComparison.differences(a, b);
    assertThat(d).hasSize(2); // conv2's maps are 2×2 and 1×4: they do not correspond
    // row 1, column 1: 9 − 4 = +5; row 1, column 2: 4 − 5 = −1; every other value equal
    assertThat(d.get(0).values()).containsExactly(0, 0, 0, 0, 5, -1);
    // RGB: the mean over channels, +3 in red at pixel 0 and +6 in blue at pixel 1 → 1 and 2
    assertThat(d.get(1).values()).containsExactly(1, 2);
    assertThat(d.get(1).channels()).isEqualTo(1);
  }

  /** The saliency, activation and filter maps of a run against itself differ by exactly zero everywhere. */
  @Test
  void aRunAgainstItselfHasAllZeroValueMaps() throws Exception {
    Path a = report("a", saliency(0.5f, 1f), filters(-0.2f, 0.1f));
    ReportDiff.Report ra = ReportDiff.Report.read(a);
    for (String id : List.of("saliency", "filters-conv1")) {
      ValueMaps v = ra.values(ra.figure(id));
      List<ValueMap> d = ValueComparison.differences(v, v);
      assertThat(d).hasSize(v.maps().size());
      for (ValueMap m : d) for (float x : m.values()) assertThat(x).isEqualTo(0f);
    }
    ReportDiff.write(ra, ra, dir.resolve("out"), new ReportWriter.Options(false, null));
    JsonNode diff = JSON.readTree(dir.resolve("out/diff.json").toFile());
    List<String> byValues = new ArrayList<>();
    for (JsonNode f : diff.get("figures")) {
      if (f.path("parameters").path("difference").asText().equals("values")) byValues.add(f.get("id").asText());
    }
    assertThat(byValues).containsExactly("diff-saliency", "diff-filters-conv1");
  }

  /**
   * A's and B's rows of each group share one colour bar: saliency's signed Gradient maps ±2 (B's larger maximum),
   * its Grad-CAM maps 0 to 3, the greys filters −0.2 to 0.4; the rows B − A are symmetric about 0.
   */
  @Test
  void diffDrawsBothRunsOnOneScaleAndTheirDifference() throws Exception {
    Path a = report("a", saliency(0.5f, 1f), filters(-0.2f, 0.1f));
    Path b = report("b", saliency(2f, 3f), filters(-0.1f, 0.4f));
    ReportDiff.write(ReportDiff.Report.read(a), ReportDiff.Report.read(b), dir.resolve("out"),
        new ReportWriter.Options(false, null));
    byte[] svg = Files.readAllBytes(dir.resolve("out/figures/diff-saliency.svg"));
    LayoutChecker.assertClean("diff-saliency", svg);
    List<List<Double>> bars = ReportDiffTest.colourBars(svg);
    assertThat(bars).hasSize(6); // Gradient: A, B, B − A; Grad-CAM: A, B, B − A
    assertRange(bars.get(0), -2, 2);
    assertRange(bars.get(1), -2, 2);
    // Gradient B − A: the maps are 0.5·p and 2·p for p in [−1, 1], their largest difference 1.5
    assertRange(bars.get(2), -1.5, 1.5);
    assertRange(bars.get(3), 0, 3);
    assertRange(bars.get(4), 0, 3);
    assertThat(bars.get(4)).containsExactlyElementsOf(bars.get(3));
    assertThat(Files.readString(dir.resolve("out/index.html"))).contains("drawn again from the values")
        .doesNotContain("pixel by pixel");
    byte[] filters = Files.readAllBytes(dir.resolve("out/figures/diff-filters-conv1.svg"));
    LayoutChecker.assertClean("diff-filters-conv1", filters);
    List<List<Double>> fb = ReportDiffTest.colourBars(filters);
    assertThat(fb).hasSize(3);
    assertRange(fb.get(0), -0.2, 0.4);
    assertRange(fb.get(1), -0.2, 0.4);
    assertThat(fb.get(1)).containsExactlyElementsOf(fb.get(0));
  }

  /** Folders made before values were kept: the pixel difference, and the caption says it is one. */
  @Test
  void withoutValuesTheDiffFallsBackToPixelsAndSaysSo() throws Exception {
    Path a = report("a", saliency(0.5f, 1f), filters(-0.2f, 0.1f));
    Path b = report("b", saliency(2f, 3f), filters(-0.1f, 0.4f));
    Files.delete(b.resolve("figures/saliency.values.json"));
    ReportDiff.write(ReportDiff.Report.read(a), ReportDiff.Report.read(b), dir.resolve("out"),
        new ReportWriter.Options(false, null));
    JsonNode figures = JSON.readTree(dir.resolve("out/diff.json").toFile()).get("figures");
    String html = Files.readString(dir.resolve("out/index.html"));
    assertThat(html).contains("made before deepfig kept the values").contains("difference of pixels, not of values");
    assertThat(figures.toString()).contains("\"difference\":\"values\""); // the filters still compare values
  }

  /** A site's comparison page of saliency: every experiment's row on one scale (0 to 5 for Grad-CAM). */
  @Test
  void aSitesComparisonPageDrawsEveryExperimentOnOneScale() throws Exception {
    Path site = Files.createDirectories(dir.resolve("site"));
    List<ReportFolder> reports = new ArrayList<>();
    float[][] scales = {{0.5f, 1f}, {2f, 3f}, {1f, 5f}};
    for (int i = 0; i < 3; i++) {
      String name = "e" + i;
      report(name, saliency(scales[i][0], scales[i][1]), filters(-0.2f, 0.1f + i));
      Files.move(dir.resolve(name), site.resolve(name));
      Files.writeString(site.resolve(name).resolve("index.html"), "<html><body>" + name + "</body></html>");
      reports.add(ReportFolder.read(name, site.resolve(name)));
    }
    new SiteBuilder(new Templates(null)).build(site, "site", reports);
    String page = Files.readString(site.resolve("compare/saliency.html"));
    assertThat(page).contains("saliency-shared.png").contains("one colour scale");
    byte[] svg = Files.readAllBytes(site.resolve("compare/saliency-shared.svg"));
    LayoutChecker.assertClean("site saliency", svg);
    List<List<Double>> bars = ReportDiffTest.colourBars(svg);
    assertThat(bars).hasSize(6); // Gradient and Grad-CAM, three experiments each, no difference row
    for (int i = 0; i < 3; i++) {
      assertRange(bars.get(i), -2, 2);
      assertRange(bars.get(3 + i), 0, 5);
    }
    assertThat(Files.readString(site.resolve("compare/filters.html"))).contains("filters-conv1-shared.png");
    assertRange(ReportDiffTest.colourBars(Files.readAllBytes(site.resolve("compare/filters-conv1-shared.svg"))).get(2), -0.2, 2.1);
  }

  /**
   * A lesion map of classes × channels compared in a diff: every run's tile carries the class names on its left, the
   * channel numbers (all three fit) and "channel" under the last row; the B − A row keeps them.
   */
  @Test
  void aLabelledMapIsDrawnWithItsRowAndColumnNames() throws Exception {
    ValueMaps.Axes axes = new ValueMaps.Axes("class", List.of("cat", "dog"), "channel", List.of("0", "1", "2"));
    ValueMaps a = new ValueMaps(List.of(ValueMap.of("conv1", "classes × channels", "diverging", "pp", 2, 3,
        new float[] {10, 30, 50, 20, 40, 60}).withAxes(axes)));
    ValueMaps b = new ValueMaps(List.of(ValueMap.of("conv1", "classes × channels", "diverging", "pp", 2, 3,
        new float[] {0, 30, 50, 20, 40, 80}).withAxes(axes)));
    assertThat(ValueMaps.read(a.bytes()).maps().get(0).axes()).isEqualTo(axes);
    assertThat(ValueComparison.differences(a, b).get(0).axes()).isEqualTo(axes);
    var d = ValueComparison.draw(List.of("A", "B"), List.of(a, b), true);
    LayoutChecker.assertClean("lesion comparison", d);
    String svg = new String(new org.deepfig.render.SvgEncoder().encode(d, "{}"),
        java.nio.charset.StandardCharsets.UTF_8);
    // class names beside each of the three rows (A, B, B − A); channel names once
    assertThat(svg.split(">cat<", -1)).hasSize(4);
    assertThat(svg.split(">dog<", -1)).hasSize(4);
    assertThat(svg).contains(">0<", ">1<", ">2<", ">channel<");
    // the difference: −10 for cat at channel 0 and +20 for dog at channel 2, so the bar runs −20..20
    assertRange(ReportDiffTest.colourBars(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)).get(2), -20, 20);
    assertThat(ValueComparison.notes(List.of(a, b))).isEqualTo(" In conv1's map the rows are classes (named beside "
        + "each run's map) and the columns channels (named under the last).");
  }

  /** Saliency keeps its inputs: they head each method's rows (one tile per image) and are not compared themselves. */
  @Test
  void saliencyInputsHeadTheirMapsAndAreNotCompared() {
    List<ValueMap> withInputs = new ArrayList<>(saliency(1f, 1f).maps());
    for (String img : List.of("#1", "#2")) {
      withInputs.add(ValueMap.of(ValueMaps.INPUTS, img, "greys", "input", 4, 4, new float[16]));
    }
    ValueMaps v = new ValueMaps(withInputs);
    List<ValueComparison.Group> groups = ValueComparison.groups(List.of(v, v));
    assertThat(groups).extracting(ValueComparison.Group::name).containsExactly("Gradient", "Grad-CAM");
    for (ValueComparison.Group g : groups) {
      assertThat(g.inputs()).extracting(ValueMap::name).containsExactlyElementsOf(g.names());
    }
    // without inputs (a filters figure) a group has none
    assertThat(ValueComparison.groups(List.of(filters(0, 1), filters(0, 1))).get(0).inputs()).isNull();
    LayoutChecker.assertClean("saliency with inputs", ValueComparison.draw(List.of("A", "B"), List.of(v, v), true));
    assertThat(ValueComparison.notes(List.of(v, v))).contains("input, is the images the maps are of");
  }

  private static void assertRange(List<Double> ticks, double min, double max) {
    assertThat(Collections.min(ticks)).isCloseTo(min, within(1e-6));
    assertThat(Collections.max(ticks)).isCloseTo(max, within(1e-6));
  }

  /**
   * Saliency of two images: a signed Gradient map {@code signed}·p with p running −1..1 over the 4×4 pixels, and a
   * Grad-CAM magnitude map running 0..{@code magnitude}.
   */
  private static ValueMaps saliency(float signed, float magnitude) {
    List<ValueMap> maps = new ArrayList<>();
    for (String img : List.of("#1", "#2")) {
      float[] g = new float[16];
      float[] c = new float[16];
      for (int i = 0; i < 16; i++) {
        g[i] = signed * (-1 + 2 * i / 15f);
        c[i] = magnitude * i / 15f;
      }
      maps.add(ValueMap.of("Gradient", img, "diverging", "attribution", 4, 4, g));
      maps.add(ValueMap.of("Grad-CAM", img, "inferno", "attribution", 4, 4, c));
    }
    return new ValueMaps(maps);
  }

  /** Two first-layer filters (one input channel, 3×3, greys), the weights running {@code lo}..{@code hi}. */
  private static ValueMaps filters(float lo, float hi) {
    List<ValueMap> maps = new ArrayList<>();
    for (int f = 0; f < 2; f++) {
      float[] w = new float[9];
      for (int i = 0; i < 9; i++) w[i] = f == 0 ? lo + (hi - lo) * i / 8f : 0;
      maps.add(ValueMap.of("conv1", "#" + f, "greys", "weight", 3, 3, w));
    }
    return new ValueMaps(maps);
  }

  /** A report folder with a saliency and a filters figure, their values kept as a run keeps them. */
  private Path report(String name, ValueMaps saliency, ValueMaps filters) throws Exception {
    Path d = Files.createDirectories(dir.resolve(name).resolve("figures"));
    ObjectNode m = JSON.createObjectNode();
    m.put("title", name);
    m.put("config_sha256", name + "-sha");
    m.put("test_accuracy", 0.5);
    m.putObject("config").put("seed", 1);
    ArrayNode figs = m.putArray("figures");
    for (Object[] f : new Object[][] {{"saliency", "saliency", "Attribution maps", saliency},
        {"filters-conv1", "filters", "Filters of conv1", filters}}) {
      ObjectNode fig = figs.addObject();
      fig.put("id", (String) f[0]);
      fig.put("kind", (String) f[1]);
      fig.put("title", (String) f[2]);
      ArrayNode files = fig.putArray("files");
      files.addObject().put("path", "figures/" + f[0] + ".png");
      files.addObject().put("path", "figures/" + f[0] + ValueMaps.SUFFIX);
      BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
      img.setRGB(name.length() % 40, 3, 0xff0000);
      ImageIO.write(img, "png", d.resolve(f[0] + ".png").toFile());
      fig.putArray("tables");
      Files.write(d.resolve(f[0] + ValueMaps.SUFFIX), ((ValueMaps) f[3]).bytes());
    }
    JSON.writeValue(dir.resolve(name).resolve("manifest.json").toFile(), m);
    return dir.resolve(name);
  }
}
