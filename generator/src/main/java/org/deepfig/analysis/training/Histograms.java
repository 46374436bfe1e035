package org.deepfig.analysis.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deepfig.UserError;
import org.deepfig.analysis.AnalysisKind;
import org.deepfig.analysis.Cost;
import org.deepfig.analysis.Figure;
import org.deepfig.analysis.Parameters;
import org.deepfig.analysis.RunContext;
import org.deepfig.analysis.Table;
import org.deepfig.data.Dataset;
import org.deepfig.data.ImageSet;
import org.deepfig.model.LayerKind;
import org.deepfig.model.LayerNode;
import org.deepfig.model.Network;
import org.deepfig.model.Taps;
import org.deepfig.probe.Activations;
import org.deepfig.probe.ConvKernels;
import org.deepfig.probe.Probe;
import org.deepfig.train.Batches;
import org.deepfig.train.Snapshots;

/**
 * TensorBoard's histograms as one figure: for each layer with weights, the distribution of its weights, of the
 * gradient of the mean training loss over a fixed batch with respect to them, and of its activations (after the
 * layer's activation function, when one follows it) on test images, at every snapshot of training, as ridgelines on
 * a shared axis per layer and quantity — the view for spotting exploding, vanishing or dead layers.
 */
public final class Histograms implements AnalysisKind<HistogramsSpec> {
  /** Activation values kept per layer and snapshot (evenly strided): enough for a histogram's shape. */
  static final int MAX_VALUES = 200_000;

  @Override
  public String kind() {
    return "histograms";
  }

  @Override
  public Class<HistogramsSpec> specType() {
    return HistogramsSpec.class;
  }

  /** Named layers exist (zoo models: an imported model has no snapshots, and its figure says so). */
  @Override
  public void check(HistogramsSpec spec, org.deepfig.analysis.References refs) {
    if (refs.imported()) return;
    var graph = refs.graph();
    refs.layers("layers", spec.layers(), graph::contains, "no layer named '%s' in this model", graph.names());
  }

  @Override
  public String description() {
    return "per layer, distributions of weights, gradients and activations at every snapshot, as ridgelines";
  }

  @Override
  public boolean usesSnapshots() {
    return true;
  }

  @Override
  public Cost cost(HistogramsSpec spec, Dataset data, Network network) {
    int test = spec.maxImages() == 0 ? data.test().size() : Math.min(spec.maxImages(), data.test().size());
    int batch = Math.min(spec.gradientBatch(), data.train().size());
    // per snapshot; the snapshot count is not known before training, so this is the cost of one (and the final)
    return new Cost(test * 2.0, batch * 2.0, test + " test images per snapshot",
        test > 50 ? "max_images: " + Math.max(50, test / 4) : null);
  }

