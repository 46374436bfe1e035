package org.deepfig.report.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.deepfig.analysis.AnalysisKinds;
import org.deepfig.provenance.Hashes;
import org.deepfig.provenance.RunManifest;
import org.deepfig.report.ReportViews;
import org.deepfig.report.Templates;
import org.deepfig.provenance.Json;

/**
 * Turns report folders already placed inside a site folder into one static site: an index with a card per
 * experiment, a bar on every experiment page leading back to the index and to the previous and next experiment,
 * and one comparison page per figure kind with that kind from every experiment side by side.
 */
public final class SiteBuilder {
  /** Where the experiment template leaves room for the site's navigation bar. */
  public static final String NAV_MARKER = "<!--deepfig:site-nav-->";
  static final String COMPARE_DIR = "compare";
  /**
   * The bar site-nav.ftlh renders, and nothing else: links only to the site's index and to sibling experiments'
   * pages, text without markup. What {@code verify} accepts in place of {@link #NAV_MARKER}.
   */
  private static final Pattern NAV = Pattern.compile("<nav class=\"site-nav\" aria-label=\"Experiments\">\\s*"
      + "<a href=\"\\.\\./index\\.html\">[^<>]*</a>\\s*"
      + "(<a href=\"\\.\\./[A-Za-z0-9._-]+/index\\.html\" rel=\"prev\">[^<>]*</a>\\s*)?"
      + "<span class=\"here\" aria-current=\"page\">[^<>]*</span>\\s*"
      + "(<a href=\"\\.\\./[A-Za-z0-9._-]+/index\\.html\" rel=\"next\">[^<>]*</a>\\s*)?</nav>");

  private final Templates templates;

  public SiteBuilder(Templates templates) {
    this.templates = templates;
  }

  public void build(Path siteDir, String siteTitle, List<ReportFolder> reports) throws IOException {
    Files.write(siteDir.resolve("style.css"), templates.resource("style.css"));
    Map<String, List<ReportFolder>> byKind = kinds(reports);
    List<SiteView.KindLink> kindLinks = new ArrayList<>();
    Map<String, String> descriptions = AnalysisKinds.descriptions();
    byKind.forEach((kind, rs) -> kindLinks.add(new SiteView.KindLink(kind, descriptions.getOrDefault(kind, ""),
        COMPARE_DIR + "/" + kind + ".html", rs.size())));

    List<SiteView.Card> cards = reports.stream().map(SiteBuilder::card).toList();
    write(siteDir.resolve("index.html"), templates.render("site-index.ftlh",
        Map.of("site", new SiteView.Index(siteTitle, cards, kindLinks, "style.css"))));

    Path compareDir = Files.createDirectories(siteDir.resolve(COMPARE_DIR));
    List<SiteView.KindLink> fromCompare = kindLinks.stream().map(k -> new SiteView.KindLink(k.kind(),
        k.description(), k.kind() + ".html", k.experiments())).toList();
    for (Map.Entry<String, List<ReportFolder>> e : byKind.entrySet()) {
      String kind = e.getKey();
      List<SiteView.Column> cols = reports.stream().map(r -> column(r, kind)).toList();
      write(compareDir.resolve(kind + ".html"), templates.render("site-compare.ftlh", Map.of("page",
          new SiteView.Compare(siteTitle, kind, descriptions.getOrDefault(kind, ""), cols, fromCompare,
              "../style.css", shared(compareDir, kind, e.getValue())))));
    }

    for (int i = 0; i < reports.size(); i++) {
      ReportFolder prev = i > 0 ? reports.get(i - 1) : null;
      ReportFolder next = i + 1 < reports.size() ? reports.get(i + 1) : null;
      ReportFolder r = reports.get(i);
      SiteView.Nav nav = new SiteView.Nav(siteTitle, "../index.html", r.title(),
          prev == null ? null : prev.title(), prev == null ? null : "../" + prev.slug() + "/index.html",
          next == null ? null : next.title(), next == null ? null : "../" + next.slug() + "/index.html");
      addNav(r.dir(), templates.render("site-nav.ftlh", Map.of("nav", nav)));
    }
  }

