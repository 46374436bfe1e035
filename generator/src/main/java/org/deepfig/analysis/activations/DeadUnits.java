package org.deepfig.analysis.activations;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deepfig.Progress;
import org.deepfig.analysis.AnalysisKind;
import org.deepfig.analysis.Figure;
import org.deepfig.analysis.Parameters;
import org.deepfig.analysis.RunContext;
import org.deepfig.analysis.Table;
import org.deepfig.data.ImageSet;
import org.deepfig.model.LayerKind;
import org.deepfig.model.LayerNode;
import org.deepfig.model.Network;
import org.deepfig.probe.Activations;
import org.deepfig.probe.Probe;
import org.deepfig.render.FigureStyle;
import org.deepfig.render.Charts;

/**
 * Dying ReLUs (e.g. Lu et al. 2019): a unit — a channel of a convolutional ReLU, a unit of a dense one — is dead on
 * a dataset when it is zero for every image and position. Counted over the test set for the trained network and for
 * the same architecture with its initial weights.
 */
public final class DeadUnits implements AnalysisKind<DeadUnitsSpec> {
  @Override
  public boolean aggregates() {
    return true;
  }

  /** Over seeds: the dead share per layer as the mean bar with a ± sd error bar, before and after training. */
  @Override
  public Figure aggregate(DeadUnitsSpec spec, org.deepfig.analysis.SeedFigures runs) {
    var cols = runs.columns("Dead units per ReLU layer", List.of("Dead % (untrained)", "Dead % (trained)"),
        List.of(), 1);
    if (cols == null) return AnalysisKind.super.aggregate(spec, runs);
    // no value labels: they would cross the error bars (the numbers are in the table)
    var chart = Charts.bar(new Charts.Frame(FigureStyle.figureTitle("Dead ReLU units"), "layer",
        "% of units never active", 420, 230), cols.keys(), cols.bars(c -> c.contains("untrained")
            ? "before training" : "after training"), cols.spreads(), null);
    return runs.with(chart, runs.first().caption() + " Bars: mean over " + runs.seedsText() + "; error bars ± one "
        + "sample standard deviation (n − 1).");
  }

  @Override
  public String kind() {
    return "dead-units";
  }

  @Override
  public Class<DeadUnitsSpec> specType() {
    return DeadUnitsSpec.class;
  }

  @Override
  public String description() {
    return "share of ReLU units that never activate on the test set, before and after training";
  }

  @Override
  public org.deepfig.analysis.Cost cost(DeadUnitsSpec spec, org.deepfig.data.Dataset data,
      org.deepfig.model.Network network) {
    int size = data.test().size();
    int n = spec.maxImages() > 0 ? Math.min(spec.maxImages(), size) : size;
    return org.deepfig.analysis.Cost.forward((double) n * (network.imported() ? 1 : 2), "the scan of " + n
        + " images", n > 1 ? "max_images: " + Math.max(1, n / 4) : null);
  }

  @Override
  public List<org.deepfig.analysis.SharedAxes> sharedAxes(int runs) {
    return List.of(new org.deepfig.analysis.SharedAxes.Bars("Dead units per ReLU layer", "Dead % (trained)",
        "Dead ReLU units", "% of units never active"));
  }

  @Override
  public List<Figure> run(DeadUnitsSpec spec, RunContext ctx) {
    List<String> relus = ctx.network().graph().ofKind(LayerKind.RELU).stream().map(LayerNode::name).toList();
    if (relus.isEmpty()) {
      return List.of(Figure.tablesOnly("dead-units", "Dead units", "No ReLU layers.", Parameters.of(spec).map(),
          List.of(),
          ctx.network().visibilityNote() != null ? ctx.network().visibilityNote()
              : "This model has no ReLU layer to count dead units in."));
    }
    ImageSet test = ctx.data().test();
    int n = spec.maxImages() == 0 ? test.size() : Math.min(spec.maxImages(), test.size());
    Map<String, boolean[]> trained = alive(ctx.network(), ctx, test, n, relus, "trained");
    Map<String, boolean[]> untrained = ctx.untrained() == null ? null
        : alive(ctx.untrained(), ctx, test, n, relus, "untrained");
    List<List<String>> rows = new ArrayList<>();
    double[] after = new double[relus.size()];
    double[] before = new double[relus.size()];
    for (int i = 0; i < relus.size(); i++) {
      String l = relus.get(i);
      boolean[] a = trained.get(l);
      int dead = dead(a);
      after[i] = (double) dead / a.length;
      before[i] = untrained == null ? Double.NaN : (double) dead(untrained.get(l)) / a.length;
      rows.add(List.of(l, Integer.toString(a.length), Integer.toString(dead), pct(after[i]),
          untrained == null ? "—" : pct(before[i])));
    }
    List<Charts.Bars> bars = new ArrayList<>();
    if (untrained != null) bars.add(new Charts.Bars("before training", scaled(before)));
    bars.add(new Charts.Bars("after training", scaled(after)));
    var chart = Charts.bar(new Charts.Frame(FigureStyle.figureTitle("Dead ReLU units"), "layer", "% of units never active", 420, 230),
        relus, bars, v -> String.format(Locale.ROOT, "%.1f", v));
    String caption = String.format(Locale.ROOT, "Share of units in each ReLU layer that output zero for all %d test "
        + "images at every position (a channel counts as one unit in convolutional layers)%s.", n,
        untrained == null ? "" : ", for the trained network and for the same architecture with its initial weights");
    return List.of(new Figure("dead-units", "Dead ReLU units", caption,
        Parameters.of(spec).with("max_images", n).map(), chart,
        List.of(new Table("Dead units per ReLU layer", List.of("Layer", "Units", "Dead (trained)", "Dead % (trained)",
            "Dead % (untrained)"), rows)), List.of(), null));
  }

  /** Whether each unit of each layer is ever positive on the first {@code n} images. */
  public static Map<String, boolean[]> alive(Network net, RunContext ctx, ImageSet set, int n, List<String> layers,
      String which) {
    Probe probe = new Probe(net, ctx.manager());
    Map<String, boolean[]> alive = new LinkedHashMap<>();
    int batch = org.deepfig.probe.BatchBudget.images(net, true, false, 256);
    int len = set.imageLength();
    float[] buf = new float[batch * len];
    try (Progress.Task task = ctx.progress().start("dead units (" + which + ")", n)) {
      for (int from = 0; from < n; from += batch) {
        int b = Math.min(batch, n - from);
        set.copyImages(from, from + b, buf, 0);
        Activations a = probe.activations(java.util.Arrays.copyOf(buf, b * len),
            org.deepfig.train.Batches.shape(set, b), layers);
        for (String l : layers) {
          Shape s = a.shape(l);
          int units = (int) s.get(1);
          int per = (int) (s.size() / s.get(0) / units);
          boolean[] al = alive.computeIfAbsent(l, k -> new boolean[units]);
          float[] v = a.of(l);
          for (int e = 0; e < b; e++) {
            for (int u = 0; u < units; u++) {
              if (al[u]) continue;
              int base = (e * units + u) * per;
              for (int p = 0; p < per; p++) {
                if (v[base + p] > 0) {
                  al[u] = true;
                  break;
                }
              }
            }
          }
        }
        task.step(b);
      }
    }
    return alive;
  }

  public static int dead(boolean[] alive) {
    int d = 0;
    for (boolean x : alive) if (!x) d++;
    return d;
  }

  private static double[] scaled(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) out[i] = 100 * v[i];
    return out;
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }
}
