package org.deepfig.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Opens every generated page in headless Chromium as a reader would: every image loads, nothing is logged as an
 * error, every internal link leads to a file (and anchor) that exists, no payload hidden in user text runs, and the
 * pages fit a phone's width. Screenshots go to target/test-artifacts/.
 */
@Tag("slow")
class ReportPagesTest {
  private static BuiltReports built;
  private static Chromium chromium;

  @BeforeAll
  static void build() throws Exception {
    Chromium.assumeInstalled();
    built = BuiltReports.get();
    chromium = new Chromium();
  }

  @AfterAll
  static void stop() throws IOException {
    if (chromium != null) chromium.close();
  }

  private static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(built.report.resolve("index.html"));
    pages.addAll(htmlIn(built.report.resolve("figures")));
    pages.add(built.singleAlone);
    pages.add(built.site.resolve("index.html"));
    pages.addAll(htmlIn(built.site.resolve("compare")));
    pages.add(built.site.resolve("report/index.html"));
    pages.add(built.site.resolve("report-2/index.html"));
    pages.add(built.handMade.resolve("index.html"));
    pages.add(built.handMade.resolve("figures/confusion.html"));
    pages.add(built.handMade.resolve(ReportWriter.SINGLE_FILE));
    return pages;
  }

  private static List<Path> htmlIn(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".html")).sorted().toList();
    }
  }

  @Test
  void everyPageLoadsItsImagesWithoutErrorsAndItsLinksLeadSomewhere() throws Exception {
    List<Path> pages = pages();
    assertThat(pages).hasSizeGreaterThanOrEqualTo(12);
    for (Path page : pages) {
      Chromium.PageReport r = chromium.open(page, 1200, 2000, artifact(page, "desktop"));
      assertThat(r.errors()).as("errors on %s", page).isEmpty();
      assertThat(r.imageCount()).as("images on %s", page).isPositive();
      assertThat(r.brokenImages()).as("broken images on %s", page).isEmpty();
      assertThat(brokenLinks(r.links())).as("broken links on %s", page).isEmpty();
      assertThat(r.pwned()).as("a payload ran on %s", page).isFalse();
    }
  }

  @Test
  void payloadsInUserTextShowAsTextAndNeverRun() throws Exception {
    for (Path page : List.of(built.report.resolve("index.html"), built.singleAlone, built.site.resolve("index.html"),
        built.handMade.resolve("index.html"), built.handMade.resolve("figures/confusion.html"))) {
      Chromium.PageReport r = chromium.open(page, 1200, 1200, null);
      assertThat(r.pwned()).as(page.toString()).isFalse();
      // the title is the payload itself, shown as text: the browser read it back verbatim
      assertThat(r.title()).as(page.toString()).contains("<script>document.documentElement.dataset.pwned");
      String html = Files.readString(page);
      assertThat(html).as(page.toString()).doesNotContain("<script").doesNotContain("<img src=x")
          .contains("&lt;script&gt;document.documentElement.dataset.pwned=&#39;1&#39;&lt;/script&gt;");
    }
    String handMade = Files.readString(built.handMade.resolve("index.html"));
    for (String field : List.of("title", "caption", "parameter", "table", "hover", "note", "subtitle")) {
      assertThat(handMade).as(field).contains("&lt;img src=x onerror=&quot;document.documentElement.dataset.pwned="
          + "&#39;1&#39;&quot;&gt; " + field);
    }
  }

  @Test
  void aFocusedHotspotShowsItsThumbnailFromTheFiguresSprite() throws Exception {
    // the experiment page and the figure page share one sprite file; the single-file report inlines it
    Path sprite = built.handMade.resolve("figures/confusion" + ReportWriter.SPRITE_SUFFIX);
    for (Path page : List.of(built.handMade.resolve("index.html"), built.handMade.resolve("figures/confusion.html"),
        built.handMade.resolve(ReportWriter.SINGLE_FILE))) {
      Chromium.PageReport r = chromium.open(page, 1200, 1200, null);
      // the hand-made figure's hotspot shows cell 1 (blue) of a 2-cell sprite: 64 px to the left
      assertThat(r.focusedThumbnail()).as(page.toString()).contains(page.toString().endsWith(ReportWriter.SINGLE_FILE)
              ? "url(\\\"data:image/png;base64," : "url(\\\"" + sprite.toUri())
          .contains("\"position\":\"-64px 0px\"").contains("\"width\":\"64px\"");
    }
    assertThat(sprite).isRegularFile();
    for (String page : List.of("index.html", "figures/confusion.html")) {
      assertThat(Files.readString(built.handMade.resolve(page))).as(page).doesNotContain("data:image");
    }
  }

  /** What a phone test needs to know of each figure, table and the contents link; the page scrolled to its end. */
  private static final String LAYOUT = """
      JSON.stringify({
        figures: [...document.querySelectorAll('section.figure')].map(s => {
          const sc = s.querySelector('.scroller');
          const img = s.querySelector('.canvas img');
          const hint = s.querySelector('figure .scroll-hint');
          const cap = s.querySelector('figcaption');
          return {id: s.id, scrolls: !!sc && sc.scrollWidth > sc.clientWidth + 1,
              img: img ? img.getBoundingClientRect().width : 0,
              imgHeight: img ? img.getBoundingClientRect().height : 0,
              hint: hint && hint.offsetParent !== null ? hint.innerText : null,
              caption: cap ? cap.innerText : null};
        }),
        main: document.querySelector('main').getBoundingClientRect().width,
        tables: [...document.querySelectorAll('.table-wrap')].map(w => {
          const h = w.previousElementSibling;
          return {scrolls: w.scrollWidth > w.clientWidth + 1, shadow: getComputedStyle(w).backgroundImage,
              hint: !!h && h.classList.contains('table-hint') && h.offsetParent !== null};
        }),
        contents: (() => {
          window.scrollTo(0, document.documentElement.scrollHeight);
          const a = document.querySelector('a.to-contents');
          if (!a) return null;
          const r = a.getBoundingClientRect();
          return {href: a.getAttribute('href'),
              inView: r.width > 0 && r.top >= 0 && r.bottom <= innerHeight && r.right <= innerWidth};
        })(),
        innerHeight: innerHeight
      })""";

  @Test
  void onAPhoneFiguresStayLegibleInLabelledScrollersTablesSayTheyScrollAndCaptionsSayTap() throws Exception {
    boolean someFigureScrolls = false;
    for (Path report : List.of(built.report, built.handMade)) {
      Path page = report.resolve("index.html");
      Chromium.PageReport r = chromium.open(page, 390, 844, true, artifact(page, "phone-touch"), LAYOUT);
      assertThat(r.errors()).isEmpty();
      assertThat(r.scrollWidth()).as("page width at 390 px: %s", page).isLessThanOrEqualTo(390);
      for (var f : r.probe().path("figures")) {
        String id = f.path("id").asText();
        if (f.path("img").asDouble() == 0) continue;
        String svg = Files.readString(report.resolve("figures/" + id + ".svg"));
        double widthPt = PdfReport.rootSize(svg)[0];
        double smallestPx = SvgText.smallestFontPt(svg) * f.path("img").asDouble() / widthPt;
        assertThat(smallestPx).as("smallest text of %s on a phone, CSS px", id).isGreaterThanOrEqualTo(
            FigureView.MIN_TEXT_PX - 0.05);
        if (f.path("scrolls").asBoolean()) {
          someFigureScrolls = true;
          assertThat(f.path("hint").asText()).as("label of %s's scroller", id).contains("scroll sideways");
        } else {
          assertThat(f.path("hint").isNull()).as("no label on %s, which does not scroll", id).isTrue();
        }
      }
      for (var t : r.probe().path("tables")) {
        assertThat(t.path("shadow").asText()).contains("gradient");
        if (t.path("scrolls").asBoolean()) assertThat(t.path("hint").asBoolean()).as("table hint on %s", page).isTrue();
      }
      assertThat(r.probe().path("contents").path("inView").asBoolean()).as("contents link at the end of %s", page)
          .isTrue();
      assertThat(r.probe().path("contents").path("href").asText()).isEqualTo("#contents");
    }
    assertThat(someFigureScrolls).as("the 616-pt training curves scroll on a phone").isTrue();
    // a touch screen taps; a mouse hovers; a figure without hover annotations says neither
    var phone = chromium.open(built.handMade.resolve("index.html"), 390, 844, true, null, LAYOUT).probe();
    var desktop = chromium.open(built.handMade.resolve("index.html"), 1280, 900, false, null, LAYOUT).probe();
    assertThat(phone.path("figures").get(0).path("caption").asText()).contains("Tap a cell for its count.")
        .doesNotContain("Hover");
    assertThat(desktop.path("figures").get(0).path("caption").asText()).contains("Hover a cell for its count.")
        .doesNotContain("Tap");
  }

  @Test
  void aFigurePageShowsTheFigureAsLargeAsTheWindowAllows() throws Exception {
    // the hand-made "wide" figure is 1010 pt wide: the report's column holds it at 1176 px, a 1280 px window more
    for (String fig : List.of("report/training-curves", "report/confusion", "hand-made/wide")) {
      Path report = fig.startsWith("report/") ? built.report : built.handMade;
      String id = fig.substring(fig.indexOf('/') + 1);
      Path page = report.resolve("figures/" + id + ".html");
      var own = chromium.open(page, 1280, 800, false, artifact(page, "desktop-1280"), LAYOUT).probe();
      var inReport = chromium.open(report.resolve("index.html"), 1280, 800, false, null, LAYOUT).probe();
      var f = own.path("figures").get(0);
      double width = f.path("img").asDouble();
      double height = f.path("imgHeight").asDouble();
      // fills the width, or the height of the window less the bar above it
      assertThat(width >= 0.97 * own.path("main").asDouble() || height >= 0.85 * own.path("innerHeight").asDouble())
          .as("%s: %.0f × %.0f px in a %.0f px wide page, 800 px high", id, width, height, own.path("main").asDouble())
          .isTrue();
      double reportWidth = 0;
      for (var g : inReport.path("figures")) if (g.path("id").asText().equals(id)) reportWidth = g.path("img").asDouble();
      assertThat(width).as("%s larger on its own page than in the report", id).isGreaterThan(reportWidth + 20);
    }
  }

  @Test
  void pagesFitAPhoneScreen() throws Exception {
    for (Path page : List.of(built.report.resolve("index.html"), built.singleAlone, built.site.resolve("index.html"),
        built.report.resolve("figures/confusion.html"), built.site.resolve("compare/confusion.html"))) {
      Chromium.PageReport r = chromium.open(page, 390, 844, artifact(page, "phone"));
      assertThat(r.scrollWidth()).as("page width at 390 px: %s", page).isLessThanOrEqualTo(390);
      assertThat(r.brokenImages()).isEmpty();
    }
  }

  @Test
  void theSingleFileNeedsNoOtherFile() throws Exception {
    assertThat(Files.list(built.singleAlone.getParent()).toList()).containsExactly(built.singleAlone);
    Chromium.PageReport r = chromium.open(built.singleAlone, 1200, 2000, null);
    assertThat(r.imageCount()).isEqualTo(2);
    assertThat(r.brokenImages()).isEmpty();
    assertThat(r.links()).allSatisfy(l -> assertThat(l).matches("(data:|file:.*#).*"));
    assertThat(Files.readString(built.singleAlone)).doesNotContain("href=\"style.css\"").contains("<style>");
  }

  @Test
  void siteLinksExperimentsInOrderAndKeepsTheirManifestsTrue() throws Exception {
    String first = Files.readString(built.site.resolve("report/index.html"));
    String second = Files.readString(built.site.resolve("report-2/index.html"));
    assertThat(first).contains("href=\"../report-2/index.html\" rel=\"next\"").doesNotContain("rel=\"prev\"")
        .contains("href=\"../index.html\"");
    assertThat(second).contains("href=\"../report/index.html\" rel=\"prev\"").doesNotContain("rel=\"next\"");
    var manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        built.site.resolve("report/manifest.json").toFile());
    assertThat(manifest.path("test_accuracy").asDouble()).isBetween(0.0, 1.0);
    for (var f : manifest.path("files")) {
      assertThat(org.deepfig.provenance.Hashes.sha256(built.site.resolve("report").resolve(f.path("path").asText())))
          .as(f.path("path").asText()).isEqualTo(f.path("sha256").asText());
    }
  }

  @Test
  void theCheckerCatchesWhatItLooksFor(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.html");
    Files.writeString(bad, "<!DOCTYPE html><html><head><title>bad</title></head><body>"
        + "<img src=\"missing.png\" alt=\"missing\"/><a href=\"nowhere.html\">x</a><a href=\"#nothere\">y</a>"
        + "<script>console.error('deliberate'); document.documentElement.dataset.pwned = '1';</script>"
        + "<script>throw new Error('deliberate exception')</script></body></html>");
    Chromium.PageReport r = chromium.open(bad, 800, 600, null);
    assertThat(r.errors()).anyMatch(e -> e.contains("console.error: deliberate"))
        .anyMatch(e -> e.contains("deliberate exception"));
    assertThat(r.brokenImages()).containsExactly("missing.png");
    assertThat(r.pwned()).isTrue();
    assertThat(brokenLinks(r.links())).hasSize(2);
  }

  /** Internal links whose file does not exist or whose #anchor is not an id in that file; external links. */
  static List<String> brokenLinks(List<String> links) throws IOException {
    List<String> broken = new ArrayList<>();
    for (String link : links) {
      if (link.startsWith("data:")) continue;
      if (!link.startsWith("file:")) {
        broken.add(link + " (external: reports must work offline)");
        continue;
      }
      URI u = URI.create(link);
      Path file = Path.of(URLDecoder.decode(u.getRawPath(), StandardCharsets.UTF_8));
      if (!Files.isRegularFile(file)) {
        broken.add(link);
      } else if (u.getFragment() != null && file.toString().endsWith(".html")
          && !Files.readString(file).contains("id=\"" + u.getFragment() + "\"")) {
        broken.add(link + " (no such anchor)");
      }
    }
    return broken;
  }

  private static Path artifact(Path page, String device) {
    Path rel = BuiltReports.ROOT.relativize(page);
    String name = rel.toString().replaceAll("[/\\\\]", "_").replace(".html", "");
    return BuiltReports.ARTIFACTS.resolve("pages").resolve(name + "-" + device + ".png");
  }
}
