package org.deepfig.analysis.filters;

import ai.djl.ndarray.NDArray;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.deepfig.UserError;
import org.deepfig.analysis.AnalysisKind;
import org.deepfig.analysis.Figure;
import org.deepfig.analysis.Parameters;
import org.deepfig.analysis.RunContext;
import org.deepfig.analysis.ValueMaps;
import org.deepfig.model.LayerGraph;
import org.deepfig.model.LayerKind;
import org.deepfig.model.LayerNode;
import org.deepfig.render.FigureStyle;
import org.deepfig.render.ColourMap;
import org.deepfig.render.Drawing;
import org.deepfig.render.Normalisation;
import org.deepfig.render.TileGrid;

/** What the convolution filters look like (Krizhevsky et al. 2012, fig. 3; Zeiler & Fergus 2014). */
public final class Filters implements AnalysisKind<FiltersSpec> {
  @Override
  public String kind() {
    return "filters";
  }

  @Override
  public Class<FiltersSpec> specType() {
    return FiltersSpec.class;
  }

  @Override
  public void check(FiltersSpec spec, org.deepfig.analysis.References refs) {
    var graph = refs.graph();
    List<String> convs = refs.convNames();
    if (spec.layer() != null && (!graph.contains(spec.layer())
        || graph.layer(spec.layer()).kind() != org.deepfig.model.LayerKind.CONV)) {
      throw refs.mistake("'" + spec.layer() + "' is not a convolution layer of this model",
          refs.fix(spec.layer(), convs), "layer");
    }
    String layer = spec.layer() != null ? spec.layer() : convs.isEmpty() ? null : convs.get(0);
    if (spec.channel() != null && layer != null && spec.channel() >= graph.layer(layer).channels()) {
      int out = graph.layer(layer).channels();
      throw refs.mistake("channel " + spec.channel() + " does not exist: " + layer + " has " + out
          + " output channels (0–" + (out - 1) + ")", "set channel between 0 and " + (out - 1), "channel");
    }
  }

  @Override
  public String description() {
    return "first-layer filters as colour/grey tiles, or one deeper filter's kernels per input channel";
  }

  @Override
  public String needsImages(FiltersSpec spec) {
    return "it draws convolution filters, which need image inputs";
  }

  /**
   * The tiles shown, in index order: the listed ones; else all when they fit in {@code tiles}, or the {@code tiles}
   * with the largest L2 norm (ties by index). Tile t's weights are {@code per} values from {@code offset + t·per}.
   */
  static int[] shownTiles(FiltersSpec spec, float[] w, int total, int per, int offset, String layer) {
    if (spec.tiles().isList()) {
      for (int i : spec.tiles().indices()) {
        if (i >= total) {
          throw new UserError("figures: filters.tiles", "tile " + i + " does not exist: " + layer + " shows " + total
              + " here (0–" + (total - 1) + ")", "list tiles between 0 and " + (total - 1));
        }
      }
      return spec.tiles().indices().stream().mapToInt(Integer::intValue).sorted().toArray();
    }
    int n = Math.min(total, spec.tiles().count());
    if (n == total) return java.util.stream.IntStream.range(0, total).toArray();
    double[] norm = new double[total];
    for (int t = 0; t < total; t++) {
      double s = 0;
      for (int i = 0; i < per; i++) s += (double) w[offset + t * per + i] * w[offset + t * per + i];
      norm[t] = s;
    }
    return java.util.stream.IntStream.range(0, total).boxed()
        .sorted((a, b) -> norm[a] != norm[b] ? Double.compare(norm[b], norm[a]) : Integer.compare(a, b))
        .limit(n).mapToInt(Integer::intValue).sorted().toArray();
  }