  @Override
  public List<Figure> run(HistogramsSpec spec, RunContext ctx) {
    List<LayerNode> all = ctx.network().graph().layers();
    List<String> layers = spec.layers() != null ? spec.layers() : all.stream()
        .filter(n -> n.kind() == LayerKind.LINEAR || n.kind() == LayerKind.CONV).map(LayerNode::name).toList();
    for (String l : layers) {
      if (ctx.network().layerWeight(l).isEmpty()) {
        throw new UserError("figures: histograms.layers", "'" + l + "' is not a layer with weights in this model",
            "name dense or convolution layers, or leave layers out for all of them");
      }
    }
    if (layers.isEmpty()) {
      return List.of(Figure.tablesOnly("histograms", "Histograms", "No layer with weights.", Parameters.of(spec).map(),
          List.of(),
          "This model shows no layer with weights."));
    }
    Map<String, String> outputs = new LinkedHashMap<>();
    for (String l : layers) outputs.put(l, activationAfter(ctx.network(), l));
    Snapshots snaps = ctx.snapshots();
    List<Integer> epochs = snaps.isEmpty() ? List.of(-1) : snaps.epochs();
    // values[layer][quantity] per snapshot
    Map<String, List<List<float[]>>> values = new LinkedHashMap<>();
    for (String l : layers) values.put(l, List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
    boolean gradients = !ctx.network().imported();
    for (int e : epochs) {
      try (Snapshots.Snapshot s = e < 0 ? null : snaps.open(e)) {
        Network net = s == null ? ctx.network() : s.network();
        Map<String, float[]> w = weights(net, layers);
        Map<String, float[]> g = gradients && s != null
            ? gradients(net, ctx.manager(), ctx.data().train(), spec.gradientBatch(), layers) : null;
        Map<String, float[]> a = activations(net, ctx.manager(), ctx.data().test(), spec.maxImages(),
            new ArrayList<>(new java.util.LinkedHashSet<>(outputs.values())));
        for (String l : layers) {
          values.get(l).get(0).add(w.get(l));
          if (g != null) values.get(l).get(1).add(g.get(l));
          values.get(l).get(2).add(a.get(outputs.get(l)));
        }
      }
    }
    List<String> ridgeNames = epochs.stream().map(e -> e < 0 ? "trained" : "epoch " + e).toList();
    Ridgelines.Cell[][] cells = new Ridgelines.Cell[layers.size()][3];
    List<List<String>> rows = new ArrayList<>();
    String[] quantities = {"weights", "gradients", "activations"};
    for (int r = 0; r < layers.size(); r++) {
      String l = layers.get(r);
      for (int q = 0; q < 3; q++) {
        List<float[]> v = values.get(l).get(q);
        if (v.isEmpty()) continue;
        double[] range = Histogram.range(v);
        List<Histogram> ridges = new ArrayList<>();
        for (int k = 0; k < v.size(); k++) {
          Histogram h = Histogram.of(v.get(k), range[0], range[1], spec.bins());
          ridges.add(h);
          rows.add(List.of(l, quantities[q], ridgeNames.get(k), Long.toString(v.get(k).length),
              fmt(mean(v.get(k))), fmt(std(v.get(k))), fmt(min(v.get(k))), fmt(max(v.get(k)))));
        }
        cells[r][q] = new Ridgelines.Cell(ridges);
      }
    }
    List<String> rowNames = layers.stream().map(l -> outputs.get(l).equals(l) ? l : l + " (activations after "
        + outputs.get(l) + ")").toList();
    String title = "Weights, gradients and activations by epoch";
    int batch = Math.min(spec.gradientBatch(), ctx.data().train().size());
    int test = spec.maxImages() == 0 ? ctx.data().test().size() : Math.min(spec.maxImages(),
        ctx.data().test().size());
    String caption = "For each layer, the distribution of its weights, of the gradient of the mean training loss "
        + "over a fixed batch (the first " + batch + " training samples) with respect to them, and of its "
        + "activations on " + test + " test samples, at each snapshot of training (top: earliest), as ridgelines "
        + "of " + spec.bins() + " bins on an axis shared by the snapshots of a panel; each ridge is scaled to its "
        + "highest bin. A distribution that widens epoch after epoch points to exploding weights, one that collapses "
        + "onto zero to a dead layer.";
    Map<String, String> params = Parameters.of(spec).with("gradient_batch", batch).with("max_images", test)
        .with("layers", layers).map();
    String note = !gradients ? "Gradients are not taken for an imported model." : snaps.note();
    return List.of(new Figure("histograms", title, caption, params, new Ridgelines(rowNames, List.of(quantities[0],
        quantities[1], quantities[2]), ridgeNames, cells, title), List.of(new Table("Summary per snapshot",
        List.of("layer", "quantity", "snapshot", "values", "mean", "std", "min", "max"), rows)), List.of(), note));
  }

  /** The layer whose output stands for {@code layer}'s activations: the activation function right after it. */
  static String activationAfter(Network net, String layer) {
    List<LayerNode> all = net.graph().layers();
    for (int i = 0; i + 1 < all.size(); i++) {
      if (!all.get(i).name().equals(layer)) continue;
      LayerNode next = all.get(i + 1);
      boolean act = next.kind() == LayerKind.RELU || next.kind() == LayerKind.TANH || next.kind() == LayerKind.SIGMOID;
      return act && next.inputs().equals(List.of(layer)) ? next.name() : layer;
    }
    return layer;
  }

  static Map<String, float[]> weights(Network net, List<String> layers) {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (String l : layers) out.put(l, net.layerWeight(l).orElseThrow().toFloatArray());
    return out;
  }

  /**
   * The gradient of the mean softmax cross-entropy over the first {@code batch} training samples with respect to
   * each layer's weight tensor (evaluation mode). {@code net} must be a copy of its own (a snapshot): its weights are
   * marked as needing gradients.
   */
  static Map<String, float[]> gradients(Network net, NDManager parent, ImageSet train, int batch,
      List<String> layers) {
    int n = Math.min(batch, train.size());
    float[] x = new float[n * train.imageLength()];
    train.copyImages(0, n, x, 0);
    float[] y = new float[n];
    for (int i = 0; i < n; i++) y[i] = train.label(i);
    return ConvKernels.withGradients(parent.getDevice(), () -> {
      try (NDManager m = parent.newSubManager()) {
        List<NDArray> ws = new ArrayList<>();
        for (String l : layers) {
          NDArray w = net.layerWeight(l).orElseThrow();
          w.setRequiresGradient(true);
          ws.add(w);
        }
        NDArray input = m.create(FloatBuffer.wrap(x), Batches.shape(train, n));
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
          NDArray logits = net.forward(new ParameterStore(m, false), input, false, Taps.NONE);
          NDArray loss = Loss.softmaxCrossEntropyLoss().evaluate(new NDList(m.create(y)), new NDList(logits));
          gc.backward(loss);
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) out.put(layers.get(i), ws.get(i).getGradient().toFloatArray());
        return out;
      }
    });
  }

