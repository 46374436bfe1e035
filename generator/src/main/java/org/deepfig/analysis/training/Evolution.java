package org.deepfig.analysis.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deepfig.Progress;
import org.deepfig.UserError;
import org.deepfig.analysis.AnalysisKind;
import org.deepfig.analysis.Cost;
import org.deepfig.analysis.Figure;
import org.deepfig.analysis.Parameters;
import org.deepfig.analysis.RunContext;
import org.deepfig.analysis.Table;
import org.deepfig.analysis.activations.DeadUnits;
import org.deepfig.analysis.embedding.ClassLegend;
import org.deepfig.analysis.embedding.ScatterPanel;
import org.deepfig.data.Dataset;
import org.deepfig.data.ImageSet;
import org.deepfig.embed.Matrix;
import org.deepfig.embed.NeighbourhoodHit;
import org.deepfig.embed.TSne;
import org.deepfig.embed.TSneResult;
import org.deepfig.model.LayerKind;
import org.deepfig.model.LayerNode;
import org.deepfig.model.Network;
import org.deepfig.probe.Activations;
import org.deepfig.probe.Probe;
import org.deepfig.render.Panels;
import org.deepfig.train.Batches;
import org.deepfig.train.Snapshots;
import org.deepfig.render.Numbers;

/**
 * How a layer's representation forms during training: at every snapshot, the t-SNE map of the same test samples in
 * that layer (the same seed each time, so only the network changes), their neighbourhood hit, and the share of ReLU
 * units that never fire on them, read left to right.
 */
public final class Evolution implements AnalysisKind<EvolutionSpec> {
  private static final int NEIGHBOURS = 6;

  @Override
  public String kind() {
    return "evolution";
  }

  @Override
  public Class<EvolutionSpec> specType() {
    return EvolutionSpec.class;
  }

  /** Named layers exist, the patches' a convolution (zoo models: an imported model has no snapshots). */
  @Override
  public void check(EvolutionSpec spec, org.deepfig.analysis.References refs) {
    if (refs.imported()) return;
    var graph = refs.graph();
    if (spec.layer() != null && !graph.contains(spec.layer())) {
      throw refs.mistake("no layer named '" + spec.layer() + "' in this model",
          refs.fix(spec.layer(), graph.names()), "layer");
    }
    String patches = spec.patchLayer();
    if (patches != null && (!graph.contains(patches) || graph.layer(patches).kind() != LayerKind.CONV)) {
      throw refs.mistake("'" + patches + "' is not a convolution layer of this model",
          refs.fix(patches, refs.convNames()), "patch_layer");
    }
  }

  @Override
  public String description() {
    return "a layer's t-SNE and the share of dead units at every snapshot, left to right";
  }

  @Override
  public boolean usesSnapshots() {
    return true;
  }

  @Override
  public Cost cost(EvolutionSpec spec, Dataset data, Network network) {
    int n = Math.min(spec.points(), data.test().size());
    return Cost.forward(2.0 * n, n + " test samples per snapshot", n > 100 ? "points: " + n / 2 : null);
  }