  @Override
  public List<Figure> run(FiltersSpec spec, RunContext ctx) {
    LayerGraph g = ctx.network().graph();
    List<LayerNode> convs = g.ofKind(LayerKind.CONV);
    Parameters params = Parameters.of(spec);
    if (convs.isEmpty()) {
      return List.of(Figure.tablesOnly("filters", "Filters", "No convolution layer to show.", params.map(),
          List.of(),
          "This model has no convolution layer that deepfig can see, so there are no filters to draw."
              + (ctx.network().visibilityNote() == null ? "" : " " + ctx.network().visibilityNote())));
    }
    String layer = spec.layer() != null ? spec.layer() : convs.get(0).name();
    if (!g.contains(layer) || g.layer(layer).kind() != LayerKind.CONV) {
      throw new UserError("figures: filters.layer", "'" + layer + "' is not a convolution layer of this model",
          "use one of: " + String.join(", ", convs.stream().map(LayerNode::name).toList()));
    }
    Optional<NDArray> weight = ctx.network().layerWeight(layer);
    if (weight.isEmpty()) {
      return List.of(Figure.tablesOnly("filters", "Filters", "Weights not available.", params.with("layer", layer).map(),
          List.of(),
          "This model does not expose the weights of " + layer + "."));
    }
    NDArray w = weight.get();
    long[] s = w.getShape().getShape();
    int out = (int) s[0];
    int in = (int) s[1];
    int k = (int) s[2];
    float[] values = w.toFloatArray();
    boolean shared = spec.normalise() == FiltersSpec.Normalise.SHARED;
    boolean first = layer.equals(convs.get(0).name()) && spec.channel() == null;
    params.with("layer", layer);
    int channel = first ? -1 : spec.channel() == null ? 0 : spec.channel();
    List<BufferedImage> images;
    String caption;
    ColourMap legendMap = null;
    Normalisation legendRange = null;
    String title;
    if (first) {
      images = FilterTiles.firstLayer(values, out, in, k, shared);
      float[] r = FilterTiles.range(values, 0, values.length);
      title = String.format(Locale.ROOT, "%s: %d filters of %d×%d×%d", layer, out, in, k, k);
      caption = String.format(Locale.ROOT, "The %d filters of %s (%d×%d, %s), %s normalisation%s.", out, layer, k, k,
          in == 3 ? "input channels shown as red, green, blue" : in == 1 ? "grey: dark = negative, light = "
              + "positive weight" : "mean over the " + in + " input channels",
          shared ? "shared (one scale for all filters, so their strengths compare)"
              : "per-filter (each stretched to its own range; strengths do not compare)",
          shared ? String.format(Locale.ROOT, ": weights from %.3f to %.3f", r[0], r[1]) : "");
      if (in != 3 && shared) {
        legendMap = ColourMap.greys();
        legendRange = new Normalisation(r[0], r[1]);
      }
    } else {
      if (channel >= out) {
        throw new UserError("figures: filters.channel", "channel " + channel + " does not exist: " + layer + " has "
            + out + " output channels (0–" + (out - 1) + ")", "set channel between 0 and " + (out - 1));
      }
      params.with("channel", channel);
      images = FilterTiles.kernelsOf(values, out, in, k, channel, shared);
      float m = FilterTiles.maxAbs(values, channel * in * k * k, (channel + 1) * in * k * k);
      title = String.format(Locale.ROOT, "%s, output channel %d: %d kernels of %d×%d", layer, channel, in, k, k);
      caption = String.format(Locale.ROOT, "The %d×%d kernels that output channel %d of %s applies to each of its %d "
          + "input channels; diverging colours, red positive and blue negative, %s normalisation.", k, k, channel,
          layer, in, shared ? "shared" : "per-kernel");
      if (shared) {
        legendMap = ColourMap.diverging();
        legendRange = new Normalisation(-m, m);
      }
    }
    int[] shown = shownTiles(spec, values, first ? out : in, first ? in * k * k : k * k,
        first ? 0 : channel * in * k * k, layer);
    List<TileGrid.Tile> tiles = new ArrayList<>();
    for (int i : shown) tiles.add(new TileGrid.Tile(images.get(i), "#" + i));
    List<ValueMaps.ValueMap> maps = new ArrayList<>();
    for (int i : shown) maps.add(first ? FilterTiles.filterValues(layer, values, in, k, i)
        : FilterTiles.kernelValues(layer + " ch " + channel, values, in, k, channel, i));
    int total = images.size();
    if (shown.length < total) {
      if (!spec.tiles().isList()) params.with("tiles", shown.length + " of " + total);
      caption += spec.tiles().isList()
          ? String.format(Locale.ROOT, " Shown: the %d listed of %d %s.", shown.length, total, first ? "filters"
              : "kernels")
          : String.format(Locale.ROOT, " Shown: the %d of %d %s with the largest L2 norm, in index order (tiles: N "
              + "shows more, tiles: [i, j, …] picks by index).", shown.length, total, first ? "filters" : "kernels");
    }
    String gridTitle = FigureStyle.figureTitle(title);
    TileGrid grid = legendMap == null ? TileGrid.wrapped(gridTitle, tiles, spec.columns(), 36)
        : TileGrid.wrappedBesideBar(gridTitle, tiles, spec.columns(), 36);
    Drawing d = legendMap == null ? grid : grid.withColourBar(legendMap, legendRange, "weight");
    String id = first ? "filters-" + Figure.slug(layer) : "filters-" + Figure.slug(layer) + "-ch" + channel;
    return List.of(Figure.of(id, "Filters of " + layer, caption, params.map(), d)
        .withAttachments(List.of(new ValueMaps(maps).attachment())));
  }
}
