package org.deepfig.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a report folder's pages: the experiment page and its stylesheet, one page per figure, the PDF report and,
 * when asked for, the single-file report.
 */
public final class ReportWriter {
  public static final String PDF = "report.pdf";
  public static final String SINGLE_FILE = "report.single.html";
  /** A figure's hover sprite in the report folder: {@code figures/<id>.thumbs.png}. */
  public static final String SPRITE_SUFFIX = ".thumbs.png";

  /**
   * What to write besides the experiment page.
   *
   * @param pdf write {@code report.pdf}
   * @param singleFile the file name of the self-contained HTML report, or null for none
   */
  public record Options(boolean pdf, String singleFile) {
    public static Options defaults() {
      return new Options(true, null);
    }
  }

  private final Templates templates;
  private final Options options;

  public ReportWriter(Templates templates) {
    this(templates, Options.defaults());
  }

  public ReportWriter(Templates templates, Options options) {
    this.templates = templates;
    this.options = options;
  }

  public void write(Path dir, ReportView view) throws IOException {
    ReportView measured = ReportViews.linked(ReportViews.measured(dir, view));
    ReportView linked = measured.withFigures(writeSprites(dir, measured.figures()));
    byte[] css = templates.resource("style.css");
    Files.write(dir.resolve("style.css"), css);
    write(dir.resolve("index.html"), templates.render("experiment.ftlh",
        Map.of("report", linked, "page", Page.linked(options.pdf()))));
    writeFigurePages(dir, linked);
    if (options.pdf()) new PdfReport(templates).write(dir, measured, dir.resolve(PDF));
    if (options.singleFile() != null) {
      write(dir.resolve(options.singleFile()), SingleFileReport.render(templates, dir, measured,
          new String(css, StandardCharsets.UTF_8)));
    }
  }

  /**
   * Writes each hover sprite once, as {@code figures/<id>.thumbs.png}, for the experiment page and the figure page to
   * share (inlined, it was most of both pages' weight); the single-file report keeps the data: URIs.
   */
  private static List<FigureView> writeSprites(Path dir, List<FigureView> figures) throws IOException {
    List<FigureView> out = new ArrayList<>();
    for (FigureView f : figures) {
      FigureView.ThumbnailsView t = f.thumbnails();
      String prefix = "data:image/png;base64,";
      if (t == null || t.uri() == null || !t.uri().startsWith(prefix)) {
        out.add(f);
        continue;
      }
      String file = "figures/" + f.id() + SPRITE_SUFFIX;
      Files.createDirectories(dir.resolve("figures"));
      Files.write(dir.resolve(file), Base64.getDecoder().decode(t.uri().substring(prefix.length())));
      out.add(f.withThumbnails(new FigureView.ThumbnailsView(null, file, t.width(), t.height())));
    }
    return out;
  }

  private void writeFigurePages(Path dir, ReportView view) throws IOException {
    List<FigureView> figs = view.figures();
    Path figDir = Files.createDirectories(dir.resolve("figures"));
    for (int i = 0; i < figs.size(); i++) {
      Map<String, Object> model = new HashMap<>();
      model.put("report", view);
      model.put("fig", figs.get(i));
      if (i > 0) model.put("prev", figs.get(i - 1));
      if (i + 1 < figs.size()) model.put("next", figs.get(i + 1));
      write(figDir.resolve(figs.get(i).id() + ".html"), templates.render("figure-page.ftlh", model));
    }
  }

  private static void write(Path file, String html) throws IOException {
    Files.writeString(file, html, StandardCharsets.UTF_8);
  }
}
