package org.deepfig.analysis.actmax;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.deepfig.Progress;
import org.deepfig.UserError;
import org.deepfig.analysis.AnalysisKind;
import org.deepfig.analysis.Figure;
import org.deepfig.analysis.Parameters;
import org.deepfig.analysis.RunContext;
import org.deepfig.data.ImageSet;
import org.deepfig.model.LayerGraph;
import org.deepfig.model.LayerKind;
import org.deepfig.model.LayerNode;
import org.deepfig.model.Taps;
import org.deepfig.probe.Probe;
import org.deepfig.render.FigureStyle;
import org.deepfig.render.Rasters;
import org.deepfig.render.TileGrid;

/**
 * Activation maximisation (Erhan et al. 2009; Simonyan et al. 2014; Yosinski et al. 2015): from a seeded grey
 * start, gradient ascent on the input to maximise a class logit or a channel's mean activation, with jitter, L2
 * decay, periodic blur and clipping to [0, 1]. All units are optimised together as one batch.
 */
public final class ActivationMax implements AnalysisKind<ActivationMaxSpec> {
  @Override
  public String kind() {
    return "activation-max";
  }

  @Override
  public Class<ActivationMaxSpec> specType() {
    return ActivationMaxSpec.class;
  }

  @Override
  public void check(ActivationMaxSpec spec, org.deepfig.analysis.References refs) {
    var graph = refs.graph();
    int available = refs.classes().size();
    if (spec.target() == ActivationMaxSpec.Target.CHANNEL) {
      List<String> convs = refs.convNames();
      String layer = spec.layer() != null ? spec.layer() : convs.isEmpty() ? null : convs.get(convs.size() - 1);
      if (layer == null || !graph.contains(layer) || !graph.layer(layer).isSpatial()) {
        String fix = layer != null && !graph.contains(layer) ? refs.fix(layer, convs)
            : "name a convolution layer, e.g. one of: " + String.join(", ", convs);
        throw refs.mistake("'" + layer + "' is not a spatial layer of this model", fix,
            spec.layer() != null ? "layer" : "target");
      }
      available = graph.layer(layer).channels();
    }
    List<Integer> units = spec.units() == null ? List.of() : spec.units();
    for (int i = 0; i < units.size(); i++) {
      int u = units.get(i);
      if (u < 0 || u >= available) {
        throw refs.mistake("unit " + u + " does not exist (there are " + available + ")",
            "use units between 0 and " + (available - 1), "units", i);
      }
    }
  }

  @Override
  public boolean takesGradients(ActivationMaxSpec spec, org.deepfig.analysis.References refs) {
    return true;
  }

  @Override
  public String description() {
    return "images grown by regularised gradient ascent to excite each class (or channel)";
  }

  @Override
  public String needsImages(ActivationMaxSpec spec) {
    return "it synthesises input images";
  }

  @Override
  public org.deepfig.analysis.Cost cost(ActivationMaxSpec spec, org.deepfig.data.Dataset data,
      org.deepfig.model.Network network) {
    int units = spec.units() != null ? spec.units().size()
        : Math.min(16, spec.target() == ActivationMaxSpec.Target.CLASS ? data.numClasses() : 16);
    return org.deepfig.analysis.Cost.gradient((double) units * spec.steps(), spec.steps() + " steps for " + units
        + " images", spec.steps() > 1 ? "steps: " + spec.steps() / 2 : null);
  }

