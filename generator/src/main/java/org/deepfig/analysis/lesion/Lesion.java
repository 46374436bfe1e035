package org.deepfig.analysis.lesion;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
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
import org.deepfig.analysis.architecture.Macs;
import org.deepfig.analysis.patches.PatchBlocks;
import org.deepfig.analysis.patches.Patches;
import org.deepfig.analysis.patches.ReceptiveField;
import org.deepfig.analysis.patches.TopKScan;
import org.deepfig.data.Dataset;
import org.deepfig.data.ImageSet;
import org.deepfig.model.LayerGraph;
import org.deepfig.model.LayerKind;
import org.deepfig.model.LayerNode;
import org.deepfig.model.Net;
import org.deepfig.model.Network;
import org.deepfig.probe.BatchBudget;
import org.deepfig.render.Charts;
import org.deepfig.render.ColourMap;
import org.deepfig.render.Drawing;
import org.deepfig.render.FigureStyle;
import org.deepfig.render.HeatmapDrawing;
import org.deepfig.render.Panels;

/**
 * Lesion studies: what breaks when a unit is switched off. Each channel of a convolution (or unit of a dense layer)
 * is ablated in turn and the test accuracy measured, overall and per class; then channels are ablated together in
 * order of importance, in the reverse order and in a random order (Morcos et al. 2018, "On the importance of single
 * directions for generalization"); the most important channels are shown with their top-9 test patches (Zeiler &
 * Fergus 2014), so the reader sees what the network lost.
 */
public final class Lesion implements AnalysisKind<LesionSpec> {
  /** Patches shown per important channel. */
  static final int PATCHES = 9;

  /** Title of the overview's table of the cumulative curves, followed by the layer name. */
  static final String CURVES_TABLE = "Cumulative ablation of ";

  @Override
  public boolean aggregates() {
    return true;
  }

