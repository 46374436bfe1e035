package org.deepfig.analysis.audit;

import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deepfig.analysis.AnalysisKind;
import org.deepfig.analysis.Figure;
import org.deepfig.analysis.Parameters;
import org.deepfig.analysis.Hotspot;
import org.deepfig.analysis.RunContext;
import org.deepfig.analysis.Table;
import org.deepfig.analysis.saliency.GradCam;
import org.deepfig.data.ImageSet;
import org.deepfig.probe.Probe;
import org.deepfig.render.ColourMap;
import org.deepfig.render.Drawing;
import org.deepfig.render.Normalisation;
import org.deepfig.render.Panels;
import org.deepfig.render.Rasters;
import org.deepfig.render.TileGrid;

/**
 * The test images the model gets wrong with the most confidence, with their true and predicted class and the
 * predicted class's probability (and optionally the input gradient of the predicted class beside each), then for
 * the most confused class pairs their most confident examples.
 */
public final class Mistakes implements AnalysisKind<MistakesSpec> {
  static final double TILE = 56;
  /** Points between two pairs' rows of examples. */
  static final double PAIR_GAP = 8;

  @Override
  public String kind() {
    return "mistakes";
  }

  @Override
  public Class<MistakesSpec> specType() {
    return MistakesSpec.class;
  }

  @Override
  public String description() {
    return "the most confidently misclassified test images with true and predicted class and probability "
        + "(optionally their Grad-CAM map or input gradient), and the most confused class pairs' examples";
  }

  @Override
  public String needsImages(MistakesSpec spec) {
    return "it shows the mistaken images";
  }

  @Override
  public List<Figure> run(MistakesSpec spec, RunContext ctx) {
    Predictions p = Predictions.of(ctx.testEvaluation(), ctx.data().test());
    ImageSet set = ctx.data().test();
    List<String> names = ctx.data().classNames();
    List<Integer> worst = MistakeSearch.mostConfident(p, spec.count());
    Parameters params = Parameters.of(spec).with("split", "test");
    List<Figure> out = new ArrayList<>();
    if (worst.isEmpty()) {
      out.add(Figure.tablesOnly("mistakes", "Most confident mistakes", "No test image is misclassified.", params.map(),
          List.of(), null));
      return out;
    }
    String note = null;
    String layer = spec.saliency() == MistakesSpec.SaliencyMap.GRAD_CAM ? GradCam.lastSpatialLayer(ctx.network()) : null;
    if (spec.saliency() == MistakesSpec.SaliencyMap.GRAD_CAM && layer == null) {
      note = "No Grad-CAM maps: this model shows no spatial layer"
          + (ctx.network().visibilityNote() != null ? " (" + ctx.network().visibilityNote() + ")" : "") + ".";
    }
    List<BufferedImage> gradients = spec.saliency() == MistakesSpec.SaliencyMap.GRADIENT || layer != null
        ? maps(ctx, p, worst, layer) : null;
    String mapName = layer != null ? "Grad-CAM" : "|gradient|";
    List<TileGrid.Tile> tiles = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    for (int j = 0; j < worst.size(); j++) {
      int i = worst.get(j);
      int q = p.predicted(i);
      int t = p.labels()[i];
      tiles.add(new TileGrid.Tile(image(set, i), names.get(t) + " → " + names.get(q) + " " + pct0(p.p(i, q))));
      if (gradients != null) tiles.add(new TileGrid.Tile(gradients.get(j), mapName));
      rows.add(List.of(Integer.toString(j + 1), Integer.toString(i), names.get(t), names.get(q),
          String.format(Locale.ROOT, "%.4f", p.p(i, q)), String.format(Locale.ROOT, "%.4f", p.p(i, t))));
    }
    int perRow = spec.columns() * (gradients == null ? 1 : 2);
    Drawing grid = new TileGrid(null, tiles, perRow, TILE);
    int wrong = 0;
    for (int i = 0; i < p.size(); i++) if (!p.correct(i)) wrong++;
    String caption = String.format(Locale.ROOT, "The %d test images (of %d misclassified, %d in all) the model gets "
        + "wrong with the highest probability, most confident first, row by row: true class → predicted class and "
        + "the predicted class's probability.%s", worst.size(), wrong, p.size(), gradients == null ? ""
        : layer != null ? " Beside each, its Grad-CAM map for the predicted class at layer " + layer + " over the "
            + "image in grey (each map scaled to its own maximum): where the evidence for the wrong answer lies."
        : " Beside each, the magnitude of the input gradient of the predicted class's logit (summed over channels, "
            + "each map scaled to its own maximum) over the image in grey: the pixels that most change the wrong "
            + "answer.");
    if (layer != null) params.with("gradcam_layer", layer);
    Table table = new Table("Most confident mistakes", List.of("Rank", "Test image", "True class", "Predicted",
        "Probability", "Probability of the true class"), rows);
    out.add(new Figure("mistakes", "Most confident mistakes", caption, params.map(), grid, List.of(table), List.of(),
        note));
    if (spec.pairs() > 0) out.add(pairs(spec, p, set, names));
    return out;
  }

