package org.deepfig.report;

import java.util.List;
import org.deepfig.analysis.Hotspot;
import org.deepfig.analysis.Table;

/**
 * A figure as the templates see it: texts, relative file links (null for a format not written), size in CSS
 * pixels, tables and hover annotations (in percent of the figure, so they scale with the image).
 *
 * @param png2x the PNG at twice the resolution, for {@code srcset} (null when not written)
 * @param showSvg whether pages show the SVG (small enough to load quickly, sharp at any zoom) rather than the PNG
 * @param smallestFontPt the figure's smallest text in points ({@code NaN} when unknown): how small it may be shown
 */
public record FigureView(String id, String kind, String title, String caption, List<Parameter> parameters,
    String png, String png2x, String svg, String pdf, boolean showSvg, double width, double height,
    double smallestFontPt, List<Table> tables, List<HotspotView> hotspots, String note, ThumbnailsView thumbnails) {

  /** Text in a figure shown on a screen is never smaller than this many CSS pixels: below it, the figure scrolls. */
  public static final double MIN_TEXT_PX = 9;
  /** The width a page's content has on a 390 px phone (the stylesheet's padding is 12 px a side). */
  public static final double PHONE_CONTENT_PX = 366;
  /** Roughly the width of a table's character at its font size (0.9 rem), in CSS pixels, and a cell's padding. */
  private static final double TABLE_CHAR_PX = 8.2;
  private static final double TABLE_CELL_PADDING_PX = 19.2;

  /**
   * Hover thumbnails: the sprite and its size in CSS pixels at {@link #THUMB} pixels a cell.
   *
   * @param uri the sprite as a data: URI (the single-file report inlines it)
   * @param file the sprite as a file of the report folder, shared by the experiment page and the figure page; null
   *     where it is inlined
   */
  public record ThumbnailsView(String uri, String file, int width, int height) {}

  /** A hover thumbnail's side in CSS pixels. */
  public static final int THUMB = 64;

  public record Parameter(String name, String value) {}

  /**
   * A hover rectangle in percent of the figure's width and height.
   *
   * @param anchor the element's id (other figures link to it), or null
   * @param link what it links to as {@code <figure id>#<anchor>} once {@linkplain ReportViews#linked resolved} (an
   *     anchor no figure has is dropped), or null
   */
  public record HotspotView(String left, String top, String width, String height, String text, String thumbX,
      String thumbY, String anchor, String link) {
    /** A hover note that neither links nor is linked to. */
    public HotspotView(String left, String top, String width, String height, String text, String thumbX,
        String thumbY) {
      this(left, top, width, height, text, thumbX, thumbY, null, null);
    }

    HotspotView withLink(String newLink) {
      return new HotspotView(left, top, width, height, text, thumbX, thumbY, anchor, newLink);
    }

    static HotspotView of(Hotspot h, double w, double hgt, int columns) {
      String tx = null;
      String ty = null;
      if (h.thumbnail() >= 0 && columns > 0) {
        tx = -(h.thumbnail() % columns) * THUMB + "px";
        ty = -(h.thumbnail() / columns) * THUMB + "px";
      }
      return new HotspotView(pct(h.x() / w), pct(h.y() / hgt), pct(h.width() / w), pct(h.height() / hgt), h.text(),
          tx, ty, h.anchor(), h.link());
    }

    private static String pct(double v) {
      return String.format(java.util.Locale.ROOT, "%.3f%%", 100 * v);
    }
  }

  /** The same figure with other file links (data: URIs for the single-file report; null drops a download). */
  public FigureView withFiles(String newPng, String newPng2x, String newSvg, String newPdf, boolean newShowSvg) {
    return new FigureView(id, kind, title, caption, parameters, newPng, newPng2x, newSvg, newPdf, newShowSvg, width,
        height, smallestFontPt, tables, hotspots, note, thumbnails);
  }

  /** The same figure with other hover rectangles and tables (their links resolved). */
  public FigureView withLinks(List<HotspotView> newHotspots, List<Table> newTables) {
    return new FigureView(id, kind, title, caption, parameters, png, png2x, svg, pdf, showSvg, width, height,
        smallestFontPt, newTables, newHotspots, note, thumbnails);
  }

  /** The same figure with its hover sprite as given. */
  public FigureView withThumbnails(ThumbnailsView newThumbnails) {
    return new FigureView(id, kind, title, caption, parameters, png, png2x, svg, pdf, showSvg, width, height,
        smallestFontPt, tables, hotspots, note, newThumbnails);
  }

  public boolean hasDrawing() {
    return png != null || (showSvg && svg != null);
  }

  /** The image the pages show: the SVG when it is small, else the PNG. */
  public String image() {
    return showSvg && svg != null ? svg : png;
  }

  /** The caption without its pointer instruction, and that instruction (see {@link CaptionText}). */
  public CaptionText captionText() {
    return CaptionText.of(caption);
  }

  /** Whether hovering (or tapping) the figure shows something: its caption may then say so. */
  public boolean hovers() {
    return !hotspots.isEmpty();
  }

  /** Whether some hover rectangle links to another figure's anchor (a confusion cell to its pair's examples). */
  public boolean hasLinks() {
    return hotspots.stream().anyMatch(h -> h.link() != null && h.link().contains("#"));
  }

  /**
   * The narrowest the figure may be shown, in CSS pixels, with its smallest text still {@link #MIN_TEXT_PX} tall
   * (one CSS pixel per point of the drawing at the least); narrower containers scroll it sideways.
   */
  public double legibleWidth() {
    double widthPt = width / ReportViews.DISPLAY_SCALE;
    double pxPerPt = Double.isNaN(smallestFontPt) || smallestFontPt <= 0 ? 1 : MIN_TEXT_PX / smallestFontPt;
    return Math.ceil(widthPt * Math.max(1, pxPerPt));
  }

  /** Whether a phone shows the figure in a sideways scroller (see {@link #legibleWidth()}). */
  public boolean scrollsOnPhone() {
    return legibleWidth() > PHONE_CONTENT_PX;
  }

  /** Whether the {@code index}-th table is wider than a phone, estimated from its longest cell in each column. */
  public boolean tableScrollsOnPhone(int index) {
    Table t = tables.get(index);
    double total = 0;
    for (int c = 0; c < t.columns().size(); c++) {
      int chars = t.columns().get(c).length();
      for (List<String> row : t.rows()) if (c < row.size()) chars = Math.max(chars, row.get(c).length());
      total += chars * TABLE_CHAR_PX + TABLE_CELL_PADDING_PX;
    }
    return total > PHONE_CONTENT_PX;
  }
}