  /**
   * Over seeds. A channel of one seed's network is not the same unit in another's, so nothing is matched by channel
   * index: the overview's bars become the mean ± sd drop of the most important channel, the second, … (drop by
   * rank), and its curves the mean accuracy ± sd after ablating the same number of channels in each order. The
   * per-class map and the patches are pictures of one network: the first seed's, as the caption says.
   */
  @Override
  public Figure aggregate(LesionSpec spec, org.deepfig.analysis.SeedFigures runs) {
    org.deepfig.analysis.RenderedFigure first = runs.first();
    boolean overview = !runs.id().endsWith("-classes") && !runs.id().endsWith("-patches")
        && !first.tables().isEmpty();
    if (!overview) {
      return new Figure(first.id(), first.title(), first.caption() + " Drawn from the first seed (" + runs.seeds()
          .get(0) + ") of " + runs.seedsText() + ": a channel of one seed's network is not the same unit in "
          + "another's, so channels are not averaged.", first.parameters(), null, first.tables(), List.of(),
          first.note());
    }
    List<List<Double>> drops = new ArrayList<>();
    for (org.deepfig.analysis.RenderedFigure f : runs.perSeed()) {
      Table t = f.tables().get(0);
      int col = t.columns().indexOf("Drop (pp)");
      drops.add(t.rows().stream().map(row -> org.deepfig.analysis.SeedStats.number(row.get(col))).toList());
    }
    int ranks = drops.stream().mapToInt(List::size).min().orElse(0);
    List<String> categories = new ArrayList<>();
    org.deepfig.analysis.SeedStats.Stat[] byRank = new org.deepfig.analysis.SeedStats.Stat[ranks];
    List<List<String>> rankRows = new ArrayList<>();
    for (int k = 0; k < ranks; k++) {
      double[] v = new double[drops.size()];
      for (int sIdx = 0; sIdx < v.length; sIdx++) v[sIdx] = drops.get(sIdx).get(k);
      var st = org.deepfig.analysis.SeedStats.of(v);
      byRank[k] = st;
      categories.add(Integer.toString(k + 1));
      rankRows.add(List.of(Integer.toString(k + 1), String.format(Locale.ROOT, "%.1f ± %.1f", st.mean(), st.sd()),
          String.format(Locale.ROOT, "%.1f", st.min()), String.format(Locale.ROOT, "%.1f", st.max())));
    }
    var rankBand = org.deepfig.analysis.SeedStats.band(byRank, 1);
    String layer = first.parameters().getOrDefault("layer", runs.id());
    List<Drawing> panels = new ArrayList<>();
    panels.add(Charts.bar(new Charts.Frame(FigureStyle.figureTitle("Accuracy lost by rank"),
        "rank of the channel's importance (1 = most important)", "accuracy drop (pp)",
        Math.max(260, Math.min(440, 40 + 14.0 * ranks)), 230), categories,
        List.of(new Charts.Bars("mean drop", rankBand.mean())), List.of(rankBand.spread()), null));
    List<Table> tables = new ArrayList<>();
    tables.add(new Table("Drop by rank in " + layer + " (pp, mean ± sd over " + runs.seedsText() + ")",
        List.of("Rank", "Drop (pp)", "Least", "Most"), rankRows));
    List<Table> curves = runs.table(CURVES_TABLE);
    if (!curves.isEmpty()) {
      Table combined = org.deepfig.analysis.SeedStats.combine(curves);
      Table c0 = curves.get(0);
      List<String> steps = c0.rows().stream().map(row -> row.get(0)).toList();
      List<Charts.Series> series = new ArrayList<>();
      List<Charts.Spread> spreads = new ArrayList<>();
      double[] x = new double[steps.size()];
      for (int i = 0; i < x.length; i++) x[i] = i;
      for (int c = 1; c < c0.columns().size(); c++) {
        List<double[]> perSeed = new ArrayList<>();
        for (Table t : curves) {
          int cc = c;
          perSeed.add(t.rows().stream().mapToDouble(row -> org.deepfig.analysis.SeedStats.number(row.get(cc)))
              .toArray());
        }
        var band = org.deepfig.analysis.SeedStats.band(org.deepfig.analysis.SeedStats.pointwise(perSeed), 1);
        series.add(new Charts.Series(c0.columns().get(c).replace(" (%)", ""), x, band.mean()));
        spreads.add(band.spread());
      }
      panels.add(Charts.line(new Charts.Frame(FigureStyle.figureTitle("Cumulative ablation"),
          c0.columns().get(0).toLowerCase(Locale.ROOT), "test accuracy (%)", 300, 230), series, spreads, steps));
      tables.add(combined);
    }
    Drawing drawing = panels.size() == 1 ? panels.get(0) : Panels.grid(18, panels);
    String caption = "Lesion study of " + layer + " over " + runs.seedsText() + ": each seed's network has its own "
        + "channels, so they are compared by rank, not by index. Bars: the accuracy lost when the most important "
        + "channel is ablated, the second most important, …, as the mean over the seeds with ± one sample standard "
        + "deviation (n − 1)." + (curves.isEmpty() ? "" : " Curves: mean test accuracy as more channels are ablated "
        + "together in each order (Morcos et al. 2018), with bands of ± one sample standard deviation.")
        + " Each seed's channel table is in its own run (run it with that seed alone).";
    return new Figure(first.id(), first.title(), caption, runs.parameters(), drawing, tables, List.of(),
        first.note());
  }

  @Override
  public String kind() {
    return "lesion";
  }

  @Override
  public Class<LesionSpec> specType() {
    return LesionSpec.class;
  }

  @Override
  public void check(LesionSpec spec, org.deepfig.analysis.References refs) {
    var graph = refs.graph();
    refs.layers("layers", spec.layers(), l -> graph.contains(l) && ablatable(graph.layer(l)),
        "no layer named '%s' with channels or units in this model", defaultLayers(graph));
  }

  @Override
  public String description() {
    return "ablate each channel or unit of chosen layers (zero or training-set mean): test accuracy lost, per class, "
        + "cumulative ablation curves, top-9 patches of the channels that matter";
  }

