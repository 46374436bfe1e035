package org.deepfig.analysis.training;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.deepfig.UserError;
import org.deepfig.analysis.AnalysisKind;
import org.deepfig.analysis.Figure;
import org.deepfig.analysis.Parameters;
import org.deepfig.analysis.RunContext;
import org.deepfig.analysis.filters.FilterTiles;
import org.deepfig.data.ImageSet;
import org.deepfig.model.LayerKind;
import org.deepfig.model.LayerNode;
import org.deepfig.model.Network;
import org.deepfig.render.ColourMap;
import org.deepfig.render.Normalisation;
import org.deepfig.render.Panels;
import org.deepfig.render.Rasters;
import org.deepfig.render.TileGrid;
import org.deepfig.train.Snapshots;

/**
 * How a layer's weights form during training: at every snapshot, each chosen unit of a dense layer that reads the
 * image (its weights reshaped to the image, as in the classic pictures of a perceptron's first layer) or each filter
 * of a convolution (RGB for three input channels, grey otherwise), the same units at every snapshot, side by side.
 */
public final class Weights implements AnalysisKind<WeightsSpec> {
  @Override
  public String kind() {
    return "weights";
  }

  @Override
  public Class<WeightsSpec> specType() {
    return WeightsSpec.class;
  }

  /** A named layer exists (zoo models: an imported model has no snapshots, and its figure says so). */
  @Override
  public void check(WeightsSpec spec, org.deepfig.analysis.References refs) {
    if (refs.imported() || spec.layer() == null || refs.graph().contains(spec.layer())) return;
    throw refs.mistake("no layer named '" + spec.layer() + "' in this model",
        refs.fix(spec.layer(), refs.graph().names()), "layer");
  }

  @Override
  public String description() {
    return "a dense first layer's units as image tiles, or conv filters, at every snapshot side by side";
  }

  @Override
  public boolean usesSnapshots() {
    return true;
  }

  @Override
  public String needsImages(WeightsSpec spec) {
    return "it draws weights in the shape of the input image";
  }

  @Override
  public List<Figure> run(WeightsSpec spec, RunContext ctx) {
    Network trained = ctx.network();
    LayerNode node = layer(spec, trained);
    ImageSet set = ctx.data().train();
    int[] dims = set.sampleDims();
    float[] last = trained.layerWeight(node.name()).orElseThrow().toFloatArray();
    long[] shape = trained.layerWeight(node.name()).orElseThrow().getShape().getShape();
    int out = (int) shape[0];
    boolean conv = node.kind() == LayerKind.CONV;
    int per = last.length / out;
    if (!conv && per != set.imageLength()) {
      throw new UserError("figures: weights.layer", "'" + node.name() + "' does not read the image (" + per
          + " inputs, the image has " + set.imageLength() + " values)", "name the first dense layer after flatten, "
          + "or a convolution");
    }
    int[] chosen = strongest(last, out, per, Math.min(spec.units(), out));
    boolean shared = spec.normalise() == WeightsSpec.Normalise.SHARED;
    Snapshots snaps = ctx.snapshots();
    List<Integer> epochs = snaps.isEmpty() ? List.of(-1) : snaps.epochs();
    List<float[]> weights = new ArrayList<>();
    for (int e : epochs) {
      try (Snapshots.Snapshot s = e < 0 ? null : snaps.open(e)) {
        Network net = s == null ? trained : s.network();
        weights.add(net.layerWeight(node.name()).orElseThrow().toFloatArray());
      }
    }
    boolean change = spec.subtractInitial() && epochs.size() > 1 && epochs.get(0) == 0;
    if (change) { // the change since the initialisation; the first panel (all zero) is left out
      float[] initial = weights.get(0);
      for (float[] w : weights) for (int i = 0; i < w.length; i++) w[i] -= initial[i];
      weights = weights.subList(1, weights.size());
      epochs = epochs.subList(1, epochs.size());
    }
    float globalMax = 0;
    for (float[] w : weights) for (int u : chosen) globalMax = Math.max(globalMax, maxAbs(w, u * per, (u + 1) * per));
    List<TileGrid> panels = new ArrayList<>();
    int columns = (int) Math.ceil(Math.sqrt(chosen.length));
    double tile = conv ? 22 : Math.max(18, Math.min(30, 120.0 / columns));
    for (int k = 0; k < epochs.size(); k++) {
      float[] w = weights.get(k);
      List<TileGrid.Tile> tiles = new ArrayList<>();
      if (conv) {
        float[] picked = new float[chosen.length * per];
        for (int i = 0; i < chosen.length; i++) System.arraycopy(w, chosen[i] * per, picked, i * per, per);
        int in = (int) shape[1];
        int kk = (int) shape[2];
        for (BufferedImage img : FilterTiles.firstLayer(picked, chosen.length, in, kk, shared)) {
          tiles.add(new TileGrid.Tile(img, null));
        }
      } else {
        for (int u : chosen) tiles.add(new TileGrid.Tile(unitImage(w, u, per, dims, shared ? globalMax : 0), null));
      }
      int e = epochs.get(k);
      panels.add(TileGrid.wrapped(e < 0 ? "trained" : "epoch " + e, tiles, columns, tile));
    }
    String what = conv ? "filters" : "units";
    String caption = (conv ? "The " + chosen.length + " filters of " + node.name() + " with the largest weights (L2) "
        + "in the trained network, as RGB (three input channels) or grey (the mean over input channels)"
        : "The weights of the " + chosen.length + " units of " + node.name() + " with the largest weights (L2) in "
            + "the trained network, each unit's " + per + " weights drawn in the shape of the input image in a "
            + "diverging map (red positive, blue negative, white zero)")
        + (change ? ", minus their values at initialisation (what training added)" : "")
        + ", at each snapshot of training, the same " + what + " in the same order in every panel; "
        + (shared ? "one scale for every tile and snapshot, so growing weights darken." : "each tile stretched to "
            + "its own largest weight, so the pattern shows whatever its size.");
    Map<String, String> params = Parameters.of(spec).with("layer", node.name()).with("units", chosen.length)
        .with("subtract_initial", change).map();
    String note = snaps.note();
    String title = (change ? "Change of the weights of " : "Weights of ") + node.name() + " by epoch";
    return List.of(new Figure("weights-" + Figure.slug(node.name()) + (change ? "-change" : ""), title, caption, params,
        Panels.grid(12, panels), List.of(), List.of(), note));
  }

