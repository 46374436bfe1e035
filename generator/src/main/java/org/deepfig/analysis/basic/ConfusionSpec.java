package org.deepfig.analysis.basic;

import org.deepfig.config.Doc;
import org.deepfig.config.FigureSpec;

@Doc("Confusion matrix of the test set, with per-class accuracy.")
public record ConfusionSpec(
    @Doc(value = "Colour cells by the share of each true class (row) instead of raw counts", def = "false")
    Boolean normalise) implements FigureSpec {
  public ConfusionSpec {
    if (normalise == null) normalise = false;
  }
}