  /** The outputs of {@code layers} over the first test samples, each strided down to {@link #MAX_VALUES} values. */
  static Map<String, float[]> activations(Network net, NDManager manager, ImageSet test, int maxImages,
      List<String> layers) {
    int n = maxImages == 0 ? test.size() : Math.min(maxImages, test.size());
    Probe probe = new Probe(net, manager);
    int batch = org.deepfig.probe.BatchBudget.images(net, true, false, 64);
    Map<String, List<float[]>> parts = new LinkedHashMap<>();
    long[] totals = new long[layers.size()];
    for (int from = 0; from < n; from += batch) {
      int b = Math.min(batch, n - from);
      float[] x = new float[b * test.imageLength()];
      test.copyImages(from, from + b, x, 0);
      Activations a = probe.activations(x, Batches.shape(test, b), layers);
      for (int i = 0; i < layers.size(); i++) {
        float[] v = a.of(layers.get(i));
        parts.computeIfAbsent(layers.get(i), k -> new ArrayList<>()).add(v);
        totals[i] += v.length;
      }
    }
    Map<String, float[]> out = new LinkedHashMap<>();
    for (int i = 0; i < layers.size(); i++) {
      long total = totals[i];
      int stride = (int) Math.max(1, (total + MAX_VALUES - 1) / MAX_VALUES);
      float[] kept = new float[(int) ((total + stride - 1) / stride)];
      long index = 0;
      int k = 0;
      for (float[] v : parts.get(layers.get(i))) {
        for (float f : v) {
          if (index++ % stride == 0) kept[k++] = f;
        }
      }
      out.put(layers.get(i), java.util.Arrays.copyOf(kept, k));
    }
    return out;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }

  private static double mean(float[] v) {
    double s = 0;
    for (float f : v) s += f;
    return v.length == 0 ? Double.NaN : s / v.length;
  }

  private static double std(float[] v) {
    double m = mean(v);
    double s = 0;
    for (float f : v) s += (f - m) * (f - m);
    return v.length == 0 ? Double.NaN : Math.sqrt(s / v.length);
  }

  private static double min(float[] v) {
    double m = Double.POSITIVE_INFINITY;
    for (float f : v) m = Math.min(m, f);
    return m;
  }

  private static double max(float[] v) {
    double m = Double.NEGATIVE_INFINITY;
    for (float f : v) m = Math.max(m, f);
    return m;
  }
}