  /** The named layer, or the first dense or convolution layer. */
  static LayerNode layer(WeightsSpec spec, Network net) {
    if (spec.layer() != null) {
      if (!net.graph().contains(spec.layer()) || net.layerWeight(spec.layer()).isEmpty()) {
        throw new UserError("figures: weights.layer", "'" + spec.layer() + "' is not a layer with weights in this "
            + "model", "name a dense layer after flatten or a convolution layer");
      }
      LayerNode n = net.graph().layer(spec.layer());
      if (n.kind() != LayerKind.LINEAR && n.kind() != LayerKind.CONV) {
        throw new UserError("figures: weights.layer", "'" + spec.layer() + "' is neither dense nor a convolution",
            "name a dense layer after flatten or a convolution layer");
      }
      return n;
    }
    return net.graph().layers().stream().filter(n -> n.kind() == LayerKind.LINEAR || n.kind() == LayerKind.CONV)
        .findFirst().orElseThrow(() -> new UserError("figures: weights", "this model has no dense or convolution "
            + "layer", "remove the weights entry"));
  }

  /** The {@code k} units with the largest L2 norm of their weights, strongest first (ties: lower index first). */
  static int[] strongest(float[] w, int out, int per, int k) {
    double[] norm = new double[out];
    for (int u = 0; u < out; u++) for (int i = u * per; i < (u + 1) * per; i++) norm[u] += (double) w[i] * w[i];
    return IntStream.range(0, out).boxed().sorted(Comparator.comparingDouble((Integer u) -> -norm[u])
        .thenComparingInt(u -> u)).limit(k).mapToInt(Integer::intValue).toArray();
  }

  /** Unit {@code u}'s weights in the image's shape: grey images in a diverging map, colour ones as RGB. */
  static BufferedImage unitImage(float[] w, int u, int per, int[] dims, float scale) {
    float[] f = Arrays.copyOfRange(w, u * per, (u + 1) * per);
    int c = dims[0];
    int h = dims[1];
    int wd = dims[2];
    float m = Math.max(scale > 0 ? scale : maxAbs(f, 0, f.length), 1e-12f);
    if (c == 3) {
      float[] chw = new float[per];
      for (int i = 0; i < per; i++) chw[i] = 0.5f + 0.5f * f[i] / m;
      return Rasters.ofImage(chw, 3, h, wd);
    }
    float[] mean = new float[h * wd];
    for (int ch = 0; ch < c; ch++) for (int i = 0; i < h * wd; i++) mean[i] += f[ch * h * wd + i] / c;
    return Rasters.ofMap(mean, h, wd, ColourMap.diverging(), new Normalisation(-m, m));
  }

  private static float maxAbs(float[] v, int from, int to) {
    float m = 0;
    for (int i = from; i < to; i++) m = Math.max(m, Math.abs(v[i]));
    return m;
  }
}
