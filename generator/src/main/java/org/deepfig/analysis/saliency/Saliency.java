package org.deepfig.analysis.saliency;

import static org.deepfig.render.Numbers.fmt;

import ai.djl.ndarray.NDArray;
import java.awt.image.BufferedImage;
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
import org.deepfig.analysis.ImageSelection;
import org.deepfig.analysis.RunContext;
import org.deepfig.analysis.Table;
import org.deepfig.data.ImageSet;
import org.deepfig.model.Capabilities;
import org.deepfig.model.LayerKind;
import org.deepfig.model.LayerNode;
import org.deepfig.model.Network;
import org.deepfig.probe.Probe;
import org.deepfig.render.FigureStyle;
import org.deepfig.render.Charts;
import org.deepfig.render.ColourMap;
import org.deepfig.render.Drawing;
import org.deepfig.render.Normalisation;
import org.deepfig.render.Panels;
import org.deepfig.render.Rasters;
import org.deepfig.render.TileGrid;

/**
 * The attribution suite: every method's map for the same images side by side, and the three checks that say which
 * maps to trust: cascading parameter randomisation (Adebayo et al. 2018), localisation against the shapes
 * dataset's object masks (pointing game, mass in the mask) and faithfulness (deletion and insertion, Petsiuk et al.
 * 2018).
 */
public final class Saliency implements AnalysisKind<SaliencySpec> {
  private static final int CURVE_STEPS = 16;

  @Override
  public String kind() {
    return "saliency";
  }

  @Override
  public Class<SaliencySpec> specType() {
    return SaliencySpec.class;
  }

  @Override
  public void check(SaliencySpec spec, org.deepfig.analysis.References refs) {
    refs.images(spec.images(), spec.target().equals("true"));
    List<String> classes = refs.classes();
    if (!List.of("predicted", "true").contains(spec.target()) && !classes.contains(spec.target())) {
      throw refs.mistake("no class named '" + spec.target() + "'", refs.classFix(spec.target(),
          "use predicted, true or one of: "), "target");
    }
    if (spec.gradcamLayer() != null) {
      refs.spatialLayer("gradcam_layer", spec.gradcamLayer(), org.deepfig.model.LayerNode::isSpatial,
          refs.spatialNames());
    }
  }

  @Override
  public boolean takesGradients(SaliencySpec spec, org.deepfig.analysis.References refs) {
    return spec.methods().stream().anyMatch(m -> m != SaliencySpec.Method.OCCLUSION);
  }

  @Override
  public String description() {
    return "attribution maps of nine methods side by side, with sanity check, localisation and faithfulness scores";
  }

  @Override
  public String needsImages(SaliencySpec spec) {
    return "it draws saliency maps over images";
  }

  static Attribution method(SaliencySpec.Method method) {
    return switch (method) {
      case GRADIENT -> new GradientMethods.Vanilla();
      case GRADIENT_TIMES_INPUT -> new GradientMethods.TimesInput();
      case GUIDED_BACKPROP -> new ModifiedBackprop(ModifiedBackprop.Rule.GUIDED);
      case DECONVNET -> new ModifiedBackprop(ModifiedBackprop.Rule.DECONVNET);
      case OCCLUSION -> new Occlusion();
      case SMOOTHGRAD -> new GradientMethods.SmoothGrad();
      case INTEGRATED_GRADIENTS -> new GradientMethods.IntegratedGradients();
      case GRAD_CAM -> new GradCam(false);
      case GUIDED_GRAD_CAM -> new GradCam(true);
    };
  }