  /** The layers ablated by default: every convolution (not a residual shortcut's projection) and hidden dense layer. */
  public static List<String> defaultLayers(LayerGraph g) {
    // the classifier: the last dense layer when it gives the logits (as many outputs as the network's output);
    // an export that leaves it out of its layers has no classifier among them
    List<LayerNode> linear = g.ofKind(LayerKind.LINEAR);
    LayerNode last = linear.isEmpty() ? null : linear.get(linear.size() - 1);
    LayerNode classifier = last != null && last.outputShape().size() == g.output().outputShape().size() ? last : null;
    return g.select(n -> (n.kind() == LayerKind.CONV && !(n.group() != null && n.name().contains("proj")))
        || (n.kind() == LayerKind.LINEAR && n != classifier && n != g.output())).stream().map(LayerNode::name)
        .toList();
  }

  /** Whether a layer's output has a channel axis to ablate along (C×H×W or units). */
  public static boolean ablatable(LayerNode n) {
    int d = n.outputShape().dimension();
    return d == 3 || d == 1;
  }

  @Override
  public Cost cost(LesionSpec spec, Dataset data, Network network) {
    LayerGraph g = network.graph();
    List<String> layers = spec.layers() != null ? spec.layers() : defaultLayers(g);
    int n = spec.maxImages() > 0 ? Math.min(spec.maxImages(), data.test().size()) : data.test().size();
    double total = Math.max(1, Macs.total(g));
    double images = 0;
    for (String l : layers) {
      if (!g.contains(l)) continue;
      int c = g.layer(l).channels();
      int ablations = c + 1 + (spec.curvePoints() == 0 ? 0 : 3 * Math.min(spec.curvePoints(), c + 1));
      // a zoo network runs only the layers above the ablated one; a TorchScript graph the whole network each time
      double share = network instanceof Net ? Math.max(0.1, above(g, l) / total) : 1;
      images += 2.0 * n + (double) ablations * n * share; // + the captures of both scans
      if (spec.top() > 0 && g.layer(l).isSpatial()) images += n;
    }
    if (spec.mode() == LesionSpec.Mode.MEAN) images += data.train().size();
    return Cost.forward(images, layers.size() + " layers' ablations × " + n + " test images",
        n > 1 ? "max_images: " + Math.max(1, n / 4) : null);
  }

  /** Multiply-adds of the layers after {@code layer}, in the graph's order. */
  static double above(LayerGraph g, String layer) {
    double s = 0;
    boolean after = false;
    for (LayerNode node : g.layers()) {
      if (after) s += Macs.of(g, node);
      if (node.name().equals(layer)) after = true;
    }
    return s;
  }

  @Override
  public List<org.deepfig.analysis.SharedAxes> sharedAxes(int runs) {
    return List.of(new org.deepfig.analysis.SharedAxes.Lines("Cumulative ablation of ", null,
        List.of("importance order (%)"), "Cumulative ablation, most important first", "channels or units ablated",
        "test accuracy (%)", false, 1));
  }

