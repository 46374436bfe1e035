package org.deepfig.analysis;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.deepfig.render.Drawing;

/**
 * What an analysis returns: a drawing with its title and caption, the parameters it was computed with, tables of
 * numbers, hover annotations, and a note (e.g. why part of it could not be computed for this model).
 *
 * @param id file-name-safe identifier, unique in a run ({@code confusion}, {@code filters-conv1})
 * @param attachments data files written beside the figure's pictures as {@code <id><suffix>} (e.g. the full
 *     confusion matrix as {@code confusion.csv}), listed in the manifest like them
 */
public record Figure(String id, String title, String caption, Map<String, String> parameters, Drawing drawing,
    List<Table> tables, List<Hotspot> hotspots, String note, Thumbnails thumbnails, List<Attachment> attachments) {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,80}");

  /**
   * A data file beside the figure: its name is the figure's id followed by {@code suffix} ({@code .csv},
   * {@code .values.json}).
   */
  public record Attachment(String suffix, String format, byte[] bytes) {
    public Attachment {
      if (!suffix.matches("(\\.[a-z0-9]{1,8}){1,2}")) throw new IllegalArgumentException("attachment suffix " + suffix);
    }
  }

  public Figure {
    if (!ID.matcher(id).matches()) throw new IllegalArgumentException("figure id must match " + ID + ": " + id);
    parameters = Map.copyOf(parameters);
    tables = List.copyOf(tables);
    hotspots = List.copyOf(hotspots);
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  public Figure(String id, String title, String caption, Map<String, String> parameters, Drawing drawing,
      List<Table> tables, List<Hotspot> hotspots, String note, Thumbnails thumbnails) {
    this(id, title, caption, parameters, drawing, tables, hotspots, note, thumbnails, List.of());
  }

  public Figure(String id, String title, String caption, Map<String, String> parameters, Drawing drawing,
      List<Table> tables, List<Hotspot> hotspots, String note) {
    this(id, title, caption, parameters, drawing, tables, hotspots, note, null);
  }

  public static Figure of(String id, String title, String caption, Map<String, String> parameters, Drawing drawing) {
    return new Figure(id, title, caption, parameters, drawing, List.of(), List.of(), null);
  }

  /** A figure-less entry: only tables (and maybe a note), e.g. when a model does not allow the drawing. */
  public static Figure tablesOnly(String id, String title, String caption, Map<String, String> parameters,
      List<Table> tables, String note) {
    return new Figure(id, title, caption, parameters, null, tables, List.of(), note);
  }

  public Figure withAttachments(List<Attachment> newAttachments) {
    return new Figure(id, title, caption, parameters, drawing, tables, hotspots, note, thumbnails, newAttachments);
  }

  /** Makes any text safe as part of an id: lower case, runs of other characters become one '-'. */
  public static String slug(String text) {
    String s = text.toLowerCase().replaceAll("[^a-z0-9._]+", "-").replaceAll("^-+|-+$", "");
    return s.isEmpty() ? "x" : s;
  }
}