  /** A gradcam_layer the user named must be a spatial layer (Grad-CAM weighs its channels' maps). */
  private static void requireSpatialGradCamLayer(SaliencySpec spec, RunContext ctx) {
    String layer = spec.gradcamLayer();
    if (layer == null || spec.methods().stream().noneMatch(SaliencySpec.Method::isGradCam)) return;
    var graph = ctx.network().graph();
    if (graph.contains(layer) && (graph.layer(layer).isSpatial() || graph.layer(layer).tokenGridSide() > 0)) return;
    List<String> spatial = graph.select(n -> n.isSpatial() || n.tokenGridSide() > 0).stream().map(n -> n.name())
        .toList();
    String fix = spatial.isEmpty() ? "remove gradcam_layer (this model shows no spatial layer)"
        : "use one of: " + String.join(", ", spatial);
    if (ctx.network().imported()) {
      String export = Capabilities.EXPORT_FIX;
      fix += "; or " + Character.toLowerCase(export.charAt(0)) + export.substring(1);
    }
    throw new UserError("figures: saliency.gradcam_layer", "'" + layer + "' is not a spatial layer of this model",
        fix);
  }

  @Override
  public org.deepfig.analysis.Cost cost(SaliencySpec spec, org.deepfig.data.Dataset data, Network network) {
    ImageSet test = data.test();
    int h = test.height();
    int w = test.width();
    int side = Math.min(h, w);
    int n = spec.images().size();
    Cost one = Cost.NONE; // the listed methods on one image
    for (SaliencySpec.Method m : spec.methods()) one = one.plus(methodCost(spec, m, h, w, network.imported()));
    Cost total = one.times(n).plus(Cost.forward(n, null, null));
    int ig = spec.igStepsAt(side);
    if (spec.methods().contains(SaliencySpec.Method.INTEGRATED_GRADIENTS)) {
      total = total.plus(Cost.gradient(n * (ig + 1.0), "Integrated Gradients' completeness table",
          ig > 2 ? "ig_steps: " + Math.max(2, ig / 2) : "methods without Integrated Gradients"));
    }
    if (spec.sanityCheck()) {
      long layers = network.graph().layers().stream().filter(l -> l.parameters() > 0).count();
      Cost sanity = one.times(Math.min(2, n) * (layers + 1.0));
      total = total.plus(new Cost(sanity.forwardImages(), sanity.gradientImages(), "the sanity check (every method "
          + "again after each of " + layers + " layers is randomised)", "sanity_check: false"));
    }
    int scored = Math.min(spec.scoreImages(), test.size());
    if (scored > 0) {
      Cost scores = one.plus(Cost.forward(2 * (CURVE_STEPS + 1), null, null)).times(scored);
      total = total.plus(new Cost(scores.forwardImages(), scores.gradientImages(), "the scores (every method on "
          + scored + (scored == 1 ? " image" : " images") + ", and their deletion and insertion curves)",
          "score_images: " + (scored > 1 ? Math.max(1, scored / 5) : 0)));
    }
    return total;
  }

  /** One method's passes for one image. */
  static Cost methodCost(SaliencySpec spec, SaliencySpec.Method method, int h, int w, boolean imported) {
    int side = Math.min(h, w);
    return switch (method) {
      case OCCLUSION -> {
        int stride = spec.occlusionStrideAt(side);
        int positions = Occlusion.positions(h, w, spec.occlusionPatchAt(side), stride);
        yield Cost.forward(positions + 1, "occlusion (" + positions + " patch positions per image)",
            "occlusion_stride: " + 2 * stride);
      }
      case SMOOTHGRAD -> {
        int m = spec.smoothgradSamplesAt(side);
        yield Cost.gradient(m, "SmoothGrad (" + m + " samples per image)", m > 1 ? "smoothgrad_samples: " + m / 2
            : "methods without SmoothGrad");
      }
      case INTEGRATED_GRADIENTS -> {
        int k = spec.igStepsAt(side);
        yield Cost.gradient(k + 1, "Integrated Gradients (" + k + " steps per image)", k > 2 ? "ig_steps: "
            + Math.max(2, k / 2) : "methods without Integrated Gradients");
      }
      case GUIDED_BACKPROP, DECONVNET -> imported ? Cost.NONE : Cost.gradient(1, method.toString(), null);
      case GUIDED_GRAD_CAM -> imported ? Cost.NONE : Cost.gradient(2, method.toString(), null);
      default -> Cost.gradient(1, method.toString(), null);
    };
  }

