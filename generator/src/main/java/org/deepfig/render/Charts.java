package org.deepfig.render;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Line, bar and scatter charts in one house style: our typeface, the categorical {@link Palette}, a white background,
 * light grid, the legend outside the plot. Each returns a {@link ChartDrawing}, which lays itself out from text
 * metrics and draws all text as text.
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

  /**
   * The spread of a series or bar group over repeated runs (e.g. seeds): at each point the values {@code lo} and
   * {@code hi} that the band or error bar spans (mean ± sd, or min and max).
   */
  public record Spread(double[] lo, double[] hi) {
    public Spread {
      if (lo.length != hi.length) throw new IllegalArgumentException(lo.length + " lower vs " + hi.length + " upper");
    }
  }

  private Charts() {}

  /**
   * Lines with a shaded band each (over numbers) or error bars (over {@code steps}, when not null); a null spread
   * draws its series bare.
   */
  public static ChartDrawing line(Frame frame, List<Series> series, List<Spread> spreads, List<String> steps) {
    if (steps != null) line(frame, series, steps); // checks the x values are steps
    return new ChartDrawing(frame, ChartDrawing.Kind.LINE, spread(traces(series), spreads), steps, null);
  }

  /** Grouped bars with an error bar each (a null spread draws its group bare). */
  public static ChartDrawing bar(Frame frame, List<String> categories, List<Bars> groups, List<Spread> spreads,
      DoubleFunction<String> valueLabels) {
    ChartDrawing plain = bar(frame, categories, groups, valueLabels);
    return new ChartDrawing(frame, ChartDrawing.Kind.BAR, spread(plain.traces(), spreads), categories, valueLabels);
  }

  private static List<ChartDrawing.Trace> spread(List<ChartDrawing.Trace> traces, List<Spread> spreads) {
    if (spreads.size() != traces.size()) {
      throw new IllegalArgumentException(spreads.size() + " spreads for " + traces.size() + " series");
    }
    List<ChartDrawing.Trace> out = new ArrayList<>();
    for (int i = 0; i < traces.size(); i++) {
      ChartDrawing.Trace t = traces.get(i);
      Spread s = spreads.get(i);
      if (s != null && s.lo().length != t.y().length) {
        throw new IllegalArgumentException("series '" + t.name() + "': " + s.lo().length + " spreads for "
            + t.y().length + " values");
      }
      out.add(s == null ? t : new ChartDrawing.Trace(t.name(), t.colour(), t.x(), t.y(), s.lo().clone(),
          s.hi().clone()));
    }
    return out;
  }

  /** Lines with markers, e.g. train and test loss per epoch. */
  public static ChartDrawing line(Frame frame, List<Series> series) {
    return new ChartDrawing(frame, ChartDrawing.Kind.LINE, traces(series), null, null);
  }

  /** The colour of a reference line (a diagonal of perfect calibration, chance): a grey no series takes. */
  public static final Color REFERENCE = new Color(0x88, 0x88, 0x88);

  /** Lines with markers, and {@code reference} (e.g. the diagonal of perfect calibration) last, in grey. */
  public static ChartDrawing line(Frame frame, List<Series> series, Series reference) {
    List<ChartDrawing.Trace> traces = traces(series);
    traces.add(new ChartDrawing.Trace(reference.name(), REFERENCE, reference.x().clone(), reference.y().clone()));
    return new ChartDrawing(frame, ChartDrawing.Kind.LINE, traces, null, null);
  }

  /**
   * Lines over named steps: series' x values are 0, 1, … and the x axis shows {@code steps} as its tick labels (e.g.
   * layer names by depth).
   */
  public static ChartDrawing line(Frame frame, List<Series> series, List<String> steps) {
    for (Series s : series) {
      for (double x : s.x()) {
        if (x != Math.rint(x) || x < 0 || x >= steps.size()) {
          throw new IllegalArgumentException("series '" + s.name() + "': x " + x + " is not a step 0.."
              + (steps.size() - 1));
        }
      }
    }
    return new ChartDrawing(frame, ChartDrawing.Kind.LINE, traces(series), steps, null);
  }

  /** Grouped bars over named categories. */
  public static ChartDrawing bar(Frame frame, List<String> categories, List<Bars> groups) {
    return bar(frame, categories, groups, null);
  }

  /** Grouped bars over named categories, each with its value written above it (when it fits the bar's width). */
  public static ChartDrawing bar(Frame frame, List<String> categories, List<Bars> groups,
      DoubleFunction<String> valueLabels) {
    List<ChartDrawing.Trace> traces = new ArrayList<>();
    Color[] colours = Palette.first(Math.max(1, groups.size()));
    for (int i = 0; i < groups.size(); i++) {
      Bars b = groups.get(i);
      if (b.values().length != categories.size()) {
        throw new IllegalArgumentException("bars '" + b.name() + "' has " + b.values().length + " values for "
            + categories.size() + " categories");
      }
      traces.add(new ChartDrawing.Trace(b.name(), colours[i], null, b.values().clone()));
    }
    return new ChartDrawing(frame, ChartDrawing.Kind.BAR, traces, categories, valueLabels);
  }

  /** Points coloured by class, one legend entry per class present (e.g. a t-SNE embedding of test images). */
  public static ChartDrawing scatter(Frame frame, double[] x, double[] y, int[] classes, List<String> classNames) {
    if (x.length != y.length || x.length != classes.length) {
      throw new IllegalArgumentException("scatter needs equally many x, y and class values, got "
          + x.length + ", " + y.length + ", " + classes.length);
    }
    List<ChartDrawing.Trace> traces = new ArrayList<>();
    for (int c = 0; c < classNames.size(); c++) {
      int n = 0;
      for (int k : classes) if (k == c) n++;
      // an absent class keeps its colour but gets no legend entry
      if (n == 0) continue;
      double[] cx = new double[n];
      double[] cy = new double[n];
      for (int i = 0, j = 0; i < classes.length; i++) {
        if (classes[i] == c) {
          cx[j] = x[i];
          cy[j++] = y[i];
        }
      }
      traces.add(new ChartDrawing.Trace(classNames.get(c), Palette.categorical(c), cx, cy));
    }
    return new ChartDrawing(frame, ChartDrawing.Kind.SCATTER, traces, null, null);
  }

  private static List<ChartDrawing.Trace> traces(List<Series> series) {
    List<ChartDrawing.Trace> traces = new ArrayList<>();
    Color[] colours = Palette.first(Math.max(1, series.size()));
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      traces.add(new ChartDrawing.Trace(s.name(), colours[i], s.x().clone(), s.y().clone()));
    }
    return traces;
  }
}
