package org.deepfig.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line, bar and scatter charts over XChart with one house style: our typeface, the categorical {@link Palette}, a
 * white background, light grid, no buttons, tool tips or cursor. Each returns a {@link ChartDrawing}.
 */
public final class Charts {
  /** What surrounds a plot: its title and axis titles (any may be null) and its size in points. */
  public record Frame(String title, String xAxis, String yAxis, double width, double height) {
    public Frame {
      if (width < 80 || height < 60) {
        throw new IllegalArgumentException("a chart needs at least 80x60 points, got " + width + "x" + height);
      }
    }
  }

  /** A named line or point series; x and y have equal length. */
  public record Series(String name, double[] x, double[] y) {
    public Series {
      if (x.length != y.length) {
        throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values vs " + y.length + " y");
      }
    }
  }

  /** One bar per category for a named group (e.g. accuracy per class for one model). */
  public record Bars(String name, double[] values) {}

  private Charts() {}

  /** Lines with markers, e.g. train and test loss per epoch. */
  public static ChartDrawing line(Frame frame, List<Series> series) {
    XYChart chart = new XYChart((int) frame.width(), (int) frame.height());
    style(chart.getStyler(), series.size());
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    chart.getStyler().setMarkerSize(4);
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      XYSeries xs = chart.addSeries(s.name(), s.x(), s.y());
      xs.setMarker(SeriesMarkers.CIRCLE);
      xs.setLineStyle(new BasicStroke(1.2f));
    }
    return new ChartDrawing(chart, frame);
  }

  /** Grouped bars over named categories. */
  public static ChartDrawing bar(Frame frame, List<String> categories, List<Bars> groups) {
    CategoryChart chart = new CategoryChart((int) frame.width(), (int) frame.height());
    style(chart.getStyler(), groups.size());
    chart.getStyler().setAvailableSpaceFill(0.7);
    chart.getStyler().setPlotGridVerticalLinesVisible(false);
    if (longest(categories) > 6) chart.getStyler().setXAxisLabelRotation(45);
    for (Bars b : groups) {
      if (b.values().length != categories.size()) {
        throw new IllegalArgumentException("bars '" + b.name() + "' has " + b.values().length + " values for "
            + categories.size() + " categories");
      }
      List<Double> values = new ArrayList<>();
      for (double v : b.values()) values.add(v);
      chart.addSeries(b.name(), categories, values);
    }
    // XChart places a value at (v - min) / (max - min) of the plot: when every bar is zero (no dead unit in any
    // layer) the value axis spans nothing, every bar lands at NaN, and SVG renderers refuse the figure
    if (groups.stream().flatMapToDouble(b -> Arrays.stream(b.values())).allMatch(v -> v == 0)) {
      chart.getStyler().setYAxisMin(0.0);
      chart.getStyler().setYAxisMax(1.0);
    }
    return new ChartDrawing(chart, frame);
  }

  /** Points coloured by class, one legend entry per class (e.g. a t-SNE embedding of test images). */
  public static ChartDrawing scatter(Frame frame, double[] x, double[] y, int[] classes, List<String> classNames) {
    if (x.length != y.length || x.length != classes.length) {
      throw new IllegalArgumentException("scatter needs equally many x, y and class values, got "
          + x.length + ", " + y.length + ", " + classes.length);
    }
    XYChart chart = new XYChart((int) frame.width(), (int) frame.height());
    style(chart.getStyler(), classNames.size());
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(3);
    for (int c = 0; c < classNames.size(); c++) {
      int n = 0;
      for (int k : classes) if (k == c) n++;
      double[] cx = new double[n];
      double[] cy = new double[n];
      for (int i = 0, j = 0; i < classes.length; i++) {
        if (classes[i] == c) {
          cx[j] = x[i];
          cy[j++] = y[i];
        }
      }
      // XChart rejects empty series; an absent class keeps its colour slot but gets no legend entry
      if (n == 0) continue;
      chart.addSeries(classNames.get(c), cx, cy).setMarker(SeriesMarkers.CIRCLE);
    }
    return new ChartDrawing(chart, frame);
  }

  private static void style(AxesChartStyler s, int seriesCount) {
    s.setChartTitleVisible(false);
    s.setAxisTitlesVisible(false);
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(true);
    // XChart's own axis lines sit a few points outside the plot border and read as a doubled frame
    s.setAxisTicksLineVisible(false);
    s.setAxisTickMarkLength(3);
    s.setAxisTickPadding(2);
    s.setPlotBorderColor(Color.DARK_GRAY);
    s.setPlotGridLinesColor(new Color(0xe5e5e5));
    s.setPlotGridLinesStroke(new BasicStroke(0.5f));
    s.setChartFontColor(Color.BLACK);
    s.setAxisTickLabelsColor(Color.BLACK);
    s.setAxisTickMarksColor(Color.DARK_GRAY);
    s.setAxisTickLabelsFont(Typography.tick());
    s.setBaseFont(Typography.label());
    s.setLegendFont(Typography.tick());
    s.setLegendBorderColor(new Color(0xcccccc));
    s.setLegendPosition(Styler.LegendPosition.OutsideE);
    s.setLegendVisible(seriesCount > 1);
    s.setLegendPadding(4);
    s.setChartPadding(2);
    s.setPlotMargin(4);
    s.setToolTipsEnabled(false);
    s.setAntiAlias(true);
    Color[] colours = Palette.first(Math.max(1, seriesCount));
    s.setSeriesColors(colours);
    Marker[] markers = new Marker[colours.length];
    Arrays.fill(markers, SeriesMarkers.CIRCLE);
    s.setSeriesMarkers(markers);
  }

  private static int longest(List<String> texts) {
    int n = 0;
    for (String t : texts) n = Math.max(n, t.length());
    return n;
  }
}