  @Override
  public List<Figure> run(SaliencySpec spec, RunContext ctx) {
    requireSpatialGradCamLayer(spec, ctx);
    ImageSet test = ctx.data().test();
    List<String> names = ctx.data().classNames();
    float[] std = ctx.config().data().stdFloats();
    SaliencyContext s = new SaliencyContext(ctx.network(), new Probe(ctx.network(), ctx.manager()), ctx.manager(),
        test.channels(), test.height(), test.width(), spec, ctx.seed("saliency", 0), std);
    boolean internals = ctx.network().visibilityNote() == null && GradCam.defaultLayer(s) != null;
    boolean blocks = internals && Projections.supported(ctx.network());
    List<Attribution> methods = new ArrayList<>();
    List<String> hidden = new ArrayList<>();
    List<String> blockless = new ArrayList<>();
    for (SaliencySpec.Method m : spec.methods()) {
      Attribution a = method(m);
      if (a.needsInternals() && !internals) hidden.add(m.toString());
      else if (a.needsLayerBlocks() && !blocks) blockless.add(m.toString());
      else methods.add(a);
    }
    List<String> notes = new ArrayList<>();
    if (!hidden.isEmpty()) {
      notes.add(String.join(", ", hidden) + " need to see inside the model (its ReLU and convolution layers), which "
          + "this model does not allow; export it with scripts/export_torchscript.py --layers all to enable them.");
    }
    if (!blockless.isEmpty()) {
      notes.add(String.join(", ", blockless) + (blockless.size() == 1 ? " replaces" : " replace")
          + " the backward pass of each ReLU, which needs the model's layers as separate blocks; a TorchScript "
          + "model runs as one graph, so " + (blockless.size() == 1 ? "it is" : "they are") + " not shown (a "
          + "zoo model trained by deepfig has them).");
    }
    boolean randomisable = ctx.untrained() != null || ctx.network().graph().layers().stream()
        .anyMatch(l -> hasParams(ctx.network(), l.name()));
    if (spec.sanityCheck() && !randomisable) {
      notes.add("The cascading-randomisation sanity check re-initialises the model's layers one by one, which needs "
          + "their parameters by layer name; this model shows none (export it with scripts/export_torchscript.py "
          + "--layers all).");
    }
    String note = notes.isEmpty() ? null : String.join(" ", notes);
    ImageSelection chosen = ImageSelection.resolve("saliency.images", spec.images(), ctx);
    if (chosen.note() != null) note = note == null ? chosen.note() : note + " " + chosen.note();
    if (chosen.size() == 0) {
      return List.of(Figure.tablesOnly("saliency", "Attribution maps", "No images to attribute.", params(spec, null),
          List.of(), note));
    }
    int[] idx = new int[chosen.size()];
    for (int i = 0; i < idx.length; i++) idx[i] = i;
    int[] targets = targets(spec, ctx, chosen);
    float[] images = chosen.gather(idx);
    List<float[]> maps = new ArrayList<>();
    for (Attribution a : methods) maps.add(a.attribute(s, images, idx.length, targets));

    List<Figure> out = new ArrayList<>();
    out.add(grid(spec, ctx, s, methods, maps, images, chosen, targets, note));
    if (spec.sanityCheck() && randomisable) out.add(sanity(spec, ctx, s, methods, images, idx, targets));
    if (spec.scoreImages() > 0) out.add(scores(spec, ctx, s, methods));
    return out;
  }

