package org.deepfig.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes the experiment page and its stylesheet into a report folder. */
public final class ReportWriter {
  private final Templates templates;

  public ReportWriter(Templates templates) {
    this.templates = templates;
  }

  public void write(Path dir, ReportView view) throws IOException {
    Files.write(dir.resolve("style.css"), templates.resource("style.css"));
    String html = templates.render("experiment.ftlh", Map.of("report", view));
    Files.writeString(dir.resolve("index.html"), html, StandardCharsets.UTF_8);
  }
}
