package org.deepfig.analysis.embedding;

import static org.deepfig.render.Numbers.fmt;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deepfig.Progress;
import org.deepfig.UserError;
import org.deepfig.analysis.AnalysisKind;
import org.deepfig.analysis.Figure;
import org.deepfig.analysis.Parameters;
import org.deepfig.analysis.Hotspot;
import org.deepfig.analysis.RunContext;
import org.deepfig.analysis.Table;
import org.deepfig.data.ImageSet;
import org.deepfig.embed.Matrix;
import org.deepfig.embed.NeighbourhoodHit;
import org.deepfig.embed.Pca;
import org.deepfig.embed.StreamingPca;
import org.deepfig.embed.TSne;
import org.deepfig.embed.TSneResult;
import org.deepfig.embed.Trustworthiness;
import org.deepfig.model.LayerGraph;
import org.deepfig.model.LayerKind;
import org.deepfig.model.LayerNode;
import org.deepfig.model.Network;
import org.deepfig.probe.Activations;
import org.deepfig.probe.Probe;
import org.deepfig.render.FigureStyle;
import org.deepfig.render.Charts;
import org.deepfig.render.Drawing;
import org.deepfig.render.Padded;
import org.deepfig.render.Panels;
import org.deepfig.render.Rasters;

/**
 * Layers as embeddings: t-SNE of the test-set activations of each chosen layer, laid out as a row so class
 * separation can be followed through the network (the "t-SNE of LeNet on MNIST, input / layer 1 / …" figure), a PCA
 * row as a baseline, and the scores of Rauber et al. (2017): neighbourhood hit per layer against depth, before and
 * after training, plus trustworthiness and continuity.
 */
public final class Embedding implements AnalysisKind<EmbeddingSpec> {
  @Override
  public boolean aggregates() {
    return true;
  }

  /**
   * Over seeds: neighbourhood hit by depth as means with ± sd error bars; the embeddings themselves are pictures
   * of one network and come from the first seed.
   */
  @Override
  public Figure aggregate(EmbeddingSpec spec, org.deepfig.analysis.SeedFigures runs) {
    var cols = runs.id().equals("tsne-scores") ? runs.columns("Scores per layer", List.of("NH t-SNE", "NH PCA",
        "NH untrained"), List.of(), 1) : null;
    if (cols == null) return AnalysisKind.super.aggregate(spec, runs);
    List<String> layers = cols.keys().stream().map(k -> k.replaceFirst("^\\d+: ", "")).toList();
    Drawing chart = Charts.line(new Charts.Frame(FigureStyle.figureTitle("Neighbourhood hit by depth"), "layer",
        "neighbourhood hit (k = " + spec.k() + ")", 420, 240), cols.steps(c -> switch (c) {
          case "NH t-SNE" -> "trained (t-SNE)";
          case "NH PCA" -> "trained (PCA)";
          default -> "untrained (t-SNE)";
        }), cols.spreads(), layers);
    return runs.with(chart, "Neighbourhood hit of each layer's projection against depth, mean over "
        + runs.seedsText() + " with error bars of ± one sample standard deviation (n − 1); the table gives every "
        + "score as mean ± sd. " + runs.first().caption());
  }

  /** Blank space between the panels and the canvas edge, in points. */
  private static final double MARGIN = 8;

  static final String INPUT = "input";

  @Override
  public String kind() {
    return "tsne";
  }

  @Override
  public Class<EmbeddingSpec> specType() {
    return EmbeddingSpec.class;
  }

  @Override
  public void check(EmbeddingSpec spec, org.deepfig.analysis.References refs) {
    var graph = refs.graph();
    List<String> valid = new ArrayList<>(List.of(INPUT));
    valid.addAll(graph.names());
    refs.layers("layers", spec.layers(), l -> l.equals(INPUT) || graph.contains(l), "no layer named '%s' in this "
        + "model", valid);
  }

  @Override
  public String description() {
    return "per-layer t-SNE and PCA of activations, neighbourhood hit / trustworthiness / continuity by depth";
  }

  @Override
  public String needsImages(EmbeddingSpec spec) {
    return "it shows the inputs as images (thumbnails and the image grid)";
  }

  /** Forward passes only: the t-SNE itself runs on the CPU in Java and is not counted. */
  @Override
  public org.deepfig.analysis.Cost cost(EmbeddingSpec spec, org.deepfig.data.Dataset data,
      org.deepfig.model.Network network) {
    int n = Math.min(spec.points(), data.test().size());
    int nets = spec.compareUntrained() && !network.imported() ? 2 : 1;
    return org.deepfig.analysis.Cost.forward((double) n * nets, "the activations of " + n + " images",
        n > 50 ? "points: " + Math.max(50, n / 4) : null);
  }