  private static int[] targets(SaliencySpec spec, RunContext ctx, ImageSelection chosen) {
    int[] t = new int[chosen.size()];
    List<String> names = ctx.data().classNames();
    for (int i = 0; i < t.length; i++) {
      ImageSelection.Item item = chosen.item(i);
      t[i] = switch (spec.target()) {
        case "predicted" -> item.predicted();
        case "true" -> {
          if (item.label() < 0) {
            throw new UserError("figures: saliency.target", "the true class of " + item.name() + " is unknown",
                "give it in the entry ({path: " + item.name() + ", class: NAME}), or set target: predicted");
          }
          yield item.label();
        }
        default -> {
          int c = names.indexOf(spec.target());
          if (c < 0) {
            throw new UserError("figures: saliency.target", "no class named '" + spec.target() + "'",
                "use predicted, true or one of: " + String.join(", ", names));
          }
          yield c;
        }
      };
    }
    return t;
  }

  private static Figure grid(SaliencySpec spec, RunContext ctx, SaliencyContext s, List<Attribution> methods,
      List<float[]> maps, float[] images, ImageSelection chosen, int[] targets, String note) {
    int count = chosen.size();
    int hw = s.h() * s.w();
    List<TileGrid.Tile> tiles = new ArrayList<>();
    List<String> names = ctx.data().classNames();
    List<org.deepfig.analysis.ValueMaps.ValueMap> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      float[] img = java.util.Arrays.copyOfRange(images, i * s.len(), (i + 1) * s.len());
      BufferedImage base = Rasters.ofImage(img, s.c(), s.h(), s.w());
      float p = Occlusion.probability(s, img, 1, targets[i])[0];
      tiles.add(new TileGrid.Tile(base, String.format(Locale.ROOT, "%s %s p=%s", chosen.item(i).shortName(),
          names.get(targets[i]), probability(p))));
      if (s.c() == 1 || s.c() == 3) { // the input, drawn at the head of the maps when runs are compared
        values.add(new org.deepfig.analysis.ValueMaps.ValueMap(org.deepfig.analysis.ValueMaps.INPUTS,
            chosen.item(i).shortName(), s.c() == 3 ? "rgb" : "greys", "input", s.c(), s.h(), s.w(), img));
      }
      BufferedImage grey = Rasters.greyscale(base);
      for (int m = 0; m < methods.size(); m++) {
        float[] map = java.util.Arrays.copyOfRange(maps.get(m), i * hw, (i + 1) * hw);
        Attribution a = methods.get(m);
        ColourMap cm = a.signed() ? ColourMap.diverging() : ColourMap.sequential(ColourMap.inferno());
        Normalisation n = a.signed() ? Normalisation.symmetric(map) : Normalisation.minMax(map);
        BufferedImage heat = Rasters.ofMap(map, s.h(), s.w(), cm, n);
        values.add(org.deepfig.analysis.ValueMaps.ValueMap.of(a.name(), chosen.item(i).shortName(),
            a.signed() ? "diverging" : "inferno", "attribution", s.h(), s.w(), map));
        tiles.add(new TileGrid.Tile(Rasters.overlay(grey, heat, 0.75), a.name()));
      }
    }
    String title = FigureStyle.figureTitle("Attribution maps (target: " + spec.target() + " class)");
    int perImage = methods.size() + 1;
    TileGrid table = new TileGrid(title, tiles, perImage, 58);
    Drawing bars = Panels.column(12, List.of(
        new org.deepfig.render.ColourBar(ColourMap.diverging(), new Normalisation(-1, 1), "signed (÷ max |·|)", 90),
        new org.deepfig.render.ColourBar(ColourMap.sequential(ColourMap.inferno()), new Normalisation(0, 1), "magnitude (÷ max)", 90)));
    Drawing grid = table;
    if (table.width() > FigureStyle.current().layoutWidth()) {
      // too narrow for one row per image (a column of a paper): each image's maps wrap into rows of their own
      // every image wraps at the same column: the fewest any image's row fits (a wider caption, say "#40" against
      // "#0", fits one column fewer), so the maps of all images stay aligned in columns
      int columns = perImage;
      for (int i = 0; i < count; i++) {
        columns = Math.min(columns,
            TileGrid.wrapped(null, tiles.subList(i * perImage, (i + 1) * perImage), perImage, 58).columns());
      }
      List<Drawing> blocks = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        blocks.add(TileGrid.wrapped(i == 0 ? title : null, tiles.subList(i * perImage, (i + 1) * perImage), columns,
            58));
      }
      grid = Panels.column(6, blocks);
    } else {
      // the two bars start level with the first row of maps and keep a margin to the canvas edge
      bars = org.deepfig.render.Padded.top(bars, table.tilesTop() - org.deepfig.render.ColourBar.inset());
    }
    Map<String, String> params = params(spec, s);
    String caption = String.format(Locale.ROOT, "Each row: %s (%s, target class and its softmax "
        + "probability) and the attribution maps of %d methods overlaid on a grey copy, each map scaled by its own "
        + "maximum; signed maps in a diverging map (red positive, blue negative), magnitudes in inferno. "
        + "SmoothGrad %d samples σ=%s, Integrated Gradients %d steps from black, occlusion %d-px patches stride %d "
        + "(%s), Grad-CAM on %s.", chosen.hasFiles() ? "an image" : "a test image", chosen.hasFiles() ? "index or "
        + "file name" : "index", methods.size(), s.smoothgradSamples(), spec.smoothgradNoise(), s.igSteps(),
        s.occlusionPatch(), s.occlusionStride(), spec.occlusionBaseline(), GradCam.describeLayer(s));
    return new Figure("saliency", "Attribution maps", caption, params,
        org.deepfig.render.Padded.right(Panels.beside(12, grid, bars), 6),
        List.of(completeness(s, images, chosen, targets)), List.of(), note)
        .withAttachments(List.of(new org.deepfig.analysis.ValueMaps(values).attachment()));
  }

  /**
   * A softmax probability for a label: two decimals from 0.01 up, else two significant digits — over 1,000 classes
   * an untrained model's top class has p ≈ 0.001, which two decimals would print as a misleading 0.00.
   */
  static String probability(double p) {
    if (p >= 0.01 || p <= 0) return String.format(Locale.ROOT, "%.2f", p);
    return new java.math.BigDecimal(p).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
  }

  /** Integrated Gradients' completeness: Σ attributions against f(x) − f(black), per image. */
  private static Table completeness(SaliencyContext s, float[] images, ImageSelection chosen, int[] targets) {
    List<List<String>> rows = new ArrayList<>();
    int n = chosen.size();
    float[] raw = GradientMethods.IntegratedGradients.raw(s, images, n, targets, s.igSteps());
    float[] logits = s.probe().logits(images, s.shape(n));
    float[] base = s.probe().logits(new float[images.length], s.shape(n));
    int k = logits.length / n;
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int p = 0; p < s.len(); p++) sum += raw[i * s.len() + p];
      double diff = logits[i * k + targets[i]] - base[i * k + targets[i]];
      rows.add(List.of(chosen.item(i).shortName(), fmt("%.4f", sum), fmt("%.4f", diff), fmt("%.4f", Math.abs(sum - diff)),
          fmt("%.2f%%", 100 * Math.abs(sum - diff) / Math.max(1e-9, Math.abs(diff)))));
    }
    return new Table("Integrated Gradients completeness (" + s.igSteps() + " steps, trapezoid rule)",
        List.of("Image", "Σ attributions", "f(x) − f(black)", "Error", "Relative error"), rows);
  }

  private static Figure sanity(SaliencySpec spec, RunContext ctx, SaliencyContext s, List<Attribution> methods,
      float[] images, int[] idx, int[] targets) {
    // randomised on a private copy: the network other figures read, and the run's untrained copy, stay as they are
    int n = Math.min(2, idx.length);
    float[] imgs = java.util.Arrays.copyOf(images, n * s.len());
    int[] t = java.util.Arrays.copyOf(targets, n);
    List<LayerNode> withParams;
    double[][] corr;
    double[][] ssim;
    int steps;
    try (ScratchNetwork copy = ScratchNetwork.of(ctx)) {
      Network scratch = copy.network();
      withParams = scratch.graph().select(l -> hasParams(scratch, l.name()));
      Map<String, List<float[]>> trained = snapshot(ctx.network(), withParams);
      // a zoo model's own initial values; an imported one is re-initialised as PyTorch would
      Map<String, List<float[]>> initial = ctx.untrained() != null ? snapshot(ctx.untrained(), withParams)
          : reinitialised(scratch, withParams, ctx.seed("sanity", 0));
      restore(scratch, trained);
      SaliencyContext cs = new SaliencyContext(scratch, new Probe(scratch, ctx.manager()), ctx.manager(), s.c(),
          s.h(), s.w(), spec, s.seed(), s.std());
      steps = withParams.size();
      corr = new double[methods.size()][steps + 1];
      ssim = new double[methods.size()][steps + 1];
      List<float[]> original = new ArrayList<>();
      for (Attribution a : methods) original.add(a.attribute(cs, imgs, n, t));
      for (int m = 0; m < methods.size(); m++) {
        corr[m][0] = 1;
        ssim[m][0] = 1;
      }
      for (int k = 1; k <= steps; k++) {
        // randomise the top k layers: the last k layers with parameters get their initial (random) values
        LayerNode layer = withParams.get(steps - k);
        restore(scratch, Map.of(layer.name(), initial.get(layer.name())));
        for (int m = 0; m < methods.size(); m++) {
          float[] map = methods.get(m).attribute(cs, imgs, n, t);
          corr[m][k] = meanOver(n, s, original.get(m), map, true);
          ssim[m][k] = meanOver(n, s, original.get(m), map, false);
        }
      }
    }
    double[] x = new double[steps + 1];
    for (int k = 0; k <= steps; k++) x[k] = k;
    List<Charts.Series> series = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    List<String> flagged = new ArrayList<>();
    for (int m = 0; m < methods.size(); m++) {
      series.add(new Charts.Series(methods.get(m).name(), x, corr[m]));
      boolean insensitive = corr[m][steps] > 0.9;
      if (insensitive) flagged.add(methods.get(m).name());
      List<String> row = new ArrayList<>();
      row.add(methods.get(m).name());
      for (int k = 1; k <= steps; k++) row.add(fmt("%.2f / %.2f", corr[m][k], ssim[m][k]));
      row.add(insensitive ? "maps do not depend on the weights" : "ok");
      rows.add(row);
    }
    List<String> cols = new ArrayList<>();
    cols.add("Method");
    for (int k = 1; k <= steps; k++) cols.add("top " + k + " (" + withParams.get(steps - k).name() + ")");
    cols.add("Verdict");
    Drawing chart = Charts.line(new Charts.Frame(FigureStyle.figureTitle("Cascading randomisation"), "layers randomised from the top",
        "rank correlation with the original map", 460, 260), series);
    String caption = fmt("Sanity check (Adebayo et al. 2018): the parameters of the trained model are replaced by "
        + "random initial values layer by layer from the top (%s first), and each method's map is compared with "
        + "its map on the trained model: Spearman rank correlation of absolute values (chart) and SSIM (table: "
        + "correlation / SSIM), mean over %d images. A method whose map barely changes after the whole network is "
        + "random explains the image, not the model%s.", withParams.get(steps - 1).name(), n,
        flagged.isEmpty() ? "; none is flagged here" : ": flagged here " + String.join(", ", flagged));
    return new Figure("saliency-sanity", "Saliency sanity check", caption, params(spec, s), chart,
        List.of(new Table("Correlation / SSIM with the original map as layers are randomised", cols, rows)),
        List.of(), null);
  }

  private static double meanOver(int n, SaliencyContext s, float[] a, float[] b, boolean spearman) {
    int hw = s.h() * s.w();
    double sum = 0;
    for (int i = 0; i < n; i++) {
      float[] x = java.util.Arrays.copyOfRange(a, i * hw, (i + 1) * hw);
      float[] y = java.util.Arrays.copyOfRange(b, i * hw, (i + 1) * hw);
      if (spearman) {
        for (int p = 0; p < hw; p++) {
          x[p] = Math.abs(x[p]);
          y[p] = Math.abs(y[p]);
        }
        sum += Scores.spearman(x, y);
      } else {
        sum += Scores.ssim(x, y);
      }
    }
    return sum / n;
  }

  private static boolean hasParams(Network net, String layer) {
    return !net.layerParameters(layer).isEmpty();
  }

  static Map<String, List<float[]>> snapshot(Network net, List<LayerNode> layers) {
    Map<String, List<float[]>> out = new LinkedHashMap<>();
    for (LayerNode l : layers) {
      List<float[]> values = new ArrayList<>();
      for (NDArray a : net.layerParameters(l.name())) values.add(a.toFloatArray());
      out.put(l.name(), values);
    }
    return out;
  }

  static void restore(Network net, Map<String, List<float[]>> values) {
    values.forEach((name, list) -> {
      int i = 0;
      for (NDArray arr : net.layerParameters(name)) arr.set(list.get(i++));
    });
  }

  /**
   * Freshly initialised values for a model deepfig did not initialise (an imported one), as PyTorch's defaults do:
   * weights and biases uniform in ±1/√fan-in (fan-in = the weight's size over its first dimension), batch-norm scale
   * 1 and shift 0. Seeded.
   */
  static Map<String, List<float[]>> reinitialised(Network net, List<LayerNode> layers, long seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    Map<String, List<float[]>> out = new LinkedHashMap<>();
    for (LayerNode l : layers) {
      List<NDArray> params = net.layerParameters(l.name());
      long fanIn = 1;
      for (NDArray a : params) {
        if (a.getShape().dimension() >= 2) {
          fanIn = a.getShape().size() / a.getShape().get(0);
          break;
        }
      }
      double bound = 1 / Math.sqrt(fanIn);
      List<float[]> values = new ArrayList<>();
      for (int i = 0; i < params.size(); i++) {
        float[] v = new float[(int) params.get(i).size()];
        if (l.kind() == LayerKind.BATCH_NORM) {
          java.util.Arrays.fill(v, i == 0 ? 1f : 0f);
        } else {
          for (int j = 0; j < v.length; j++) v[j] = (float) ((2 * r.nextDouble() - 1) * bound);
        }
        values.add(v);
      }
      out.put(l.name(), values);
    }
    return out;
  }

  private static Figure scores(SaliencySpec spec, RunContext ctx, SaliencyContext s, List<Attribution> methods) {
    ImageSet test = ctx.data().test();
    int n = Math.min(spec.scoreImages(), test.size());
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) idx[i] = i;
    int[] targets = new int[n];
    for (int i = 0; i < n; i++) targets[i] = test.label(i);
    float[] images = test.gather(idx);
    int hw = s.h() * s.w();
    boolean masks = test.hasMasks();
    List<List<String>> rows = new ArrayList<>();
    List<Charts.Series> deletion = new ArrayList<>();
    double[] x = new double[CURVE_STEPS + 1];
    for (int k = 0; k <= CURVE_STEPS; k++) x[k] = (double) k / CURVE_STEPS;
    try (var task = ctx.progress().start("saliency scores", methods.size())) {
      for (Attribution a : methods) {
        float[] maps = a.attribute(s, images, n, targets);
        int hits = 0;
        double mass = 0;
        float[] del = new float[CURVE_STEPS + 1];
        float[] ins = new float[CURVE_STEPS + 1];
        for (int i = 0; i < n; i++) {
          float[] map = java.util.Arrays.copyOfRange(maps, i * hw, (i + 1) * hw);
          if (masks) {
            byte[] mask = test.mask(idx[i]);
            if (Scores.pointingHit(map, mask, s.h(), s.w(), 1)) hits++;
            mass += Scores.massInMask(map, mask);
          }
          float[][] curves = curves(s, java.util.Arrays.copyOfRange(images, i * s.len(), (i + 1) * s.len()), map,
              targets[i]);
          for (int k = 0; k <= CURVE_STEPS; k++) {
            del[k] += curves[0][k] / n;
            ins[k] += curves[1][k] / n;
          }
        }
        double[] dd = new double[CURVE_STEPS + 1];
        for (int k = 0; k <= CURVE_STEPS; k++) dd[k] = del[k];
        deletion.add(new Charts.Series(a.name(), x, dd));
        rows.add(List.of(a.name(), masks ? fmt("%.2f", (double) hits / n) : "—", masks ? fmt("%.2f", mass / n) : "—",
            fmt("%.3f", Scores.auc(del)), fmt("%.3f", Scores.auc(ins))));
        task.step(1);
      }
    }
    Drawing chart = Charts.line(new Charts.Frame(FigureStyle.figureTitle("Deletion curves"), "share of pixels removed (most attributed "
        + "first)", "probability of the true class", 460, 260), deletion);
    String caption = fmt("Scores over the first %d test images, target = true class. %sDeletion: pixels are "
        + "replaced by grey in order of attribution, most important first, in %d steps; a faithful map makes the "
        + "probability fall fast (low area). Insertion: pixels are revealed on grey in the same order (high area "
        + "is good) (Petsiuk et al. 2018).", n, masks ? "Pointing game: share of maps whose maximum falls on the "
        + "object (mask dilated by 1 px); mass: share of positive attribution on the object (shapes masks). " : "",
        CURVE_STEPS);
    String note = masks ? null : "This dataset has no object masks, so localisation is not scored; the shapes "
        + "dataset has them.";
    return new Figure("saliency-scores", "Saliency localisation and faithfulness", caption, params(spec, s), chart,
        List.of(new Table("Localisation and faithfulness per method", List.of("Method", "Pointing game",
            "Mass on object", "Deletion AUC (↓)", "Insertion AUC (↑)"), rows)), List.of(), note);
  }

  /** {deletion, insertion} probability curves of one image for one map, all steps in one batch each. */
  private static float[][] curves(SaliencyContext s, float[] img, float[] map, int target) {
    int hw = s.h() * s.w();
    Integer[] order = new Integer[hw];
    for (int p = 0; p < hw; p++) order[p] = p;
    java.util.Arrays.sort(order, (a, b) -> map[a] != map[b] ? Float.compare(map[b], map[a]) : Integer.compare(a, b));
    float[] del = new float[(CURVE_STEPS + 1) * s.len()];
    float[] ins = new float[(CURVE_STEPS + 1) * s.len()];
    for (int k = 0; k <= CURVE_STEPS; k++) {
      int cut = (int) Math.round((double) k * hw / CURVE_STEPS);
      boolean[] removed = new boolean[hw];
      for (int q = 0; q < cut; q++) removed[order[q]] = true;
      for (int ch = 0; ch < s.c(); ch++) {
        for (int p = 0; p < hw; p++) {
          float v = img[ch * hw + p];
          del[k * s.len() + ch * hw + p] = removed[p] ? 0.5f : v;
          ins[k * s.len() + ch * hw + p] = removed[p] ? v : 0.5f;
        }
      }
    }
    return new float[][] {Occlusion.probability(s, del, CURVE_STEPS + 1, target),
        Occlusion.probability(s, ins, CURVE_STEPS + 1, target)};
  }

  /** The options, with what the image's side made of the size-relative defaults and the Grad-CAM layer used. */
  private static Map<String, String> params(SaliencySpec spec, SaliencyContext s) {
    Parameters p = Parameters.of(spec);
    if (s != null) {
      p.with("smoothgrad_samples", s.smoothgradSamples()).with("ig_steps", s.igSteps())
          .with("occlusion_patch", s.occlusionPatch()).with("occlusion_stride", s.occlusionStride());
      if (spec.methods().stream().anyMatch(SaliencySpec.Method::isGradCam)) {
        p.with("gradcam_layer", GradCam.defaultLayer(s));
      }
    }
    return p.map();
  }
}
