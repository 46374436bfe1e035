package org.deepfig.analysis.activations;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deepfig.UserError;
import org.deepfig.analysis.AnalysisKind;
import org.deepfig.analysis.Figure;
import org.deepfig.analysis.Parameters;
import org.deepfig.analysis.ImageSelection;
import org.deepfig.analysis.RunContext;
import org.deepfig.analysis.ValueMaps;
import org.deepfig.model.LayerGraph;
import org.deepfig.model.LayerKind;
import org.deepfig.model.LayerNode;
import org.deepfig.probe.Activations;
import org.deepfig.probe.Probe;
import org.deepfig.render.ColourBar;
import org.deepfig.render.ColourMap;
import org.deepfig.render.Drawing;
import org.deepfig.render.Normalisation;
import org.deepfig.render.Padded;
import org.deepfig.render.Panels;
import org.deepfig.render.Rasters;
import org.deepfig.render.TileGrid;

/** Feature maps: for each chosen test image, the input beside the activations of each chosen layer. */
public final class ActivationMaps implements AnalysisKind<ActivationsSpec> {
  @Override
  public String kind() {
    return "activations";
  }

  @Override
  public Class<ActivationsSpec> specType() {
    return ActivationsSpec.class;
  }

  @Override
  public void check(ActivationsSpec spec, org.deepfig.analysis.References refs) {
    var graph = refs.graph();
    refs.layers("layers", spec.layers(), graph::contains, "no layer named '%s' in this model", graph.names());
    refs.images(spec.images(), false);
  }

  @Override
  public String description() {
    return "feature maps of chosen layers for chosen test images (dense layers as strips), with colour bars";
  }

  @Override
  public String needsImages(ActivationsSpec spec) {
    return "it draws activation maps over images";
  }

  @Override
  public List<Figure> run(ActivationsSpec spec, RunContext ctx) {
    LayerGraph g = ctx.network().graph();
    List<String> layers = spec.layers() != null ? spec.layers()
        : g.ofKind(LayerKind.RELU).stream().map(LayerNode::name).toList();
    if (layers.isEmpty()) {
      return List.of(Figure.tablesOnly("activations", "Activations", "No layers to show.", Parameters.of(spec).map(),
          List.of(),
          ctx.network().visibilityNote() != null ? ctx.network().visibilityNote()
              : "This model has no ReLU layer; name layers with the layers option."));
    }
    for (String l : layers) {
      if (!g.contains(l)) {
        throw new UserError("figures: activations.layers", "no layer named '" + l + "' in this model",
            "use one of: " + String.join(", ", g.names()));
      }
    }
    ImageSelection chosen = ImageSelection.resolve("activations.images", spec.images(), ctx);
    Probe probe = new Probe(ctx.network(), ctx.manager());
    List<Figure> out = new ArrayList<>();
    if (chosen.size() == 0) {
      return List.of(Figure.tablesOnly("activations", "Activations", "No images to show.",
          Parameters.of(spec).with("layers", layers).map(), List.of(),
          chosen.note()));
    }
    for (int k = 0; k < chosen.size(); k++) {
      ImageSelection.Item item = chosen.item(k);
      float[] x = chosen.image(k);
      Activations a = probe.activations(x, new Shape(1, chosen.channels(), chosen.height(), chosen.width()),
          layers);
      List<Drawing> rows = new ArrayList<>();
      String truth = chosen.trueName(k, ctx.data().classNames());
      String predicted = ctx.data().classNames().get(item.predicted());
      // a file's random channels draw from a seed of its name; a test image's from its index, as before
      long seedIndex = item.testIndex() >= 0 ? item.testIndex() : 1_000_000L + Math.abs(item.id().hashCode() % 1000);
      rows.add(new TileGrid(item.name(), List.of(new TileGrid.Tile(Rasters.ofImage(x, chosen.channels(),
          chosen.height(), chosen.width()), "true: " + truth + " · predicted: " + predicted)), 1, 72));
      List<ValueMaps.ValueMap> values = new ArrayList<>();
      for (int li = 0; li < layers.size(); li++) {
        rows.add(layerRow(spec, ctx, layers.get(li), a, seedIndex, li, values));
      }
      Map<String, String> params = Parameters.of(spec).with("layers", layers)
          .with("image", item.testIndex() >= 0 ? Integer.toString(item.testIndex()) : item.name()).map();
      String caption = String.format(Locale.ROOT, "Activations of %s (%s, predicted %s) in %s. Up to %d "
          + "channels per layer, %s; %s colour scale (viridis, dark = low). Dense layers are strips, one cell per "
          + "unit.", item.name(), truth, predicted, String.join(", ", layers), spec.channels(),
          spec.pick() == ActivationsSpec.Pick.TOP ? "those with the highest mean activation on this image"
              : "chosen at random with the run's derived seed", spec.scale() == ActivationsSpec.Scale.SHARED
              ? "one shared" : "a per-map");
      String title = "Activations of " + item.name();
      out.add(new Figure("activations-" + item.id(), title, caption, params, Panels.column(10, rows), List.of(),
          List.of(), k == 0 ? chosen.note() : null).withAttachments(List.of(new ValueMaps(values).attachment())));
    }
    return out;
  }

