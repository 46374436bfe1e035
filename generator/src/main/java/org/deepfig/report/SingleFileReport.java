package org.deepfig.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * The report as one self-contained HTML file to mail to a colleague: the stylesheet inline and every figure as a
 * data: URI, so it opens with no other file beside it. Each figure goes in once, as the pages show it: its SVG when
 * that is small, else its PNG (the 2× PNG would triple its size); the other files live in the report folder.
 */
public final class SingleFileReport {
  private SingleFileReport() {}

  public static String render(Templates templates, Path reportDir, ReportView view, String css) {
    ReportView inlined = view.withFigures(view.figures().stream().map(f -> f.showSvg()
        ? f.withFiles(null, null, dataUri(reportDir.resolve(f.svg()), "image/svg+xml"), null, true)
        : f.withFiles(f.png() == null ? null : dataUri(reportDir.resolve(f.png()), "image/png"), null, null, null,
            false)).toList());
    // a stylesheet cannot end the <style> element early: only a literal "</style" could, and CSS has no use for it
    return templates.render("experiment.ftlh", Map.of("report", inlined,
        "page", Page.singleFile(css.replace("</style", "<\\/style"))));
  }

  static String dataUri(Path file, String mime) {
    try {
      return "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
