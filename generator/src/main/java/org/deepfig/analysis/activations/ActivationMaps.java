package org.deepfig.analysis.activations;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deepfig.UserError;
import org.deepfig.analysis.AnalysisKind;
import org.deepfig.analysis.Figure;
import org.deepfig.analysis.RunContext;
import org.deepfig.data.ImageSet;
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
  public String description() {
    return "feature maps of chosen layers for chosen test images (dense layers as strips), with colour bars";
  }

  @Override
  public List<Figure> run(ActivationsSpec spec, RunContext ctx) {
    LayerGraph g = ctx.network().graph();
    List<String> layers = spec.layers() != null ? spec.layers()
        : g.ofKind(LayerKind.RELU).stream().map(LayerNode::name).toList();
    if (layers.isEmpty()) {
      return List.of(Figure.tablesOnly("activations", "Activations", "No layers to show.", Map.of(), List.of(),
          ctx.network().visibilityNote() != null ? ctx.network().visibilityNote()
              : "This model has no ReLU layer; name layers with the layers option."));
    }
    for (String l : layers) {
      if (!g.contains(l)) {
        throw new UserError("figures: activations.layers", "no layer named '" + l + "' in this model",
            "use one of: " + String.join(", ", g.names()));
      }
    }
    ImageSet test = ctx.data().test();
    Probe probe = new Probe(ctx.network(), ctx.manager());
    List<Figure> out = new ArrayList<>();
    for (int image : spec.images()) {
      if (image >= test.size()) {
        throw new UserError("figures: activations.images", "test image " + image + " does not exist (the test set "
            + "has " + test.size() + ")", "use indices below " + test.size());
      }
      float[] x = test.image(image);
      Activations a = probe.activations(x, new Shape(1, test.channels(), test.height(), test.width()), layers);
      List<Drawing> rows = new ArrayList<>();
      String truth = ctx.data().classNames().get(test.label(image));
      String predicted = ctx.data().classNames().get(ctx.testEvaluation().predicted()[image]);
      rows.add(new TileGrid("test image #" + image, List.of(new TileGrid.Tile(Rasters.ofImage(x, test.channels(),
          test.height(), test.width()), "true: " + truth + " · predicted: " + predicted)), 1, 72));
      for (int li = 0; li < layers.size(); li++) rows.add(layerRow(spec, ctx, layers.get(li), a, image, li));
      Map<String, String> params = new LinkedHashMap<>();
      params.put("image", Integer.toString(image));
      params.put("layers", String.join(", ", layers));
      params.put("channels", spec.channels().toString());
      params.put("pick", spec.pick());
      params.put("scale", spec.scale());
      String caption = String.format(Locale.ROOT, "Activations of test image #%d (%s, predicted %s) in %s. Up to %d "
          + "channels per layer, %s; %s colour scale (viridis, dark = low). Dense layers are strips, one cell per "
          + "unit.", image, truth, predicted, String.join(", ", layers), spec.channels(),
          spec.pick().equals("top") ? "those with the highest mean activation on this image"
              : "chosen at random with the run's derived seed", spec.scale().equals("shared")
              ? "one shared" : "a per-map");
      out.add(Figure.of("activations-" + image, "Activations of test image #" + image, caption, params,
          Panels.column(10, rows)));
    }
    return out;
  }

  private Drawing layerRow(ActivationsSpec spec, RunContext ctx, String layer, Activations a, int image, int li) {
    float[] v = a.of(layer);
    Shape s = a.shape(layer);
    ColourMap map = ColourMap.sequential(ColourMap.viridis());
    if (s.dimension() != 4) {
      Normalisation n = Normalisation.minMax(v);
      ColourBar bar = new ColourBar(map, n, "activation", UnitStrip.CELL_H);
      UnitStrip strip = new UnitStrip(layer + " (" + v.length + " units)", v, map, n, bar.rampHeight());
      return Padded.right(Panels.row(10, List.of(strip, Padded.top(bar, strip.cellsTop() - ColourBar.inset()))),
          6);
    }
    int c = (int) s.get(1);
    int h = (int) s.get(2);
    int w = (int) s.get(3);
    int[] chosen = spec.pick().equals("top") ? ChannelChoice.top(v, c, h * w, spec.channels())
        : ChannelChoice.random(c, spec.channels(), ctx.seed("activations", image * 1000L + li));
    float[] shown = new float[chosen.length * h * w];
    for (int i = 0; i < chosen.length; i++) System.arraycopy(v, chosen[i] * h * w, shown, i * h * w, h * w);
    Normalisation shared = Normalisation.minMax(shown);
    List<TileGrid.Tile> tiles = new ArrayList<>();
    for (int i = 0; i < chosen.length; i++) {
      float[] m = java.util.Arrays.copyOfRange(shown, i * h * w, (i + 1) * h * w);
      Normalisation n = spec.scale().equals("shared") ? shared : Normalisation.minMax(m);
      tiles.add(new TileGrid.Tile(Rasters.ofMap(m, h, w, map, n), "ch " + chosen[i]));
    }
    TileGrid grid = spec.scale().equals("shared")
        ? TileGrid.wrappedBesideBar(layer + " (" + c + "×" + h + "×" + w + ")", tiles, spec.channels(), 44)
        : TileGrid.wrapped(layer + " (" + c + "×" + h + "×" + w + ")", tiles, spec.channels(), 44);
    return spec.scale().equals("shared") ? grid.withColourBar(map, shared, "activation") : grid;
  }
}
