package org.deepfig.analysis.basic;

import org.deepfig.config.Doc;
import org.deepfig.config.FigureSpec;

@Doc("Confusion matrix of the test set, with per-class accuracy; with many classes, the most-confused pairs and a "
    + "sorted per-class table instead (the full matrix as a CSV file beside the figure).")
@FigureSpec.DrawnByDefault(order = 1)
public record ConfusionSpec(
    @Doc(value = "Colour cells by the share of each true class (row) instead of raw counts", def = "false")
    Boolean normalise,
    @Doc(value = "Above this many classes the N×N matrix is not drawn: a bar chart of the most-confused pairs and a "
        + "per-class table sorted by accuracy take its place, and the matrix is written as a CSV file", def = "30",
        min = "2", max = "1000") Integer maxMatrixClasses,
    @Doc(value = "Most-confused pairs (true → predicted) in the bar chart when the matrix is not drawn", def = "20",
        min = "1", max = "100") Integer pairs) implements FigureSpec {}
