package org.deepfig.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A rectangle of a figure (in the drawing's points) that the HTML report annotates: hovering shows {@code text}
 * (e.g. image index, class and activation of a top-9 patch; the input of a t-SNE point) and, when
 * {@code thumbnail} ≥ 0, that cell of the figure's {@link Thumbnails} (e.g. the input image of a t-SNE point).
 *
 * @param anchor a name other figures' hotspots and table rows can link to (the HTML element's id, e.g. a confused
 *     class pair's examples in the mistakes figure); null for none
 * @param link the anchor this rectangle links to (a confusion-matrix cell to its pair's examples); null for none. The
 *     report links it only when some figure of the report has that anchor.
 */
public record Hotspot(double x, double y, double width, double height, String text, int thumbnail,
    @JsonInclude(JsonInclude.Include.NON_NULL) String anchor, @JsonInclude(JsonInclude.Include.NON_NULL) String link) {
  public Hotspot(double x, double y, double width, double height, String text) {
    this(x, y, width, height, text, -1);
  }

  public Hotspot(double x, double y, double width, double height, String text, int thumbnail) {
    this(x, y, width, height, text, thumbnail, null, null);
  }

  /** The same note over another rectangle (e.g. the figure scaled to a style's physical size). */
  public Hotspot moved(java.awt.geom.Rectangle2D r) {
    return new Hotspot(r.getX(), r.getY(), r.getWidth(), r.getHeight(), text, thumbnail, anchor, link);
  }
}