  @Override
  public List<Figure> run(EvolutionSpec spec, RunContext ctx) {
    Network trained = ctx.network();
    String layer = layer(spec, trained);
    ImageSet test = ctx.data().test();
    int n = Math.min(spec.points(), test.size());
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) labels[i] = test.label(i);
    List<String> relus = trained.graph().ofKind(LayerKind.RELU).stream().map(LayerNode::name).toList();
    Snapshots snaps = ctx.snapshots();
    List<Integer> epochs = snaps.isEmpty() ? List.of(-1) : snaps.epochs();
    List<ScatterPanel> panels = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    double size = ScatterPanel.sizeFor(Math.min(epochs.size(), 5), 10, 0);
    for (int e : epochs) {
      String name = e < 0 ? "trained" : "epoch " + e;
      try (Snapshots.Snapshot s = e < 0 ? null : snaps.open(e)) {
        Network net = s == null ? trained : s.network();
        Matrix x = features(net, ctx, test, n, layer);
        TSneResult r;
        try (Progress.Task task = ctx.progress().start("t-SNE " + layer + " (" + name + ")", spec.iterations())) {
          r = new TSne().optPerplexity(Math.min(spec.perplexity(), (n - 1) / 3.0)).optIterations(spec.iterations())
              .optSeed(ctx.seed("evolution", 0)).optMethod(TSne.Method.BARNES_HUT).optInit(TSne.Init.PCA)
              .optProgress(i -> task.step(1)).fit(x);
        }
        double hit = NeighbourhoodHit.of(new Matrix(n, 2, r.coordinates()), labels, NEIGHBOURS);
        String dead = "—";
        if (!relus.isEmpty()) {
          Map<String, boolean[]> alive = DeadUnits.alive(net, ctx, test, n, relus, name);
          int d = 0;
          int total = 0;
          for (boolean[] a : alive.values()) {
            d += DeadUnits.dead(a);
            total += a.length;
          }
          dead = String.format(Locale.ROOT, "%.0f%%", 100.0 * d / total);
        }
        rows.add(List.of(name, String.format(Locale.ROOT, "%.3f", hit), dead));
        String sub = "hit " + String.format(Locale.ROOT, "%.2f", hit) + (relus.isEmpty() ? "" : " · dead " + dead);
        panels.add(new ScatterPanel(name, sub, r.coordinates(), labels, size));
      }
    }
    String caption = "t-SNE of " + n + " test samples in " + layer + " at each snapshot of training, left to right "
        + "(perplexity " + Numbers.plain(spec.perplexity()) + ", " + spec.iterations() + " iterations, the same seed and "
        + "initialisation each time, so only the network changes), coloured by true class; under each, the "
        + NEIGHBOURS + "-neighbourhood hit in the map (the share of each point's nearest neighbours of its own "
        + "class)" + (relus.isEmpty() ? "" : " and the share of ReLU units that never fire on these samples") + ".";
    var g = trained.graph();
    Map<String, String> params = Parameters.of(spec).with("layer", layer).with("points", n)
        .with("patch_layer", spec.patchChannels() == 0 || test.vectors() ? spec.patchLayer()
            : patchLayer(spec, g, org.deepfig.analysis.patches.ReceptiveField.analytic(g))).map();
    String note = snaps.note();
    List<Figure> out = new ArrayList<>();
    out.add(new Figure("evolution-" + Figure.slug(layer), "Evolution of " + layer + " by epoch", caption,
        params, ClassLegend.withPanels(Panels.grid(10, panels), ctx.data().classNames(), labels, 10),
        List.of(new Table("By snapshot", List.of("snapshot", "neighbourhood hit", "dead ReLU units"), rows)),
        List.of(), note));
    Figure patches = patches(spec, ctx, epochs);
    if (patches != null) out.add(patches);
    return out;
  }

  /**
   * The top-9 test patches of a few channels of a convolution at every snapshot: the channels with the highest mean
   * activation in the trained network, the same at every snapshot; null for vector data or a model without one.
   */
  private static Figure patches(EvolutionSpec spec, RunContext ctx, List<Integer> epochs) {
    ImageSet test = ctx.data().test();
    if (spec.patchChannels() == 0 || test.vectors()) return null;
    Map<String, org.deepfig.analysis.patches.ReceptiveField> fields =
        org.deepfig.analysis.patches.ReceptiveField.analytic(ctx.network().graph());
    String layer = patchLayer(spec, ctx.network().graph(), fields);
    if (layer == null) return null;
    int images = Math.min(spec.points(), test.size());
    Snapshots snaps = ctx.snapshots();
    Map<String, double[]> means = new LinkedHashMap<>();
    TopKScanResult trained = scan(ctx.network(), ctx, test, images, layer, means);
    double[] m = means.get(layer);
    int channels = Math.min(spec.patchChannels(), m.length);
    Integer[] order = new Integer[m.length];
    for (int i = 0; i < m.length; i++) order[i] = i;
    java.util.Arrays.sort(order, (a, b) -> m[b] != m[a] ? Double.compare(m[b], m[a]) : Integer.compare(a, b));
    List<org.deepfig.render.Drawing> columns = new ArrayList<>();
    var rf = fields.get(layer);
    for (int e : epochs) {
      String name = e < 0 ? "trained" : "epoch " + e;
      List<org.deepfig.analysis.patches.TopKScan.Hit>[] hits;
      try (Snapshots.Snapshot s = e < 0 ? null : snaps.open(e)) {
        hits = s == null ? trained.hits() : scan(s.network(), ctx, test, images, layer, null).hits();
      }
      List<org.deepfig.render.Drawing> grids = new ArrayList<>();
      for (int k = 0; k < channels; k++) {
        int c = order[k];
        List<org.deepfig.render.TileGrid.Tile> tiles = new ArrayList<>();
        for (var h : hits[c]) {
          tiles.add(new org.deepfig.render.TileGrid.Tile(org.deepfig.analysis.patches.Patches.crop(test, h.image(),
              rf, h.y(), h.x()), null));
        }
        grids.add(new org.deepfig.render.TileGrid((k == 0 ? name + " · " : "") + "ch " + c, tiles, 3, 16));
      }
      columns.add(Panels.column(4, grids));
    }
    String caption = "The 9 of " + images + " test images that excite each of the " + channels + " channels of "
        + layer + " with the highest mean activation in the trained network the most, cropped to the channel's "
        + rf.size() + "×" + rf.size() + "-pixel receptive field around its maximum, at each snapshot of training, "
        + "left to right (Zeiler and Fergus 2014): what the same channel responds to as training goes.";
    Map<String, String> params = Parameters.of(spec).with("layer", layer(spec, ctx.network())).with("points", images)
        .with("patch_layer", layer).with("patch_channels", channels).map();
    return Figure.of("evolution-patches-" + Figure.slug(layer), "Top-9 patches of " + layer + " by epoch", caption,
        params, Panels.grid(12, columns));
  }

  /** The convolution whose patches are shown: the named one, else the last with a known receptive field, or null. */
  private static String patchLayer(EvolutionSpec spec, org.deepfig.model.LayerGraph g,
      Map<String, org.deepfig.analysis.patches.ReceptiveField> fields) {
    String layer = spec.patchLayer();
    if (layer == null) {
      List<String> convs = g.ofKind(LayerKind.CONV).stream().map(LayerNode::name).filter(fields::containsKey)
          .toList();
      return convs.isEmpty() ? null : convs.get(convs.size() - 1);
    }
    if (!g.contains(layer) || g.layer(layer).kind() != LayerKind.CONV || !fields.containsKey(layer)) {
      throw new UserError("figures: evolution.patch_layer", "'" + layer + "' is not a convolution layer of this "
          + "model with a known receptive field", "name a convolution layer, or leave patch_layer out");
    }
    return layer;
  }

  private record TopKScanResult(List<org.deepfig.analysis.patches.TopKScan.Hit>[] hits) {}

  @SuppressWarnings("unchecked")
  private static TopKScanResult scan(Network net, RunContext ctx, ImageSet test, int images, String layer,
      Map<String, double[]> means) {
    var r = org.deepfig.analysis.patches.TopKScan.scan(net, ctx.manager(), test, images, List.of(layer), 9, 32, null,
        means);
    return new TopKScanResult(r.get(layer).toArray(new List[0]));
  }

  /** The named layer, or the last layer before the output's dense layer. */
  static String layer(EvolutionSpec spec, Network net) {
    if (spec.layer() != null) {
      if (!net.graph().contains(spec.layer())) {
        throw new UserError("figures: evolution.layer", "no layer named '" + spec.layer() + "' in this model",
            "use one of: " + String.join(", ", net.graph().names()));
      }
      return spec.layer();
    }
    List<LayerNode> all = net.graph().layers();
    return all.size() >= 2 ? all.get(all.size() - 2).name() : all.get(0).name();
  }

  /** The layer's output for the first n test samples, a convolution's maps pooled to one mean per channel. */
  static Matrix features(Network net, RunContext ctx, ImageSet test, int n, String layer) {
    Probe probe = new Probe(net, ctx.manager());
    int batch = 64;
    int cols = -1;
    double[] data = null;
    for (int from = 0; from < n; from += batch) {
      int b = Math.min(batch, n - from);
      float[] x = new float[b * test.imageLength()];
      test.copyImages(from, from + b, x, 0);
      Activations a = probe.activations(x, Batches.shape(test, b), List.of(layer));
      float[] v = a.of(layer);
      var shape = a.shape(layer);
      int units = (int) shape.get(1);
      int per = v.length / b / units;
      if (data == null) {
        cols = units;
        data = new double[n * cols];
      }
      for (int i = 0; i < b; i++) {
        for (int u = 0; u < units; u++) {
          double sum = 0;
          for (int p = 0; p < per; p++) sum += v[(i * units + u) * per + p];
          data[(from + i) * cols + u] = sum / per;
        }
      }
    }
    return new Matrix(n, cols, data);
  }
}