  @Override
  public List<Figure> run(LesionSpec spec, RunContext ctx) {
    Network net = ctx.network();
    LayerGraph g = net.graph();
    List<String> layers = spec.layers() != null ? spec.layers() : defaultLayers(g);
    if (spec.layers() != null) net.requireLayers("figures: lesion.layers", layers);
    for (String l : layers) {
      if (!ablatable(g.layer(l))) {
        throw new UserError("figures: lesion.layers", "'" + l + "' has no channel or unit axis to ablate (output "
            + g.layer(l).shapeText() + ")", "use convolution or dense layers, e.g. one of: "
            + String.join(", ", defaultLayers(g)));
      }
    }
    if (layers.isEmpty()) {
      return List.of(Figure.tablesOnly("lesion", "Lesion study", "No layers to ablate.", Parameters.of(spec).map(),
          List.of(),
          net.visibilityNote() != null ? net.visibilityNote()
              : "This model has no convolution or hidden dense layer to ablate; name layers with the layers option."));
    }
    ImageSet test = ctx.data().test();
    int n = spec.maxImages() == 0 ? test.size() : Math.min(spec.maxImages(), test.size());
    List<String> names = ctx.data().classNames();
    int classes = names.size();
    int batch = BatchBudget.images(net, true, false, spec.batchSize());
    boolean mean = spec.mode() == LesionSpec.Mode.MEAN;
    Map<String, float[]> means = Map.of();
    if (mean) {
      ImageSet train = ctx.data().train();
      try (Progress.Task task = ctx.progress().start("lesion: training-set means of " + String.join(", ", layers),
          train.size())) {
        means = LesionScan.means(net, ctx.manager(), train, train.size(), layers, batch, task);
      }
    }
    Map<String, ReceptiveField> fields = ReceptiveField.analytic(g);
    List<Figure> out = new ArrayList<>();
    for (int li = 0; li < layers.size(); li++) {
      String layer = layers.get(li);
      LayerLesion r = LayerLesion.measure(net, ctx.manager(), test, n, layer, mean ? means.get(layer) : null,
          classes, spec.curvePoints(), ctx.seed("lesion-random-order", li), batch, ctx.progress());
      String unit = what(g.layer(layer));
      out.add(overview(spec, r, names, mean, net instanceof Net, unit));
      out.add(classMap(spec, r, names, mean, unit));
      if (spec.top() > 0 && g.layer(layer).isSpatial()) {
        out.add(patches(spec, ctx, r, test, n, fields.get(layer), batch));
      }
    }
    return out;
  }

  private static String what(LayerNode n) {
    return n.isSpatial() ? "channel" : "unit";
  }

  private static String modeText(boolean mean) {
    return mean ? "set to its mean over the training set (per position)" : "set to zero";
  }

  private static String pp(double v) {
    return String.format(Locale.ROOT, "%.1f", 100 * v);
  }

  /** The sorted drops and the cumulative curves side by side, with a table of every channel. */
  static Figure overview(LesionSpec spec, LayerLesion r, List<String> names, boolean mean, boolean aboveOnly,
      String unit) {
    int c = r.channels();
    List<String> categories = new ArrayList<>();
    double[] drops = new double[c];
    for (int i = 0; i < c; i++) {
      int ch = r.order().get(i);
      categories.add(Integer.toString(ch));
      drops[i] = 100 * r.drop(ch);
    }
    double barWidth = Math.max(260, Math.min(440, 40 + 14.0 * c));
    Drawing bars = Charts.bar(new Charts.Frame(FigureStyle.figureTitle("Accuracy lost per " + unit), unit
        + " (most important first)", "accuracy drop (pp)", barWidth, 230), categories,
        List.of(new Charts.Bars("drop", drops)), c <= 16 ? v -> String.format(Locale.ROOT, "%.1f", v) : null);
    List<Drawing> panels = new ArrayList<>(List.of(bars));
    if (!r.curves().isEmpty()) {
      double[] x = new double[r.ablated().length];
      for (int i = 0; i < x.length; i++) x[i] = r.ablated()[i];
      List<Charts.Series> series = new ArrayList<>();
      r.curves().forEach((name, acc) -> {
        double[] y = new double[acc.length];
        for (int i = 0; i < y.length; i++) y[i] = 100 * acc[i];
        series.add(new Charts.Series(name, x, y));
      });
      double chance = 100.0 / names.size();
      series.add(new Charts.Series("chance (1 / classes)", new double[] {0, c}, new double[] {chance, chance}));
      panels.add(Charts.line(new Charts.Frame(FigureStyle.figureTitle("Cumulative ablation"), unit + "s ablated",
          "test accuracy (%)", 300, 230), series));
    }
    Drawing drawing = panels.size() == 1 ? panels.get(0) : Panels.grid(18, panels);
    List<List<String>> rows = new ArrayList<>();
    for (int ch : r.order()) {
      int worst = 0;
      for (int k = 1; k < names.size(); k++) {
        if (!(r.classDrop()[ch][k] <= r.classDrop()[ch][worst])) worst = k;
      }
      rows.add(List.of(Integer.toString(ch), pp(r.accuracy()[ch]), pp(r.drop(ch)), names.get(worst),
          pp(r.classDrop()[ch][worst])));
    }
    Map<String, String> params = params(spec, r.layer(), r.images())
        .with("curve_points", r.curves().isEmpty() ? 0 : r.ablated().length)
        .with("evaluation", aboveOnly ? "layers above the ablated one, from its kept output"
            : "whole network from the input per ablation (forward_replacing)").map();
    String caption = String.format(Locale.ROOT, "Lesion study of %s (%d %ss): each %s in turn %s, and the test "
        + "accuracy measured on %d images (intact network: %s%%). Bars: the accuracy each one's ablation costs, in "
        + "percentage points, most important first.%s Table: every %s's accuracy when ablated and the class that "
        + "loses most.", r.layer(), c, unit, unit, modeText(mean), r.images(), pp(r.base()),
        r.curves().isEmpty() ? "" : " Curves: test accuracy as more " + unit + "s are ablated together, in order of "
            + "importance (the largest single drops first), in the reverse order and in a seeded random order "
            + "(Morcos et al. 2018); the first order falls fastest when a few " + unit + "s carry the decision.", unit);
    List<Table> tables = new ArrayList<>(List.of(new Table(Character.toUpperCase(unit.charAt(0)) + unit.substring(1)
        + "s of " + r.layer() + " by importance", List.of(Character.toUpperCase(unit.charAt(0)) + unit.substring(1),
        "Accuracy ablated (%)", "Drop (pp)", "Class that loses most", "Its drop (pp)"), rows)));
    if (!r.curves().isEmpty()) {
      List<String> columns = new ArrayList<>(List.of(Character.toUpperCase(unit.charAt(0)) + unit.substring(1)
          + "s ablated"));
      columns.addAll(r.curves().keySet().stream().map(n -> n + " (%)").toList());
      List<List<String>> curveRows = new ArrayList<>();
      for (int i = 0; i < r.ablated().length; i++) {
        List<String> row = new ArrayList<>(List.of(Integer.toString(r.ablated()[i])));
        for (double[] acc : r.curves().values()) row.add(pp(acc[i]));
        curveRows.add(row);
      }
      tables.add(new Table(CURVES_TABLE + r.layer(), columns, curveRows));
    }
    return new Figure("lesion-" + Figure.slug(r.layer()), "Lesion study of " + r.layer(), caption, params, drawing,
        tables, List.of(), null);
  }

