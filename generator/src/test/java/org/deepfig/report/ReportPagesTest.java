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
import org.junit.jupiter.api.Test;

/**
 * Opens every generated page in headless Chromium as a reader would: every image loads, nothing is logged as an
 * error, every internal link leads to a file (and anchor) that exists, no payload hidden in user text runs, and the
 * pages fit a phone's width. Screenshots go to target/test-artifacts/.
 */
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
    for (Path page : List.of(built.handMade.resolve("index.html"), built.handMade.resolve(ReportWriter.SINGLE_FILE))) {
      Chromium.PageReport r = chromium.open(page, 1200, 1200, null);
      // the hand-made figure's hotspot shows cell 1 (blue) of a 2-cell sprite: 64 px to the left
      assertThat(r.focusedThumbnail()).as(page.toString()).contains("url(\\\"data:image/png;base64,")
          .contains("\"position\":\"-64px 0px\"").contains("\"width\":\"64px\"");
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