  /** One layer's row; the values it shows are added to {@code values} (the layer's group). */
  private Drawing layerRow(ActivationsSpec spec, RunContext ctx, String layer, Activations a, long image, int li,
      List<ValueMaps.ValueMap> values) {
    float[] v = a.of(layer);
    Shape s = a.shape(layer);
    ColourMap map = ColourMap.sequential(ColourMap.viridis());
    if (s.dimension() != 4) {
      Normalisation n = Normalisation.minMax(v);
      ColourBar bar = new ColourBar(map, n, "activation", UnitStrip.CELL_H);
      values.add(ValueMaps.ValueMap.of(layer, v.length + " units", "viridis", "activation", 1, v.length, v));
      UnitStrip strip = new UnitStrip(layer + " (" + v.length + " units)", v, map, n, bar.rampHeight());
      return Padded.right(Panels.row(10, List.of(strip, Padded.top(bar, strip.cellsTop() - ColourBar.inset()))),
          6);
    }
    int c = (int) s.get(1);
    int h = (int) s.get(2);
    int w = (int) s.get(3);
    int[] chosen = spec.pick() == ActivationsSpec.Pick.TOP ? ChannelChoice.top(v, c, h * w, spec.channels())
        : ChannelChoice.random(c, spec.channels(), ctx.seed("activations", image * 1000L + li));
    float[] shown = new float[chosen.length * h * w];
    for (int i = 0; i < chosen.length; i++) System.arraycopy(v, chosen[i] * h * w, shown, i * h * w, h * w);
    Normalisation shared = Normalisation.minMax(shown);
    List<TileGrid.Tile> tiles = new ArrayList<>();
    for (int i = 0; i < chosen.length; i++) {
      float[] m = java.util.Arrays.copyOfRange(shown, i * h * w, (i + 1) * h * w);
      Normalisation n = spec.scale() == ActivationsSpec.Scale.SHARED ? shared : Normalisation.minMax(m);
      tiles.add(new TileGrid.Tile(Rasters.ofMap(m, h, w, map, n), "ch " + chosen[i]));
      values.add(ValueMaps.ValueMap.of(layer, "ch " + chosen[i], "viridis", "activation", h, w, m));
    }
    TileGrid grid = spec.scale() == ActivationsSpec.Scale.SHARED
        ? TileGrid.wrappedBesideBar(layer + " (" + c + "×" + h + "×" + w + ")", tiles, spec.channels(), 44)
        : TileGrid.wrapped(layer + " (" + c + "×" + h + "×" + w + ")", tiles, spec.channels(), 44);
    return spec.scale() == ActivationsSpec.Scale.SHARED ? grid.withColourBar(map, shared, "activation") : grid;
  }
}