  private static Figure pairs(MistakesSpec spec, Predictions p, ImageSet set, List<String> names) {
    List<MistakeSearch.Pair> pairs = MistakeSearch.mostConfused(p, spec.pairs());
    List<Drawing> rows = new ArrayList<>();
    List<Hotspot> anchors = new ArrayList<>();
    double top = 0;
    List<List<String>> table = new ArrayList<>();
    int[] support = new int[p.classes()];
    for (int y : p.labels()) support[y]++;
    for (MistakeSearch.Pair pair : pairs) {
      List<Integer> ex = MistakeSearch.ofPair(p, pair.truth(), pair.predicted(), spec.perPair());
      List<TileGrid.Tile> tiles = new ArrayList<>();
      for (int i : ex) tiles.add(new TileGrid.Tile(image(set, i), "#" + i + " " + pct0(p.p(i, pair.predicted()))));
      String title = names.get(pair.truth()) + " → " + names.get(pair.predicted()) + ": " + pair.count() + " of "
          + support[pair.truth()] + " images";
      TileGrid grid = new TileGrid(title, tiles, spec.perPair(), TILE);
      rows.add(grid);
      // the pair's row is the anchor the confusion matrix's cell links to; hovering it names the pair
      anchors.add(new Hotspot(0, top, grid.width(), grid.height(), title, -1,
          MistakeSearch.anchor(pair.truth(), pair.predicted()), null));
      top += grid.height() + PAIR_GAP;
      table.add(List.of(names.get(pair.truth()), names.get(pair.predicted()), Integer.toString(pair.count()),
          String.join(", ", ex.stream().map(String::valueOf).toList())));
    }
    Map<String, String> params = Parameters.of(spec).with("split", "test").map();
    String caption = "The most confused class pairs of the test set (true class → predicted class, the pairs with "
        + "the most images first) and, for each, its images predicted with the highest probability: test image "
        + "index and the predicted class's probability.";
    Table t = new Table("Most confused pairs", List.of("True class", "Predicted", "Images", "Test images shown"),
        table);
    return new Figure("mistakes-pairs", "Most confused class pairs", caption, params, Panels.column(PAIR_GAP, rows),
        List.of(t), anchors, null);
  }

  private static BufferedImage image(ImageSet set, int i) {
    return Rasters.ofImage(set.image(i), set.channels(), set.height(), set.width());
  }

  /**
   * Per image, over its greyscale: Grad-CAM of the predicted class at {@code layer}, or (layer null) |∂ logit of the
   * predicted class / ∂ input| summed over channels; each map on its own scale.
   */
  private static List<BufferedImage> maps(RunContext ctx, Predictions p, List<Integer> images, String layer) {
    ImageSet set = ctx.data().test();
    int[] idx = images.stream().mapToInt(Integer::intValue).toArray();
    int[] targets = new int[idx.length];
    for (int j = 0; j < idx.length; j++) targets[j] = p.predicted(idx[j]);
    int c = set.channels();
    int h = set.height();
    int w = set.width();
    Probe probe = new Probe(ctx.network(), ctx.manager());
    float[] pixels = set.gather(idx);
    int hw = h * w;
    float[] maps;
    if (layer != null) {
      maps = GradCam.cam(probe, pixels, idx.length, c, h, w, targets, layer);
    } else {
      float[] grad = probe.inputGradient(pixels, new Shape(idx.length, c, h, w),
          logits -> Probe.sumOfTargets(logits, targets));
      maps = new float[idx.length * hw];
      for (int j = 0; j < idx.length; j++) {
        for (int ch = 0; ch < c; ch++) {
          for (int q = 0; q < hw; q++) maps[j * hw + q] += Math.abs(grad[(j * c + ch) * hw + q]);
        }
      }
    }
    List<BufferedImage> out = new ArrayList<>();
    for (int j = 0; j < idx.length; j++) {
      float[] map = java.util.Arrays.copyOfRange(maps, j * hw, (j + 1) * hw);
      BufferedImage heat = Rasters.ofMap(map, h, w, ColourMap.inferno(), Normalisation.minMax(map));
      out.add(Rasters.overlay(Rasters.greyscale(image(set, idx[j])), heat, 0.75));
    }
    return out;
  }

  private static String pct0(double v) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * v);
  }
}
