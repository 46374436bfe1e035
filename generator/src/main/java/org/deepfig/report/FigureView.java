package org.deepfig.report;

import java.util.List;
import org.deepfig.analysis.Hotspot;
import org.deepfig.analysis.Table;

/**
 * A figure as the templates see it: texts, relative file links (null for a format not written), size in CSS
 * pixels, tables and hover annotations (in percent of the figure, so they scale with the image).
 */
public record FigureView(String id, String kind, String title, String caption, List<Parameter> parameters,
    String png, String svg, String pdf, double width, double height, List<Table> tables, List<HotspotView> hotspots,
    String note, ThumbnailsView thumbnails) {

  /** Hover thumbnails: the sprite (a data: URI) and its size in CSS pixels at {@link #THUMB} pixels a cell. */
  public record ThumbnailsView(String uri, int width, int height) {}

  /** A hover thumbnail's side in CSS pixels. */
  public static final int THUMB = 64;

  public record Parameter(String name, String value) {}

  /** A hover rectangle in percent of the figure's width and height. */
  public record HotspotView(String left, String top, String width, String height, String text, String thumbX,
      String thumbY) {
    static HotspotView of(Hotspot h, double w, double hgt, int columns) {
      String tx = null;
      String ty = null;
      if (h.thumbnail() >= 0 && columns > 0) {
        tx = -(h.thumbnail() % columns) * THUMB + "px";
        ty = -(h.thumbnail() / columns) * THUMB + "px";
      }
      return new HotspotView(pct(h.x() / w), pct(h.y() / hgt), pct(h.width() / w), pct(h.height() / hgt), h.text(),
          tx, ty);
    }

    private static String pct(double v) {
      return String.format(java.util.Locale.ROOT, "%.3f%%", 100 * v);
    }
  }

  /** The same figure with other file links (data: URIs for the single-file report; null drops a download). */
  public FigureView withFiles(String newPng, String newSvg, String newPdf) {
    return new FigureView(id, kind, title, caption, parameters, newPng, newSvg, newPdf, width, height, tables,
        hotspots, note, thumbnails);
  }

  public boolean hasDrawing() {
    return png != null;
  }
}