  @Override
  public List<Figure> run(ActivationMaxSpec spec, RunContext ctx) {
    LayerGraph g = ctx.network().graph();
    boolean classes = spec.target() == ActivationMaxSpec.Target.CLASS;
    String layer = null;
    int available;
    if (classes) {
      available = ctx.data().numClasses();
    } else {
      List<LayerNode> convs = g.ofKind(LayerKind.CONV);
      layer = spec.layer() != null ? spec.layer() : convs.isEmpty() ? null : convs.get(convs.size() - 1).name();
      if (layer == null || !g.contains(layer) || !g.layer(layer).isSpatial()) {
        throw new UserError("figures: activation-max.layer", "'" + layer + "' is not a spatial layer of this model",
            "name a convolution layer, e.g. one of: " + String.join(", ",
                convs.stream().map(LayerNode::name).toList()));
      }
      available = g.layer(layer).channels();
    }
    List<Integer> units = spec.units() != null ? spec.units()
        : java.util.stream.IntStream.range(0, Math.min(16, available)).boxed().toList();
    for (int u : units) {
      if (u < 0 || u >= available) {
        throw new UserError("figures: activation-max.units", "unit " + u + " does not exist (there are "
            + available + ")", "use units between 0 and " + (available - 1));
      }
    }
    ImageSet set = ctx.data().test();
    int n = units.size();
    int c = set.channels();
    int h = set.height();
    int w = set.width();
    float[] x = new float[n * c * h * w];
    SplittableRandom r = new SplittableRandom(ctx.seed("activation-max", 0));
    int per = c * h * w;
    // a start image whose gradient is exactly zero (every unit on the way to the objective off at grey: a ReLU
    // network can be dead there) is drawn again with stronger noise; the caption says which units needed it
    double[] sigma = new double[n];
    java.util.Arrays.fill(sigma, START_SIGMA);
    int[] restarts = new int[n];
    boolean[] stuck = new boolean[n];
    for (int i = 0; i < n; i++) greyStart(x, i * per, per, sigma[i], r);
    Probe probe = new Probe(ctx.network(), ctx.manager());
    Shape shape = new Shape(n, c, h, w);
    int[] target = units.stream().mapToInt(Integer::intValue).toArray();
    String tapLayer = layer;
    NDArray[] held = new NDArray[1];
    Taps taps = classes ? Taps.NONE : (node, in, out) -> {
      if (node.name().equals(tapLayer)) held[0] = out;
      return out;
    };
    // units in batches the memory budget allows (each unit's image is optimised on its own objective term)
    int batch = org.deepfig.probe.BatchBudget.images(ctx.network(), !classes, true);
    try (Progress.Task task = ctx.progress().start("activation maximisation", spec.steps())) {
      for (int step = 0; step < spec.steps(); step++) {
        int dy = spec.jitter() == 0 ? 0 : r.nextInt(2 * spec.jitter() + 1) - spec.jitter();
        int dx = spec.jitter() == 0 ? 0 : r.nextInt(2 * spec.jitter() + 1) - spec.jitter();
        float[] shifted = Regularisers.roll(x, n, c, h, w, dy, dx);
        float[] raw = new float[n * per];
        for (int from = 0; from < n; from += batch) {
          int b = Math.min(batch, n - from);
          int[] t = java.util.Arrays.copyOfRange(target, from, from + b);
          Function<NDArray, NDArray> objective = classes ? logits -> Probe.sumOfTargets(logits, t)
              : logits -> channelObjective(held[0], t);
          float[] part = probe.inputGradient(b == n ? shifted : java.util.Arrays.copyOfRange(shifted, from * per,
              (from + b) * per), b == n ? shape : new Shape(b, c, h, w), objective, taps);
          System.arraycopy(part, 0, raw, from * per, b * per);
        }
        float[] grad = Regularisers.roll(raw, n, c, h, w, -dy, -dx);
        for (int i = 0; i < n; i++) {
          double mean = 0;
          for (int j = 0; j < per; j++) mean += Math.abs(grad[i * per + j]);
          stuck[i] = mean == 0;
          if (stuck[i]) {
            if (restarts[i] < MAX_RESTARTS) {
              restarts[i]++;
              sigma[i] = Math.min(MAX_SIGMA, sigma[i] * 2.5);
              greyStart(x, i * per, per, sigma[i], r);
            }
            continue;
          }
          mean = mean / per;
          for (int j = 0; j < per; j++) {
            int at = i * per + j;
            float v = (float) (x[at] + spec.learningRate() * grad[at] / mean);
            v = 0.5f + (float) (1 - spec.l2Decay()) * (v - 0.5f);
            x[at] = Math.max(0f, Math.min(1f, v));
          }
        }
        if (spec.blurEvery() > 0 && (step + 1) % spec.blurEvery() == 0) {
          Regularisers.blur(x, n * c, h, w, spec.blurSigma());
        }
        task.step(1);
      }
    }
    float[] finalValues = classes ? probe.logits(x, shape) : null;
    List<String> names = ctx.data().classNames();
    List<TileGrid.Tile> tiles = new ArrayList<>();
    List<org.deepfig.analysis.ValueMaps.ValueMap> maps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] img = java.util.Arrays.copyOfRange(x, i * c * h * w, (i + 1) * c * h * w);
      String label = classes ? String.format(Locale.ROOT, "%s · %.1f", names.get(target[i]),
          finalValues[i * names.size() + target[i]]) : "ch " + target[i];
      if (stuck[i]) label += " · no gradient";
      tiles.add(new TileGrid.Tile(Rasters.ofImage(img, c, h, w), label));
      if (c == 1 || c == 3) {
        maps.add(new org.deepfig.analysis.ValueMaps.ValueMap(classes ? "classes" : layer, classes
            ? names.get(target[i]) : "ch " + target[i], c == 3 ? "rgb" : "greys", "input", c, h, w, img));
      }
    }
    Map<String, String> params = Parameters.of(spec).with("layer", layer).with("units", units).map();
    String what = classes ? "the logit of each class" : "the mean activation of channels of " + layer;
    String caption = String.format(Locale.ROOT, "Inputs grown by %d steps of gradient ascent on %s from a seeded grey "
        + "start, with jitter of up to %d px, L2 decay %s towards grey, a Gaussian blur (σ = %s px) every %d steps "
        + "and clipping to [0, 1] (Yosinski et al. 2015).%s", spec.steps(), what, spec.jitter(), spec.l2Decay(),
        spec.blurSigma(), spec.blurEvery(), classes ? " Label: class and its final logit." : "")
        + restartNote(target, restarts, stuck, classes ? names : null);
    String id = classes ? "activation-max-classes" : "activation-max-" + Figure.slug(layer);
    return List.of(Figure.of(id, "Activation maximisation" + (classes ? "" : " of " + layer), caption, params,
        TileGrid.wrapped(FigureStyle.figureTitle(classes ? "What each class looks for" : layer + " channels"), tiles,
            Math.min(n, 10), 56)).withAttachments(List.of(new org.deepfig.analysis.ValueMaps(maps).attachment())));
  }

  /** The start's noise: σ of the first draw, its growth cap, and how often a start without a gradient is redrawn. */
  static final double START_SIGMA = 0.02;
  static final double MAX_SIGMA = 0.3;
  static final int MAX_RESTARTS = 6;

  /** Image {@code i}'s start: mid-grey plus seeded Gaussian noise of σ {@code sigma}, clipped to [0, 1]. */
  private static void greyStart(float[] x, int from, int per, double sigma, SplittableRandom r) {
    for (int j = from; j < from + per; j++) {
      x[j] = (float) Math.max(0, Math.min(1, 0.5 + sigma * r.nextGaussian()));
    }
  }

  /** The caption's sentence on units whose start had no gradient, or "" when every start had one. */
  static String restartNote(int[] units, int[] restarts, boolean[] stuck, List<String> classNames) {
    List<String> redrawn = new ArrayList<>();
    List<String> dead = new ArrayList<>();
    for (int i = 0; i < units.length; i++) {
      String name = classNames != null ? classNames.get(units[i]) : "channel " + units[i];
      if (stuck[i]) dead.add(name);
      else if (restarts[i] > 0) redrawn.add(name);
    }
    StringBuilder note = new StringBuilder();
    if (!redrawn.isEmpty()) {
      note.append(String.format(Locale.ROOT, " The input gradient of %s was exactly zero at the grey start (every unit "
          + "on the way to it off), so %s drawn again with stronger noise (σ growing to at most %s) until there was one.",
          String.join(", ", redrawn), redrawn.size() == 1 ? "its start was" : "their starts were", MAX_SIGMA));
    }
    if (!dead.isEmpty()) {
      note.append(String.format(Locale.ROOT, " %s had no input gradient even from starts with noise of σ %s "
          + "(marked \"no gradient\"): no unit on the way to %s fires near grey, so these images show only the "
          + "start.", String.join(", ", dead), MAX_SIGMA, dead.size() == 1 ? "it" : "them"));
    }
    return note.toString();
  }

  private static NDArray channelObjective(NDArray out, int[] target) {
    long channels = out.getShape().get(1);
    NDArray mask = out.getManager().create(target).oneHot((int) channels).toType(out.getDataType(), false)
        .reshape(target.length, channels, 1, 1);
    return out.mul(mask).sum().div(out.getShape().get(2) * out.getShape().get(3));
  }
}