  /** Channel × class heat map of the per-class drop, the most important channels first. */
  static Figure classMap(LesionSpec spec, LayerLesion r, List<String> names, boolean mean, String unit) {
    int shown = Math.min(r.channels(), LesionSpec.HEATMAP_ROWS);
    double[][] v = new double[shown][names.size()];
    List<String> rowLabels = new ArrayList<>();
    for (int i = 0; i < shown; i++) {
      int ch = r.order().get(i);
      rowLabels.add((unit.equals("unit") ? "unit " : "ch ") + ch);
      for (int k = 0; k < names.size(); k++) v[i][k] = 100 * r.classDrop()[ch][k];
    }
    HeatmapDrawing map = HeatmapDrawing.builder(v).setRowLabels(rowLabels).setColumnLabels(names)
        .optTitle(FigureStyle.figureTitle("Accuracy lost per class: " + r.layer()))
        .optAxisTitles("ablated " + unit, "class").optColourBarLabel("accuracy drop (pp)")
        .optColourMap(ColourMap.diverging())
        .optValueFormat(x -> Double.isNaN(x) ? "–" : Long.toString(Math.round(x))).build(); // never "-0"
    Map<String, String> params = params(spec, r.layer(), r.images())
        .with("channels_shown", shown + " of " + r.channels()).map();
    String caption = String.format(Locale.ROOT, "Per-class test accuracy lost (percentage points) when one %s "
        + "of %s is %s: rows are the %s, columns the classes; red is accuracy lost, blue gained. A %s "
        + "that only one class needs has one red cell in its row.", unit, r.layer(), modeText(mean),
        shown == r.channels() ? unit + "s, most important first" : String.format(Locale.ROOT,
            "%d most important of the %d %ss", shown, r.channels(), unit), unit);
    // every channel's drops in channel order (the map sorts by importance, which differs between runs), a row per
    // class, for deepfig diff
    int k0 = names.size();
    float[] all = new float[k0 * r.channels()];
    for (int k = 0; k < k0; k++) {
      for (int ch = 0; ch < r.channels(); ch++) all[k * r.channels() + ch] = (float) (100 * r.classDrop()[ch][k]);
    }
    List<String> channelLabels = new ArrayList<>();
    for (int ch = 0; ch < r.channels(); ch++) channelLabels.add(Integer.toString(ch));
    org.deepfig.analysis.ValueMaps values = new org.deepfig.analysis.ValueMaps(List.of(
        org.deepfig.analysis.ValueMaps.ValueMap.of(r.layer(), "classes (rows) × " + unit + "s (columns)",
            "diverging", "accuracy drop (pp)", k0, r.channels(), all)
            .withAxes(new org.deepfig.analysis.ValueMaps.Axes("class", names, unit, channelLabels))));
    return new Figure("lesion-" + Figure.slug(r.layer()) + "-classes", "Per-class lesion map of " + r.layer(),
        caption, params, map, List.of(), List.of(), null).withAttachments(List.of(values.attachment()));
  }

