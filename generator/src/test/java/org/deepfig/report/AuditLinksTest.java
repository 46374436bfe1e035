package org.deepfig.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deepfig.analysis.Table;
import org.deepfig.cli.Main;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each confusion-matrix cell (and each row of the many-class view's pairs table) links to its confused pair's
 * examples in the mistakes figure: only the pairs that figure shows are linked, and every link's target exists.
 */
@Tag("slow")
class AuditLinksTest {
  static Set<String> all(String html, String regex) {
    Set<String> out = new TreeSet<>();
    Matcher m = Pattern.compile(regex).matcher(html);
    while (m.find()) out.add(m.group(1));
    return out;
  }

  @Test
  void linksResolveToTheFigureHoldingTheAnchorAndLinksWithoutAnchorAreDropped(@TempDir Path root) throws IOException {
    Path figDir = Files.createDirectories(root.resolve("figures"));
    FigureView target = BuiltReports.panels(figDir, "mistakes-pairs", "Pairs", 2, 120, List.of());
    target = target.withLinks(List.of(new FigureView.HotspotView("0%", "0%", "100%", "50%", "a → b", null, null,
        "confused-0-1", null)), target.tables());
    FigureView source = BuiltReports.panels(figDir, "confusion", "Matrix", 2, 120, List.of());
    Table pairs = new Table("Most-confused pairs", List.of("True class", "Predicted as"),
        List.of(List.of("a", "b"), List.of("b", "a")), List.of("confused-0-1", "confused-1-0"));
    source = source.withLinks(List.of(
        new FigureView.HotspotView("0%", "0%", "50%", "50%", "a as b", null, null, null, "confused-0-1"),
        new FigureView.HotspotView("50%", "0%", "50%", "50%", "b as a", null, null, null, "confused-1-0")),
        List.of(pairs));
    ReportView view = new ReportView("t", "s", List.of(), List.of(), List.of(source, target), List.of("a", "b"), "1%",
        "style.css", null, null);
    ReportView linked = ReportViews.linked(view);
    assertThat(linked.figures().get(0).hotspots()).extracting(FigureView.HotspotView::link)
        .containsExactly("mistakes-pairs#confused-0-1", null);
    assertThat(linked.figures().get(0).tables().get(0).rowLinks())
        .containsExactly("mistakes-pairs#confused-0-1", null);
    Files.writeString(root.resolve("manifest.json"), "{}\n");
    new ReportWriter(new Templates(null), new ReportWriter.Options(false, null)).write(root, view);
    String index = Files.readString(root.resolve("index.html"));
    assertThat(all(index, "<a class=\"hotspot linked\" href=\"([^\"]*)\"")).containsExactly("#confused-0-1");
    assertThat(all(index, "<th scope=\"row\"><a href=\"([^\"]*)\">a</a>")).containsExactly("#confused-0-1");
    assertThat(index).contains("<th scope=\"row\">b</th>").contains("aria-label=\"b as a\"");
    assertThat(all(index, " id=\"(confused-[^\"]*)\"")).containsExactly("confused-0-1");
    // a figure page links to the other figure's page beside it
    String page = Files.readString(root.resolve("figures/confusion.html"));
    assertThat(all(page, "href=\"([^\"]*#confused-[^\"]*)\"")).containsExactly("mistakes-pairs.html#confused-0-1");
    assertThat(Files.readString(root.resolve("figures/mistakes-pairs.html"))).contains("id=\"confused-0-1\"");
  }

  @Test
  void aRealRunLinksTheMatrixCellsAndThePairsTableRowsToTheMistakesFiguresPairs(@TempDir Path dir)
      throws IOException {
    Path cfg = dir.resolve("c.yaml");
    Files.writeString(cfg, "seed: 5\ndevice: cpu\ndata: {source: shapes, train_size: 200, test_size: 120}\n"
        + "model: {arch: mlp}\ntrain: {epochs: 1}\noutput: {formats: [svg, png]}\n"
        + "figures:\n  - kind: confusion\n  - {kind: confusion, max_matrix_classes: 2}\n"
        + "  - {kind: mistakes, count: 4, pairs: 3, per_pair: 2}\n");
    Path out = dir.resolve("out");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8);
    int code = Main.execute(new String[] {"run", cfg.toString(), "--out", out.toString(), "--cache",
        dir.resolve("cache").toString()}, ps, ps);
    assertThat(code).as(log.toString(StandardCharsets.UTF_8)).isZero();
    String index = Files.readString(out.resolve("index.html"));
    Set<String> anchors = all(index, " id=\"(confused-\\d+-\\d+)\"");
    assertThat(anchors).as("one anchor per pair the mistakes figure shows").hasSize(3);
    // the matrix: exactly the cells of the shown pairs link, each to an anchor on the page; the other cells with
    // images keep their hover note without a link
    Set<String> cellLinks = all(index, "<a class=\"hotspot linked[^\"]*\" href=\"#([^\"]*)\"");
    assertThat(cellLinks).isEqualTo(anchors);
    int notes = all(index, "<span class=\"hotspot[^\"]*\" tabindex=\"0\" role=\"note\" aria-label=\"([^\"]*)\"")
        .size();
    assertThat(notes).as("unlinked cells (diagonal and pairs not shown) and the pairs' own rows").isGreaterThan(3);
    // the many-class view (confusion-2): its pairs table rows link the same pairs, the others are plain
    String many = index.substring(index.indexOf("id=\"confusion-2\""));
    many = many.substring(0, many.indexOf("</section>"));
    assertThat(all(many, "<th scope=\"row\"><a href=\"#([^\"]*)\"")).isEqualTo(anchors);
    assertThat(many).contains("<th scope=\"row\">");
    // on the figure pages the links go to the mistakes figure's page, which holds the anchors
    String page = Files.readString(out.resolve("figures/confusion.html"));
    Set<String> targets = all(page, "href=\"mistakes-pairs\\.html#([^\"]*)\"");
    assertThat(targets).isEqualTo(anchors);
    String pairsPage = Files.readString(out.resolve("figures/mistakes-pairs.html"));
    for (String a : anchors) assertThat(pairsPage).contains("id=\"" + a + "\"");
    List<String> shown = new ArrayList<>(anchors);
    assertThat(shown).allMatch(a -> !a.matches("confused-(\\d+)-\\1"), "no diagonal cell");
  }
}
