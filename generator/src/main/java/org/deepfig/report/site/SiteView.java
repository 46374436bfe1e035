package org.deepfig.report.site;

import java.util.List;

/**
 * What the pages of a {@code deepfig site} show, assembled in Java from each report's manifest; the templates
 * ({@code site-index.ftlh}, {@code site-compare.ftlh}, {@code site-nav.ftlh}) only lay it out. Links are relative to
 * the page that shows them.
 */
public final class SiteView {
  private SiteView() {}

  /** An experiment on the index: its page, the PNG of one of its figures, its test accuracy (null if unknown). */
  public record Card(String title, String href, String thumbnail, String thumbnailAlt, String accuracy,
      int figureCount) {}

  /** A figure kind present in some experiments, linked from the index. */
  public record KindLink(String kind, String description, String href, int experiments) {}

  /** The index page. */
  public record Index(String title, List<Card> cards, List<KindLink> kinds, String stylesheet) {}

  /** One experiment's figures of a kind, in the comparison page's column. */
  public record Column(String experiment, String experimentHref, String accuracy, List<Shot> figures) {}

  /** A figure on a comparison page: its image and its own page. */
  public record Shot(String title, String png, String alt, String href) {}

  /** The comparison page of one figure kind: the same kind across experiments, side by side. */
  public record Compare(String siteTitle, String kind, String description, List<Column> columns,
      List<KindLink> kinds, String stylesheet, List<Shared> shared) {
    public Compare {
      shared = shared == null ? List.of() : List.copyOf(shared);
    }

    public Compare(String siteTitle, String kind, String description, List<Column> columns, List<KindLink> kinds,
        String stylesheet) {
      this(siteTitle, kind, description, columns, kinds, stylesheet, List.of());
    }
  }

  /**
   * One figure drawing every experiment's data on one layout and colour scale (the confusion matrices, the maps of
   * saliency, activations, filters, activation maximisation).
   */
  public record Shared(String png, String svg, String caption, String alt) {}

  /** The bar at the top of an experiment page inside a site: back to the index, previous and next experiment. */
  public record Nav(String siteTitle, String index, String current, String prevTitle, String prevHref,
      String nextTitle, String nextHref) {}
}