  @Override
  public List<org.deepfig.analysis.SharedAxes> sharedAxes(int runs) {
    return List.of(new org.deepfig.analysis.SharedAxes.Lines("Scores per layer", null, List.of("NH t-SNE"),
        "Neighbourhood hit by depth", "layer", "neighbourhood hit", true, 1));
  }

  @Override
  public List<Figure> run(EmbeddingSpec spec, RunContext ctx) {
    LayerGraph graph = ctx.network().graph();
    List<String> layers = spec.layers() != null ? spec.layers() : defaultLayers(graph);
    for (String l : layers) {
      if (!l.equals(INPUT) && !graph.contains(l)) {
        throw new UserError("figures: tsne.layers", "no layer named '" + l + "' in this model",
            "use 'input' or one of: " + String.join(", ", graph.names()));
      }
    }
    for (String l : spec.neurons()) {
      if (!graph.contains(l)) {
        throw new UserError("figures: tsne.neurons", "no layer named '" + l + "' in this model",
            "use one of: " + String.join(", ", graph.names()));
      }
    }
    ImageSet test = ctx.data().test();
    int n = Math.min(spec.points(), test.size());
    if (n < MIN_POINTS) {
      return List.of(Figure.tablesOnly("tsne", "t-SNE of each layer", "", params(spec, layers, n), List.of(),
          fmt("t-SNE needs at least %d test images and this test set has %d: add test images.", MIN_POINTS, n)));
    }
    int[] subset = subset(test.size(), n, ctx.seed("tsne-subset", 0));
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) labels[i] = test.label(subset[i]);

