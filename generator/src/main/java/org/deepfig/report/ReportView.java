package org.deepfig.report;

import java.util.List;

/**
 * Everything the experiment page shows, assembled in Java (where it is tested); the templates only lay it out.
 * Strings are raw user text: the {@code .ftlh} templates escape them.
 */
public record ReportView(String title, String subtitle, List<Row> summary, List<Row> provenance,
    List<FigureView> figures, List<String> classNames, String accuracy, String stylesheet) {
  public record Row(String name, String value) {}

  public ReportView withFigures(List<FigureView> newFigures) {
    return new ReportView(title, subtitle, summary, provenance, newFigures, classNames, accuracy, stylesheet);
  }
}