  /**
   * The figures of {@code kind} that every experiment has and can be drawn again on one layout and scale: the
   * confusion matrices (when all keep them over the same classes) as {@code compare/confusion-matrices.svg} and
   * {@code .png}; each figure whose pictures all keep their values ({@code <id>.values.json}: saliency,
   * activations, filters, activation maximisation, the per-class lesion map) on one colour scale, and each chart
   * (training curves, NH by depth, per-class accuracy and F1, dead units, calibration, lesion curves) with every
   * experiment's series on one set of axes, as {@code compare/<id>-shared.svg} and {@code .png}.
   */
  private static List<SiteView.Shared> shared(Path compareDir, String kind, List<ReportFolder> reports) {
    if (reports.size() < 2) return List.of();
    List<org.deepfig.ReportDiff.Report> rs = new ArrayList<>();
    for (ReportFolder r : reports) rs.add(org.deepfig.ReportDiff.Report.read(r.dir()));
    List<SiteView.Shared> out = new ArrayList<>();
    if (kind.equals("confusion")) {
      SiteView.Shared s = org.deepfig.ReportDiff.writeShared(rs, "confusion", compareDir, "confusion-matrices",
          (png, svg, caption) -> new SiteView.Shared(png, svg, caption, "The experiments' confusion matrices on "
              + "one colour scale"));
      if (s != null) out.add(s);
    }
    for (ReportFolder.FigureEntry f : reports.get(0).figures()) {
      if (!f.kind().equals(kind)) continue;
      boolean everywhere = reports.stream().allMatch(r -> r.figures().stream().anyMatch(o -> o.id().equals(f.id())
          && o.kind().equals(kind)));
      if (!everywhere) continue;
      SiteView.Shared s = kind.equals("confusion") ? null : org.deepfig.ReportDiff.writeShared(rs, f.id(),
          compareDir, f.id() + "-shared", (png, svg, caption) -> new SiteView.Shared(png, svg, caption, f.title()
              + " of every experiment on one colour scale"));
      if (s == null) {
        s = org.deepfig.ReportDiff.writeSharedChart(rs, f.id(), compareDir, f.id() + "-shared",
            (png, svg, caption) -> new SiteView.Shared(png, svg, caption, f.title() + " of every experiment on "
                + "shared axes"));
      }
      if (s != null) out.add(s);
    }
    return out;
  }

  private static Map<String, List<ReportFolder>> kinds(List<ReportFolder> reports) {
    Map<String, List<ReportFolder>> byKind = new LinkedHashMap<>();
    for (ReportFolder r : reports) {
      for (ReportFolder.FigureEntry f : r.figures()) {
        List<ReportFolder> rs = byKind.computeIfAbsent(f.kind(), k -> new ArrayList<>());
        if (!rs.contains(r)) rs.add(r);
      }
    }
    return byKind;
  }

  private static SiteView.Card card(ReportFolder r) {
    ReportFolder.FigureEntry thumb = r.thumbnail();
    return new SiteView.Card(r.title(), r.slug() + "/index.html",
        thumb == null ? null : r.slug() + "/" + thumb.png(),
        thumb == null ? null : thumb.title() + " of " + r.title(), accuracy(r), r.figures().size());
  }

  private static SiteView.Column column(ReportFolder r, String kind) {
    String base = "../" + r.slug() + "/";
    List<SiteView.Shot> shots = r.figures().stream().filter(f -> f.kind().equals(kind))
        .map(f -> new SiteView.Shot(f.title(), f.png() == null ? null : base + f.png(),
            f.title() + " of " + r.title(), base + "figures/" + f.id() + ".html"))
        .toList();
    return new SiteView.Column(r.title(), base + "index.html", accuracy(r), shots);
  }

  private static String accuracy(ReportFolder r) {
    return r.testAccuracy() == null ? null : ReportViews.pct(r.testAccuracy());
  }

  /**
   * Puts the navigation bar where the experiment page left room for it, and records the page's new hash in the
   * report's manifest so that the manifest still describes every file. A page from a user template without the
   * marker is left as it is (the index still links to it).
   */
  static void addNav(Path reportDir, String navHtml) throws IOException {
    Path page = reportDir.resolve("index.html");
    String html = Files.readString(page, StandardCharsets.UTF_8);
    if (!html.contains(NAV_MARKER)) return;
    Files.writeString(page, html.replace(NAV_MARKER, navHtml.strip()), StandardCharsets.UTF_8);
    Path manifest = reportDir.resolve(ReportFolder.MANIFEST);
    JsonNode m = RunManifest.mapper().readTree(manifest.toFile());
    for (JsonNode f : m.path("files")) {
      if (f.path("path").asText().equals("index.html")) ((ObjectNode) f).put("sha256", Hashes.sha256(page));
    }
    RunManifest.mapper().writeValue(manifest.toFile(), m);
  }

  /**
   * Whether {@code page} is {@code original} (an experiment page as {@code deepfig run} writes it) with the site's
   * navigation bar put where the page left room for it, and no other change.
   */
  public static boolean onlyNavigationAdded(String page, String original) {
    int at = original.indexOf(NAV_MARKER);
    if (at < 0) return false;
    String before = original.substring(0, at);
    String after = original.substring(at + NAV_MARKER.length());
    return page.length() >= before.length() + after.length() && page.startsWith(before) && page.endsWith(after)
        && NAV.matcher(page.substring(before.length(), page.length() - after.length())).matches();
  }

  private static void write(Path file, String html) throws IOException {
    Files.writeString(file, html, StandardCharsets.UTF_8);
  }
}
