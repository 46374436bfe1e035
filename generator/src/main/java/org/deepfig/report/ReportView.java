package org.deepfig.report;

import java.util.List;

/**
 * Everything the experiment page shows, assembled in Java (where it is tested); the templates only lay it out.
 * Strings are raw user text: the {@code .ftlh} templates escape them.
 *
 * @param config the effective config (defaults filled in) as YAML, as the manifest records it; null if unknown
 * @param verifyCommand the command that re-runs the experiment and compares its figures with these; null if unknown
 * @param card the model card shown at the top; null when the config has none
 */
public record ReportView(String title, String subtitle, List<Row> summary, List<Row> provenance,
    List<FigureView> figures, List<String> classNames, String accuracy, String stylesheet, String config,
    String verifyCommand, CardView card) {
  public record Row(String name, String value) {}

  /** A report without a model card. */
  public ReportView(String title, String subtitle, List<Row> summary, List<Row> provenance, List<FigureView> figures,
      List<String> classNames, String accuracy, String stylesheet, String config, String verifyCommand) {
    this(title, subtitle, summary, provenance, figures, classNames, accuracy, stylesheet, config, verifyCommand, null);
  }

  public ReportView withFigures(List<FigureView> newFigures) {
    return new ReportView(title, subtitle, summary, provenance, newFigures, classNames, accuracy, stylesheet, config,
        verifyCommand, card);
  }
}
