package org.deepfig.analysis;

import java.util.List;
import java.util.Map;

/**
 * A figure after rendering: everything the report needs, without the drawing. This is what the figure stage caches
 * (as JSON beside the files), so a cached analysis is neither recomputed nor redrawn.
 *
 * @param files file names (in the stage's folder) with their format extension and sha256, in SVG, PDF, PNG order
 */
public record RenderedFigure(String kind, String id, String title, String caption, Map<String, String> parameters,
    List<Table> tables, List<Hotspot> hotspots, String note, double width, double height, List<File> files,
    Thumbnails thumbnails) {

  public record File(String name, String format, String sha256) {}

  public RenderedFigure withId(String newId) {
    return new RenderedFigure(kind, newId, title, caption, parameters, tables, hotspots, note, width, height, files,
        thumbnails);
  }
}