  /** The options of a figure of {@code layer}, whose ablations were measured on {@code images} test images. */
  private static Parameters params(LesionSpec spec, String layer, int images) {
    return Parameters.of(spec).with("layer", layer).with("max_images", images);
  }

  /** The most important channels' top-9 test patches, each labelled with its accuracy drop. */
  static Figure patches(LesionSpec spec, RunContext ctx, LayerLesion r, ImageSet test, int n, ReceptiveField rf,
      int batch) {
    String id = "lesion-" + Figure.slug(r.layer()) + "-patches";
    String title = "Top-9 patches of the most important channels of " + r.layer();
    if (rf == null) {
      return Figure.tablesOnly(id, title, "No patches.", params(spec, r.layer(), n).map(), List.of(), "The receptive "
          + "field of " + r.layer() + " is not known from the model's layers, so its patches are not drawn; the "
          + "top-patches figure measures it.");
    }
    Map<String, List<List<TopKScan.Hit>>> hits;
    try (Progress.Task task = ctx.progress().start("lesion: top-" + PATCHES + " patches of " + r.layer(), n)) {
      hits = TopKScan.scan(ctx.network(), ctx.manager(), test, n, List.of(r.layer()), PATCHES, batch, task);
    }
    List<String> names = ctx.data().classNames();
    List<PatchBlocks.Block> blocks = new ArrayList<>();
    int shown = Math.min(spec.top(), r.channels());
    for (int i = 0; i < shown; i++) {
      int ch = r.order().get(i);
      List<BufferedImage> patches = new ArrayList<>();
      List<String> tips = new ArrayList<>();
      for (TopKScan.Hit h : hits.get(r.layer()).get(ch)) {
        patches.add(Patches.crop(test, h.image(), rf, h.y(), h.x()));
        tips.add(String.format(Locale.ROOT, "test image #%d · %s · activation %.3f at (%d, %d)", h.image(),
            names.get(test.label(h.image())), h.value(), h.y(), h.x()));
      }
      blocks.add(new PatchBlocks.Block(String.format(Locale.ROOT, "ch %d · drop %s pp", ch, pp(r.drop(ch))),
          patches, tips));
    }
    PatchBlocks d = new PatchBlocks(FigureStyle.figureTitle(title), blocks, 4, PATCHES);
    Map<String, String> params = params(spec, r.layer(), n).with("top", shown).map();
    String caption = String.format(Locale.ROOT, "The %d channels of %s whose ablation costs the most test accuracy, "
        + "most important first, each with the %d test images (of %d) whose maximum of that channel is highest, "
        + "cropped to its %d×%d-pixel receptive field (Zeiler & Fergus 2014); the label is the channel and the "
        + "accuracy its ablation costs, in percentage points. Hover a patch for its image, class and activation.",
        shown, r.layer(), PATCHES, n, rf.size(), rf.size());
    return new Figure(id, title, caption, params, d, List.of(), d.hotspots(), null);
  }
}
