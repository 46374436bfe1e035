package org.deepfig.analysis;

import java.util.List;
import org.deepfig.render.Charts;

/**
 * How a chart kind's figure is drawn again from its tables for several runs on one set of axes per quantity ({@code
 * deepfig diff}, the site's comparison pages), so that axis limits are shared by construction: which table, which
 * columns, and the chart's words. A kind states it ({@link AnalysisKind#sharedAxes}); {@code ReportDiff} draws it.
 */
public sealed interface SharedAxes {
  /**
   * Each run's {@code columns} of the table whose title starts with {@code table} as lines over {@code xColumn} (the
   * first column when null), one series per run and column.
   *
   * @param categorical the rows are named points along the x axis (layers), not numbers
   * @param scale what a table value is multiplied by to be plotted (0.01 for a percentage drawn as a fraction)
   * @param reference a grey line drawn last (the diagonal of perfect calibration), or null
   */
  record Lines(String table, String xColumn, List<String> columns, String title, String xAxis, String yAxis,
      boolean categorical, double scale, Charts.Series reference) implements SharedAxes {
    public Lines {
      columns = List.copyOf(columns);
    }

    public Lines(String table, String xColumn, List<String> columns, String title, String xAxis, String yAxis,
        boolean categorical, double scale) {
      this(table, xColumn, columns, title, xAxis, yAxis, categorical, scale, null);
    }
  }

  /** Each run's {@code column} of the table whose title starts with {@code table} as grouped bars by row. */
  record Bars(String table, String column, String title, String yAxis) implements SharedAxes {}
}