    Features trained = features(ctx.network(), ctx, test, subset, layers, spec);
    List<LayerEmbedding> after = embedAll(spec, ctx, trained, labels, layers, "trained");
    List<LayerEmbedding> before = List.of();
    boolean untrained = spec.compareUntrained() && ctx.untrained() != null;
    if (untrained) {
      before = embedAll(spec, ctx, features(ctx.untrained(), ctx, test, subset, layers, spec), labels, layers,
          "untrained");
    }
    int[] predicted = ctx.testEvaluation().predicted();
    List<String> names = ctx.data().classNames();
    Map<String, String> params = params(spec, layers, n);
    List<Figure> out = new ArrayList<>();
    out.add(row(spec, after, test, labels, subset, predicted, names, params, n, ctx.seed("tsne-hover", 0)));
    out.add(scores(spec, after, before, params, n));
    if (untrained) out.add(beforeAfter(before, after, labels, names, params));
    if (!spec.neurons().isEmpty()) out.add(neurons(spec, ctx, test, subset, labels, names, params));
    if (spec.imageGrid() > 0) out.add(imageGrid(spec, after.get(after.size() - 1), test, subset, labels, predicted,
        names, params));
    return out;
  }

  /** input, the output of each pooling stage (or residual block), hidden dense activations and the logits. */
  static List<String> defaultLayers(LayerGraph g) {
    List<String> out = new ArrayList<>();
    out.add(INPUT);
    List<LayerNode> ls = g.layers();
    for (int i = 0; i < ls.size(); i++) {
      LayerNode l = ls.get(i);
      boolean stage = l.kind() == LayerKind.MAX_POOL || l.kind() == LayerKind.AVG_POOL
          || (l.kind() == LayerKind.RELU && l.group() != null && l.name().equals(l.group() + ".relu"));
      boolean denseHidden = l.kind() == LayerKind.RELU && !l.isSpatial();
      if (stage || denseHidden || i == ls.size() - 1) out.add(l.name());
    }
    return out;
  }

  static int[] subset(int size, int n, long seed) {
    int[] p = new int[size];
    for (int i = 0; i < size; i++) p[i] = i;
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      int j = i + r.nextInt(size - i);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    int[] out = java.util.Arrays.copyOf(p, n);
    java.util.Arrays.sort(out); // read in dataset order; the choice is still the seeded random one
    return out;
  }

  /** Each layer's points as t-SNE sees them, and how a reduced layer was reduced (absent when kept whole). */
  record Features(Map<String, Matrix> values, Map<String, String> reductions) {}

  /** Per layer: whole, pool (mean over positions per channel) or pca (streamed), from reduce and the widths. */
  static String mode(EmbeddingSpec spec, long dims, boolean spatial) {
    return switch (spec.reduce()) {
      case NONE -> "whole";
      case POOL -> spatial ? "pool" : "whole";
      case PCA -> dims > spec.pcaDimensions() ? "pca" : "whole";
      case AUTO -> dims > spec.maxDimensions() ? "pca" : "whole";
    };
  }

  /** Images per forward pass: 200, fewer when a layer is so wide that a batch of it would pass 16 M values. */
  static int batchFor(long widest) {
    return (int) Math.max(1, Math.min(200, (1L << 24) / Math.max(1, widest)));
  }

  static Features features(Network net, RunContext ctx, ImageSet set, int[] subset, List<String> layers,
      EmbeddingSpec spec) {
    return features(net, ctx, set, subset, layers, spec, false);
  }

  /** @param perUnit one value per unit: spatial layers pooled (each channel's mean), others whole, whatever reduce says */
  static Features features(Network net, RunContext ctx, ImageSet set, int[] subset, List<String> layers,
      EmbeddingSpec spec, boolean perUnit) {
    Probe probe = new Probe(net, ctx.manager());
    int n = subset.length;
    int len = set.imageLength();
    Map<String, String> modes = new LinkedHashMap<>();
    Map<String, Shape> shapes = new LinkedHashMap<>();
    for (String l : layers) {
      Shape s = l.equals(INPUT) ? org.deepfig.train.Batches.sample(set)
          : net.graph().layer(l).outputShape();
      shapes.put(l, s);
      modes.put(l, perUnit ? (s.dimension() == 3 ? "pool" : "whole") : mode(spec, s.size(), s.dimension() == 3));
    }
    List<String> direct = layers.stream().filter(l -> !modes.get(l).equals("pca")).toList();
    long widest = direct.stream().mapToLong(l -> shapes.get(l).size()).max().orElse(1);
    Map<String, float[]> data = new LinkedHashMap<>();
    Map<String, Integer> dims = new LinkedHashMap<>();
    if (!direct.isEmpty()) {
      // and within the memory budget of one pass that records layers (a 224-px ResNet-50 holds ~128 MB per image)
      int batch = org.deepfig.probe.BatchBudget.images(net, true, false, batchFor(Math.max(widest, len)));
      float[] images = new float[batch * len];
      for (int from = 0; from < n; from += batch) {
        int b = Math.min(batch, n - from);
        for (int i = 0; i < b; i++) set.copyImages(subset[from + i], subset[from + i] + 1, images, i * len);
        float[] chunk = java.util.Arrays.copyOf(images, b * len);
        Activations a = probe.activations(chunk, org.deepfig.train.Batches.shape(set, b),
            direct.stream().filter(l -> !l.equals(INPUT)).toList());
        for (String l : direct) {
          float[] v = l.equals(INPUT) ? chunk : a.of(l);
          if (modes.get(l).equals("pool")) v = pool(v, b, (int) shapes.get(l).get(0));
          int d = v.length / b;
          dims.putIfAbsent(l, d);
          float[] all = data.computeIfAbsent(l, k -> new float[n * d]);
          System.arraycopy(v, 0, all, from * d, v.length);
        }
      }
    }
    Map<String, Matrix> out = new LinkedHashMap<>();
    Map<String, String> reductions = new LinkedHashMap<>();
    for (int li = 0; li < layers.size(); li++) {
      String l = layers.get(li);
      long d = shapes.get(l).size();
      switch (modes.get(l)) {
        case "pca" -> {
          Matrix m = StreamingPca.project(rows(probe, set, subset, l), n, Math.toIntExact(d), spec.pcaDimensions(),
              ctx.seed("tsne-reduce", li));
          out.put(l, m);
          reductions.put(l, fmt("%d → %d by streamed PCA", d, m.cols()));
        }
        case "pool" -> {
          out.put(l, Matrix.of(data.get(l), n, dims.get(l)));
          reductions.put(l, fmt("%d → %d by averaging each channel over its %d positions", d, dims.get(l),
              d / dims.get(l)));
        }
        default -> out.put(l, Matrix.of(data.get(l), n, dims.get(l)));
      }
    }
    return new Features(out, reductions);
  }

  /** Batch × C × (positions) → batch × C: each channel's mean over its positions. */
  static float[] pool(float[] v, int batch, int channels) {
    int positions = v.length / (batch * channels);
    float[] out = new float[batch * channels];
    for (int r = 0; r < batch * channels; r++) {
      double s = 0;
      for (int p = 0; p < positions; p++) s += v[r * positions + p];
      out[r] = (float) (s / positions);
    }
    return out;
  }

  /** One layer's activations of the subset, streamed in batches small enough for its width. */
  private static StreamingPca.Rows rows(Probe probe, ImageSet set, int[] subset, String layer) {
    int len = set.imageLength();
    long width = layer.equals(INPUT) ? len : probe.network().graph().layer(layer).outputShape().size();
    int batch = org.deepfig.probe.BatchBudget.images(probe.network(), true, false, batchFor(Math.max(width, len)));
    return consumer -> {
      float[] images = new float[batch * len];
      for (int from = 0; from < subset.length; from += batch) {
        int b = Math.min(batch, subset.length - from);
        for (int i = 0; i < b; i++) set.copyImages(subset[from + i], subset[from + i] + 1, images, i * len);
        float[] chunk = java.util.Arrays.copyOf(images, b * len);
        float[] v = layer.equals(INPUT) ? chunk : probe.activations(chunk, new Shape(b, set.channels(),
            set.height(), set.width()), List.of(layer)).of(layer);
        consumer.accept(v, b);
      }
    };
  }

  private static List<LayerEmbedding> embedAll(EmbeddingSpec spec, RunContext ctx, Features features,
      int[] labels, List<String> layers, String which) {
    List<LayerEmbedding> out = new ArrayList<>();
    for (int li = 0; li < layers.size(); li++) {
      String layer = layers.get(li);
      Matrix x = features.values().get(layer);
      String reduction = features.reductions().get(layer);
      int dims = reduction == null ? x.cols() : Math.toIntExact(layer.equals(INPUT)
          ? (long) ctx.data().test().imageLength() : ctx.network().graph().layer(layer).outputShape().size());
      long seed = ctx.seed("tsne", li);
      TSneResult r;
      try (Progress.Task task = ctx.progress().start("t-SNE " + layer + " (" + which + ")", spec.iterations())) {
        TSne tsne = new TSne().optPerplexity(spec.perplexity()).optIterations(spec.iterations())
            .optEarlyExaggeration(spec.earlyExaggeration()).optMethod(method(spec.method(), x.rows()))
            .optTheta(spec.theta()).optSeed(seed).optNeighbours(neighbours(spec.neighbours()))
            .optInit(spec.init() == EmbeddingSpec.Init.PCA ? TSne.Init.PCA : TSne.Init.RANDOM)
            .optProgress(i -> task.step(1));
        if (spec.learningRate() != null) tsne.optLearningRate(spec.learningRate());
        r = tsne.fit(x);
      }
      Matrix y = new Matrix(x.rows(), 2, r.coordinates());
      Matrix pca = Pca.project(x, 2, seed);
      out.add(new LayerEmbedding(layer, dims, reduction, r.coordinates(), pca.data(),
          NeighbourhoodHit.of(y, labels, k(spec, x.rows())), NeighbourhoodHit.of(pca, labels, k(spec, x.rows())),
          trustworthiness(x, y, k(spec, x.rows()), seed, false), trustworthiness(x, y, k(spec, x.rows()), seed, true),
          r.finalKl(), r.seconds()));
    }
    return out;
  }

  /**
   * Trustworthiness and continuity cost O(N²·D) in the layer's own dimensions: above this many points they are taken on
   * a seeded sample of this many (both spaces restricted to it), as the scores table's caption says.
   */
  static final int SCORE_SAMPLE = 5000;

  /** Trustworthiness (or continuity) of y against x, on a seeded sample above {@link #SCORE_SAMPLE} points. */
  static double trustworthiness(Matrix x, Matrix y, int k, long seed, boolean continuity) {
    if (x.rows() > SCORE_SAMPLE) {
      int[] pick = subset(x.rows(), SCORE_SAMPLE, seed ^ 0x7A3D);
      x = rows(x, pick);
      y = rows(y, pick);
    }
    return continuity ? Trustworthiness.continuity(x, y, k) : Trustworthiness.trustworthiness(x, y, k);
  }

  private static Matrix rows(Matrix m, int[] pick) {
    double[] d = new double[pick.length * m.cols()];
    for (int a = 0; a < pick.length; a++) System.arraycopy(m.data(), pick[a] * m.cols(), d, a * m.cols(), m.cols());
    return new Matrix(pick.length, m.cols(), d);
  }

  /** The most points that carry a hover thumbnail: a seeded sample, the same in every panel. */
  static final int HOVER_MAX = 150;

  /** Below this many points, auto picks Barnes-Hut: FFT's grid costs the same at any N (bench/tsne.sh). */
  static final int FFT_FROM = 5000;

  /** The method auto stands for at {@code n} points; the others as given. */
  private static EmbeddingSpec.Method resolved(EmbeddingSpec.Method m, int n) {
    if (m != EmbeddingSpec.Method.AUTO) return m;
    return n < FFT_FROM ? EmbeddingSpec.Method.BARNES_HUT : EmbeddingSpec.Method.FFT;
  }

  private static TSne.Method method(EmbeddingSpec.Method m, int n) {
    return switch (resolved(m, n)) {
      case BARNES_HUT -> TSne.Method.BARNES_HUT;
      case EXACT -> TSne.Method.EXACT;
      case FFT, AUTO -> TSne.Method.FFT;
    };
  }

  private static TSne.NeighbourSearch neighbours(EmbeddingSpec.Neighbours n) {
    return switch (n) {
      case EXACT -> TSne.NeighbourSearch.EXACT;
      case APPROXIMATE -> TSne.NeighbourSearch.APPROXIMATE;
      case AUTO -> TSne.NeighbourSearch.AUTO;
    };
  }

  private static String neighboursCaption(EmbeddingSpec spec, int n) {
    return TSne.approximate(neighbours(spec.neighbours()), n)
        ? "approximate nearest neighbours (random-projection forest and neighbour-of-neighbour refinement)"
        : "exact nearest neighbours";
  }

  private static String methodCaption(EmbeddingSpec spec, int n) {
    return switch (resolved(spec.method(), n)) {
      case BARNES_HUT -> "Barnes-Hut repulsion, θ = " + spec.theta();
      case EXACT -> "exact repulsion";
      case FFT, AUTO -> "FFT-interpolated repulsion (FIt-SNE)";
    };
  }

  /** The options with what {@code n} points made of the automatic ones. */
  private static Map<String, String> params(EmbeddingSpec s, List<String> layers, int n) {
    Parameters p = Parameters.of(s).with("layers", layers).with("points", n)
        .with("method", resolved(s.method(), n) + (s.method() == EmbeddingSpec.Method.AUTO ? " (auto)" : ""))
        .with("neighbours", (TSne.approximate(neighbours(s.neighbours()), n) ? "approximate" : "exact")
            + (s.neighbours() == EmbeddingSpec.Neighbours.AUTO ? " (auto)" : ""))
        .with("k", k(s, n) == s.k() ? Integer.toString(s.k())
            : k(s, n) + " (k: " + s.k() + " lowered below half of the " + n + " points)");
    if (s.learningRate() == null) {
      p.with("learning_rate", "auto (openTSNE's schedule: N/(4·early_exaggeration), then N/4)");
    }
    if (resolved(s.method(), n) != EmbeddingSpec.Method.BARNES_HUT) p.without("theta");
    return p.map();
  }

  /** The neighbours k the scores use: the spec's, lowered below half the points (as trustworthiness needs). */
  static int k(EmbeddingSpec s, int n) {
    return Math.max(1, Math.min(s.k(), (n - 1) / 2));
  }

  /** Fewer test images than this and there is no map to draw, only a sentence saying so. */
  static final int MIN_POINTS = 4;

  private static Figure row(EmbeddingSpec spec, List<LayerEmbedding> es, ImageSet test, int[] labels, int[] subset,
      int[] predicted, List<String> names, Map<String, String> params, int n, long hoverSeed) {
    List<Drawing> layerColumns = new ArrayList<>();
    List<ScatterPanel> panels = new ArrayList<>();
    double size = ScatterPanel.sizeFor(es.size(), 14, 2 * MARGIN);
    for (LayerEmbedding e : es) {
      ScatterPanel p = new ScatterPanel(e.layer() + " (" + e.dimensions() + "-d)",
          fmt(size < 120 ? "NH %.2f · T %.2f" : "t-SNE · NH %.2f · T %.2f", e.neighbourhoodHit(),
              e.trustworthiness()), e.tsne(), labels, size);
      panels.add(p);
      // each layer's t-SNE above its PCA; the layers wrap into rows that fit the figure's width
      layerColumns.add(Panels.column(12, List.of(p,
          new ScatterPanel(e.layer() + " · PCA", fmt("NH %.2f", e.pcaNeighbourhoodHit()), e.pca(), labels, size))));
    }
    Panels.PanelGrid layers = Panels.grid(14, layerColumns);
    Drawing grid = Padded.all(ClassLegend.withPanels(layers, names, labels, 14), MARGIN);
    // hover: a sample of points (the same in every panel), each showing its input image from one sprite
    List<Hotspot> hs = new ArrayList<>();
    int[] hover = subset(n, Math.min(n, HOVER_MAX), hoverSeed); // positions in the embedded points
    List<java.awt.image.BufferedImage> thumbs = new ArrayList<>();
    for (int i : hover) thumbs.add(thumbnail(test, subset[i]));
    for (int pi = 0; pi < panels.size(); pi++) {
      double[] o = layers.origin(pi);
      for (int t = 0; t < hover.length; t++) {
        int i = hover[t];
        int idx = subset[i];
        hs.add(pointHotspot(o, panels.get(pi).position(i), "test image #" + idx + " · true: " + names.get(labels[i])
            + " · predicted: " + names.get(predicted[idx]), t));
      }
    }
    String caption = fmt("t-SNE (upper) and PCA (lower panel of each layer) of the activations of %d test images, layer by layer, "
        + "coloured by true class; hover a point for its input image and classes. NH = neighbourhood hit (share of each point's %d nearest neighbours in the "
        + "projection with its class; Rauber et al. 2017), T = trustworthiness (Venna & Kaski 2001). Perplexity "
        + "%s, %d iterations, %s, %s, %s initialisation; the same points and seed in every layer.",
        n, k(spec, n), spec.perplexity(), spec.iterations(), neighboursCaption(spec, n), methodCaption(spec, n),
        spec.init()) + reductionSentence(es);
    if (n > SCORE_SAMPLE) caption += fmt(" T is taken on a seeded sample of %,d of the points.", SCORE_SAMPLE);
    if (n > HOVER_MAX) caption += fmt(" Hover is offered on a seeded sample of %d of the %d points.", HOVER_MAX, n);
    if (n > ScatterPanel.RASTER_ABOVE) caption += fmt(" Above %,d points the dots are drawn as a %.0f-dpi image inside "
        + "the vector figure (titles, frames and legend stay vector).", ScatterPanel.RASTER_ABOVE,
        ScatterPanel.RASTER_DPI);
    return new Figure("tsne", "t-SNE of each layer", caption, params, grid, List.of(), hs, null,
        org.deepfig.analysis.Thumbnails.of(thumbs));
  }

  /**
   * The 5-point hover square on a scatter point: {@code xy} is the point in its panel ({@link ScatterPanel#position}),
   * {@code origin} the panel's in the padded grid; {@code thumbnail} the sprite index, or -1 for none.
   */
  private static Hotspot pointHotspot(double[] origin, double[] xy, String text, int thumbnail) {
    return new Hotspot(MARGIN + origin[0] + xy[0] - 2.5, MARGIN + origin[1] + xy[1] - 2.5, 5, 5, text, thumbnail);
  }

  /** The most units per layer that carry a hover label. */
  static final int NEURON_HOVER_MAX = 600;

  /** Rauber et al. 2017's neuron projection of each layer in {@code neurons} ({@link NeuronProjection}). */
  private static Figure neurons(EmbeddingSpec spec, RunContext ctx, ImageSet test, int[] subset, int[] labels,
      List<String> names, Map<String, String> params) {
    Features units = features(ctx.network(), ctx, test, subset, spec.neurons(), spec, true);
    List<String> drawn = new ArrayList<>();
    List<NeuronProjection> projections = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (int li = 0; li < spec.neurons().size(); li++) {
      String layer = spec.neurons().get(li);
      Matrix m = units.values().get(layer);
      NeuronProjection p;
      try (Progress.Task task = ctx.progress().start("neuron projection " + layer, 1)) {
        p = NeuronProjection.of(m, labels, names.size(), spec.perplexity(), spec.iterations(), spec.k(),
            ctx.seed("tsne-neurons", li));
        task.step(1);
      }
      if (p == null) {
        skipped.add(fmt("%s (%d units, fewer than %d vary over the images)", layer, m.cols(),
            NeuronProjection.MIN_UNITS));
      } else {
        drawn.add(layer);
        projections.add(p);
      }
    }
    if (projections.isEmpty()) {
      String why = "No neuron projection: " + String.join("; ", skipped) + ".";
      return Figure.tablesOnly("tsne-neurons", "Units of each layer", why, params, List.of(), why);
    }
    double size = ScatterPanel.sizeFor(projections.size(), 14, 2 * MARGIN);
    List<ScatterPanel> panels = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    int total = projections.stream().mapToInt(q -> q.units().length).sum();
    int[] allPreferred = new int[total];
    int at = 0;
    for (int i = 0; i < projections.size(); i++) {
      NeuronProjection q = projections.get(i);
      panels.add(new ScatterPanel(fmt("%s (%d units)", drawn.get(i), q.units().length),
          fmt("NH %.2f · chance %.2f", q.neighbourhoodHit(), q.chance()), q.xy(), q.preferred(), size));
      System.arraycopy(q.preferred(), 0, allPreferred, at, q.preferred().length);
      at += q.preferred().length;
      int[] perClass = new int[names.size()];
      for (int c : q.preferred()) perClass[c]++;
      List<Integer> order = new ArrayList<>();
      for (int c = 0; c < perClass.length; c++) if (perClass[c] > 0) order.add(c);
      order.sort((a, b) -> perClass[b] != perClass[a] ? perClass[b] - perClass[a] : a - b);
      List<String> most = new ArrayList<>();
      for (int c : order.subList(0, Math.min(5, order.size()))) most.add(names.get(c) + " " + perClass[c]);
      rows.add(List.of(drawn.get(i), Integer.toString(q.units().length + q.constant()),
          Integer.toString(q.constant()), fmt("%.3f", q.neighbourhoodHit()), fmt("%.3f", q.chance()),
          String.join(", ", most)));
    }
    Panels.PanelGrid grid = Panels.grid(14, new ArrayList<Drawing>(panels));
    Drawing d = Padded.all(ClassLegend.withPanels(grid, names, allPreferred, 14), MARGIN);
    List<Hotspot> hs = new ArrayList<>();
    for (int pi = 0; pi < panels.size(); pi++) {
      NeuronProjection q = projections.get(pi);
      double[] o = grid.origin(pi);
      int step = Math.max(1, (q.units().length + NEURON_HOVER_MAX - 1) / NEURON_HOVER_MAX);
      for (int a = 0; a < q.units().length; a += step) {
        hs.add(pointHotspot(o, panels.get(pi).position(a), fmt("%s unit %d · responds most to %s (%+.2f sd above "
            + "the other classes' mean)", drawn.get(pi), q.units()[a], names.get(q.preferred()[a]),
            q.selectivity()[a]), -1));
      }
    }
    Table table = new Table("Units per layer (" + labels.length + " test images)", List.of("Layer", "Units",
        "Constant (left out)", "NH", "NH by chance", "Units per preferred class (most)"), rows);
    String caption = fmt("Neuron projections (Rauber et al. 2017): each point is one unit of the layer (a channel of "
        + "a spatial layer, its activation averaged over positions), placed by t-SNE of its activations over the "
        + "same %d test images, standardised per unit, so units that fire on the same images lie close. Each unit is "
        + "coloured by the class it responds to most (the highest class mean of its standardised activation); "
        + "hover a unit for its index and how selective it is. NH = share of each unit's %d nearest units that "
        + "prefer the same class, beside its chance level (Σ share² of the classes): well above chance, units "
        + "serving one class group together. Perplexity min(%s, (units − 1)/3), %d iterations, Barnes-Hut.",
        labels.length, spec.k(), spec.perplexity(), spec.iterations());
    if (projections.stream().anyMatch(q -> q.constant() > 0)) {
      caption += " Units whose activation never changes over these images (dead or constant) are left out.";
    }
    if (!skipped.isEmpty()) caption += " Not drawn: " + String.join("; ", skipped) + ".";
    return new Figure("tsne-neurons", "Units of each layer", caption, params, d, List.of(table), hs, null);
  }

  /** The inputs at their t-SNE positions in one layer, one per grid cell, with hover details. */
  private static Figure imageGrid(EmbeddingSpec spec, LayerEmbedding e, ImageSet test, int[] subset, int[] labels,
      int[] predicted, List<String> names, Map<String, String> params) {
    int cells = spec.imageGrid();
    ImageGrid grid = new ImageGrid(FigureStyle.figureTitle(fmt("Inputs at their t-SNE positions · %s", e.layer())), e.tsne(), labels, cells,
        i -> thumbnail(test, subset[i]));
    List<Hotspot> hs = new ArrayList<>();
    int[] chosen = grid.chosen();
    int shown = 0;
    for (int c = 0; c < chosen.length; c++) {
      if (chosen[c] < 0) continue;
      shown++;
      int idx = subset[chosen[c]];
      double[] o = grid.cellOrigin(c);
      hs.add(new Hotspot(o[0], o[1], grid.cell(), grid.cell(), "test image #" + idx + " · true: " + names.get(labels[chosen[c]])
              + " · predicted: " + names.get(predicted[idx])));
    }
    Map<String, String> p = new LinkedHashMap<>(params);
    p.put("image_grid", Integer.toString(cells));
    p.put("layer", e.layer());
    String caption = fmt("The t-SNE map of %s cut into %d×%d cells; each cell shows the input of the point nearest "
        + "its centre (%d of %d points shown; empty cells hold none), framed in its true class's colour, so the map's "
        + "regions can be read as images. Hover a cell for its image index, true and predicted class.", e.layer(),
        grid.columns(), grid.rows(), shown, labels.length);
    return new Figure("tsne-image-grid", "Inputs at their t-SNE positions", caption, p, grid, List.of(), hs, null);
  }

  /** Test image {@code i} as a picture (grey or RGB, values in [0, 1]). */
  static java.awt.image.BufferedImage thumbnail(ImageSet set, int i) {
    return Rasters.ofImage(set.image(i), set.channels(), set.height(), set.width());
  }


  private static Figure scores(EmbeddingSpec spec, List<LayerEmbedding> after, List<LayerEmbedding> before,
      Map<String, String> params, int n) {
    double[] depth = new double[after.size()];
    double[] nhAfter = new double[after.size()];
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < after.size(); i++) {
      LayerEmbedding e = after.get(i);
      depth[i] = i;
      nhAfter[i] = e.neighbourhoodHit();
      List<String> row = new ArrayList<>(List.of(i + ": " + e.layer(), e.reduction() == null
          ? Integer.toString(e.dimensions()) : e.reduction(),
          fmt("%.3f", e.neighbourhoodHit()), fmt("%.3f", e.pcaNeighbourhoodHit()), fmt("%.3f", e.trustworthiness()),
          fmt("%.3f", e.continuity()), fmt("%.3f", e.kl())));
      row.add(before.isEmpty() ? "—" : fmt("%.3f", before.get(i).neighbourhoodHit()));
      rows.add(row);
    }
    List<Charts.Series> series = new ArrayList<>();
    series.add(new Charts.Series("trained (t-SNE)", depth, nhAfter));
    double[] pcaNh = after.stream().mapToDouble(LayerEmbedding::pcaNeighbourhoodHit).toArray();
    series.add(new Charts.Series("trained (PCA)", depth, pcaNh));
    if (!before.isEmpty()) {
      series.add(new Charts.Series("untrained (t-SNE)", depth,
          before.stream().mapToDouble(LayerEmbedding::neighbourhoodHit).toArray()));
    }
    List<String> layers = after.stream().map(LayerEmbedding::layer).toList();
    Drawing chart = Charts.line(new Charts.Frame(FigureStyle.figureTitle("Neighbourhood hit by depth"), "layer",
        "neighbourhood hit (k = " + k(spec, n) + ")", 420, 240), series, layers);
    Table table = new Table("Scores per layer (" + n + " test images, k = " + k(spec, n) + ")",
        List.of("Layer", "Dimensions", "NH t-SNE", "NH PCA", "Trustworthiness", "Continuity", "KL", "NH untrained"),
        rows);
    String layersText = String.join(", ", after.stream().map(e -> e.layer()).toList());
    String caption = fmt("Neighbourhood hit of the t-SNE projection of each layer (%s) against depth: where the "
        + "classes separate. PCA of the trained network and t-SNE of the untrained network (same architecture, "
        + "initial weights) as baselines. Trustworthiness and continuity use the layer's own features as the "
        + "original space%s.", layersText, n > SCORE_SAMPLE ? fmt(", on a seeded sample of %,d of the %,d points "
        + "(they cost N² in the layer's dimensions)", SCORE_SAMPLE, n) : "") + reductionSentence(after);
    return new Figure("tsne-scores", "Class separation by depth", caption, params, chart, List.of(table),
        List.of(), null);
  }

  private static Figure beforeAfter(List<LayerEmbedding> before, List<LayerEmbedding> after, int[] labels,
      List<String> names, Map<String, String> params) {
    // the deepest layer that is not the logits shows training's effect best; fall back to the last one
    int i = after.size() >= 3 ? after.size() - 2 : after.size() - 1;
    LayerEmbedding b = before.get(i);
    LayerEmbedding a = after.get(i);
    double size = ScatterPanel.sizeFor(2, 14, 2 * MARGIN);
    Drawing d = Padded.all(ClassLegend.withPanels(Panels.grid(14, List.of(
        new ScatterPanel(a.layer() + " · before training", fmt("NH %.2f", b.neighbourhoodHit()), b.tsne(), labels,
            size),
        new ScatterPanel(a.layer() + " · after training", fmt("NH %.2f", a.neighbourhoodHit()), a.tsne(), labels,
            size))), names, labels, 14), MARGIN);
    String caption = fmt("t-SNE of layer %s for the same test images before training (seeded initial weights) and "
        + "after, with the same t-SNE seed (Rauber et al. 2017, fig. 3). Neighbourhood hit %.2f → %.2f.",
        a.layer(), b.neighbourhoodHit(), a.neighbourhoodHit());
    return new Figure("tsne-before-after", "Before and after training", caption, params, d, List.of(), List.of(),
        null);
  }

  /** What the captions say about layers reduced before t-SNE; empty when none was. */
  static String reductionSentence(List<LayerEmbedding> es) {
    List<String> parts = new ArrayList<>();
    for (LayerEmbedding e : es) if (e.reduction() != null) parts.add(e.layer() + ": " + e.reduction());
    if (parts.isEmpty()) return "";
    return " Reduced before t-SNE, PCA and the scores (which are then measured in the reduced space): "
        + String.join("; ", parts) + " (option reduce).";
  }
}
