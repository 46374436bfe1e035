package org.deepfig.analysis;

/**
 * A rectangle of a figure (in the drawing's points) that the HTML report annotates: hovering shows {@code text}
 * (e.g. image index, class and activation of a top-9 patch; the input of a t-SNE point) and, when
 * {@code thumbnail} ≥ 0, that cell of the figure's {@link Thumbnails} (e.g. the input image of a t-SNE point).
 */
public record Hotspot(double x, double y, double width, double height, String text, int thumbnail) {
  public Hotspot(double x, double y, double width, double height, String text) {
    this(x, y, width, height, text, -1);
  }
}
