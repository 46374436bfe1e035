package org.deepfig.analysis.audit;

import java.util.List;
import org.deepfig.config.ConfigValueException;
import org.deepfig.config.Doc;
import org.deepfig.config.FigureSpec;

@Doc("Per-class precision, recall, F1 and support with macro and weighted averages (and top-k accuracy with more "
    + "than 10 classes) as a table sorted from the worst class and a bar chart; one-vs-rest ROC and precision-recall "
    + "curves with their AUC and average precision.")
public record MetricsSpec(
    @Doc(value = "Classes whose ROC and precision-recall curves are drawn, by name", defText = "the five worst by F1")
    List<String> classes,
    @Doc(value = "k of the top-k accuracy, reported when the dataset has more than 10 classes", def = "5", min = "2",
        max = "100")
    Integer topK,
    @Doc(value = "Draw the ROC and precision-recall curves", def = "true") Boolean curves) implements FigureSpec {
  /** Curves drawn when {@code classes} is not given. */
  static final int DEFAULT_CURVES = 5;

  public MetricsSpec {
    classes = classes == null ? null : List.copyOf(classes);
    ConfigValueException.check(classes == null || (!classes.isEmpty() && classes.size() <= 12), "classes",
        "classes names " + (classes == null ? 0 : classes.size()) + " classes; the curves show 1 to 12",
        "name between 1 and 12 classes, or leave classes out for the five worst by F1");
  }
}
