package org.deepfig.analysis.patches;

import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deepfig.render.FigureStyle;
import org.deepfig.Progress;
import org.deepfig.UserError;
import org.deepfig.analysis.AnalysisKind;
import org.deepfig.analysis.Figure;
import org.deepfig.analysis.Parameters;
import org.deepfig.analysis.ImageSelection;
import org.deepfig.analysis.RunContext;
import org.deepfig.analysis.saliency.Projections;
import org.deepfig.data.ImageSet;
import org.deepfig.model.LayerGraph;
import org.deepfig.model.LayerKind;
import org.deepfig.model.LayerNode;
import org.deepfig.probe.Probe;

/** Zeiler & Fergus (2014) figure 2 for any model deepfig can run: what excites each channel, from the data. */
public final class TopPatches implements AnalysisKind<TopPatchesSpec> {
  @Override
  public String kind() {
    return "top-patches";
  }

  @Override
  public Class<TopPatchesSpec> specType() {
    return TopPatchesSpec.class;
  }

  @Override
  public void check(TopPatchesSpec spec, org.deepfig.analysis.References refs) {
    var graph = refs.graph();
    refs.layers("layers", spec.layers(), l -> graph.contains(l) && graph.layer(l).isSpatial(),
        "'%s' is not a spatial layer of this model", refs.spatialNames());
    refs.images(spec.images(), false);
    if (spec.top() != null || !spec.channels().isList()) return;
    // listed channels must exist in every scanned layer
    List<String> layers = spec.layers() != null ? spec.layers()
        : refs.convNames();
    int most = spec.channels().indices().stream().mapToInt(Integer::intValue).max().orElse(0);
    for (String l : layers) {
      if (!graph.contains(l)) continue;
      int c = graph.layer(l).channels();
      if (most >= c) {
        throw refs.mistake("channel " + most + " does not exist: " + l + " has " + c + " channels (0–" + (c - 1)
            + ")", "list channels between 0 and " + (c - 1) + ", or name layers that have them", "channels",
            spec.channels().indices().indexOf(most));
      }
    }
  }

  @Override
  public boolean takesGradients(TopPatchesSpec spec, org.deepfig.analysis.References refs) {
    if (spec.projections() && !refs.imported()) return true; // guided-backprop projections (zoo models only)
    var graph = refs.graph();
    List<String> layers = spec.layers() != null ? spec.layers()
        : refs.convNames();
    var fields = ReceptiveField.analytic(graph);
    return layers.stream().anyMatch(l -> !fields.containsKey(l)); // a receptive field measured by gradients
  }

  @Override
  public String description() {
    return "top-k dataset patches per channel, cropped to the receptive field, with hover details";
  }

  @Override
  public String needsImages(TopPatchesSpec spec) {
    return "it crops image patches";
  }

  @Override
  public org.deepfig.analysis.Cost cost(TopPatchesSpec spec, org.deepfig.data.Dataset data,
      org.deepfig.model.Network network) {
    int size = spec.split() == TopPatchesSpec.Split.TRAIN ? data.train().size() : data.test().size();
    int n = spec.maxImages() > 0 ? Math.min(spec.maxImages(), size) : size;
    org.deepfig.analysis.Cost scan = org.deepfig.analysis.Cost.forward(n, "the scan of " + n + " images",
        n > 1 ? "max_images: " + Math.max(1, n / 4) : null);
    if (!spec.projections() || !org.deepfig.analysis.saliency.Projections.supported(network)) return scan;
    int layers = spec.layers() != null ? spec.layers().size()
        : network.graph().ofKind(org.deepfig.model.LayerKind.CONV).size();
    // channels per layer projected: the count asked for (top: or channels:), at most a page of 64
    int perLayer = spec.top() != null ? spec.top() : spec.channels() == null ? 64
        : spec.channels().isList() ? spec.channels().indices().size() : spec.channels().count();
    return scan.plus(org.deepfig.analysis.Cost.gradient((double) layers * Math.min(64, perLayer) * spec.k(),
        "the guided-backprop projections", "projections: false"));
  }

  @Override
  public List<Figure> run(TopPatchesSpec spec, RunContext ctx) {
    LayerGraph g = ctx.network().graph();
    List<String> layers = spec.layers() != null ? spec.layers()
        : g.ofKind(LayerKind.CONV).stream().filter(n -> n.group() == null || !n.name().contains("proj"))
            .map(LayerNode::name).toList();
    if (layers.isEmpty()) {
      return List.of(Figure.tablesOnly("top-patches", "Top activating patches", "No convolution layers.",
          Parameters.of(spec).map(),
          List.of(), ctx.network().visibilityNote() != null ? ctx.network().visibilityNote()
              : "This model has no convolution layer to scan; name spatial layers with the layers option."));
    }
    Map<String, ReceptiveField> fields = ReceptiveField.analytic(g);
    Map<String, String> fieldMethod = new HashMap<>();
    for (String l : layers) {
      if (!g.contains(l) || !g.layer(l).isSpatial()) {
        throw new UserError("figures: top-patches.layers", "'" + l + "' is not a spatial layer of this model",
            "use one of: " + String.join(", ", ReceptiveField.spatialLayers(g)));
      }
      fieldMethod.put(l, "derived from the layers' kernels, strides and padding");
      if (!fields.containsKey(l)) { // geometry unknown (e.g. an imported model's custom module): measure it
        Shape out = g.layer(l).outputShape();
        ImageSet probeSet = ctx.data().test();
        fields.put(l, GradientSupport.field(new Probe(ctx.network(), ctx.manager()),
            new Shape(probeSet.channels(), probeSet.height(), probeSet.width()), l, (int) out.get(1),
            (int) out.get(2), ctx.seed("receptive-field", 0)));
        fieldMethod.put(l, "measured as the support of the unit's input gradient (the layer's geometry is unknown)");
      }
    }
    ImageSelection selection = spec.images() == null ? null
        : ImageSelection.resolve("top-patches.images", spec.images(), ctx);
    ImageSet set = selection != null ? selection : spec.split() == TopPatchesSpec.Split.TRAIN ? ctx.data().train()
        : ctx.data().test();
    int n = spec.maxImages() == 0 ? set.size() : Math.min(spec.maxImages(), set.size());
    if (n == 0) {
      return List.of(Figure.tablesOnly("top-patches", "Top activating patches", "No images to scan.",
          Parameters.of(spec).with("layers", layers).map(),
          List.of(), selection != null && selection.note() != null ? selection.note() : "No images to scan."));
    }
    Map<String, List<List<TopKScan.Hit>>> hits;
    Map<String, double[]> means = new HashMap<>();
    try (Progress.Task task = ctx.progress().start("top-" + spec.k() + " scan of " + String.join(", ", layers), n)) {
      hits = TopKScan.scan(ctx.network(), ctx.manager(), set, n, layers, spec.k(),
          org.deepfig.probe.BatchBudget.images(ctx.network(), true, false, spec.batchSize()), task, means);
    }
    List<String> names = ctx.data().classNames();
    boolean project = spec.projections() && Projections.supported(ctx.network());
    String projectionNote = spec.projections() && !project ? "Guided-backprop projections are not drawn: they "
        + "replace the backward pass of each ReLU, which needs the model's layers as separate blocks (a TorchScript "
        + "graph runs as one); a zoo model trained by deepfig has them." : null;
    String note = join(projectionNote, selection == null ? null : selection.note());
    String pool = selection != null ? n + " chosen images" : n + " " + spec.split() + " images";
    float[] std = ctx.config().data().stdFloats();
    List<Figure> out = new ArrayList<>();
    for (String layer : layers) {
      ReceptiveField rf = fields.get(layer);
      List<List<TopKScan.Hit>> perChannel = hits.get(layer);
      List<Integer> chosen = chooseChannels(spec, perChannel, means.get(layer), layer);
      List<List<Integer>> pages = pages(chosen);
      for (int page = 0; page < pages.size(); page++) {
        List<PatchBlocks.Block> blocks = new ArrayList<>();
        for (int c : pages.get(page)) {
          List<BufferedImage> patches = new ArrayList<>();
          List<String> tips = new ArrayList<>();
          for (TopKScan.Hit h : perChannel.get(c)) {
            patches.add(Patches.crop(set, h.image(), rf, h.y(), h.x()));
            String image = selection != null ? selection.item(h.image()).name() + " · "
                + selection.trueName(h.image(), names) : spec.split() + " image #" + h.image() + " · "
                + names.get(set.label(h.image()));
            tips.add(String.format(Locale.ROOT, "%s · activation %.3f at (%d, %d)", image, h.value(), h.y(), h.x()));
          }
          List<BufferedImage> projections = project ? projections(ctx, set, std, layer, c, perChannel.get(c), rf)
              : null;
          blocks.add(new PatchBlocks.Block(String.format(Locale.ROOT, "ch %d · %.2f", c, top(perChannel.get(c))),
              patches, tips, projections));
        }
        String pageText = pages.size() == 1 ? "" : " (page " + (page + 1) + " of " + pages.size() + ")";
        PatchBlocks d = new PatchBlocks(FigureStyle.figureTitle(layer + ": top " + spec.k() + " of " + pool
            + pageText), blocks, 6, spec.k());
        Parameters params = Parameters.of(spec).with("layers", layers).with("layer", layer)
            .with("split", selection != null ? "chosen images" : spec.split()).with("max_images", n)
            .with("page", pages.size() > 1 ? (page + 1) + " of " + pages.size() : null)
            .with("receptive_field", rf.size() + "×" + rf.size() + " px, jump " + rf.jump() + ", "
                + fieldMethod.get(layer));
        String caption = String.format(Locale.ROOT, "%s, the %d %s whose spatial maximum of that channel is "
            + "largest, cropped to the unit's %d×%d-pixel receptive field (jump %d) around the maximum; hatched grey "
            + "is outside the image. Label: channel and its top activation. Hover a patch for its image, class and "
            + "activation (Zeiler & Fergus 2014).%s%s", which(spec, blocks.size(), chosen.size(), layer,
            perChannel.size(), page, pages.size()), spec.k(), selection != null ? "chosen images" : spec.split()
            + " images", rf.size(), rf.size(), rf.jump(), project ? " Left of each block: the guided-backprop "
            + "projection of each patch's unit to the pixels (grey = 0, contrast-normalised per patch), the part of "
            + "the patch the unit responds to." : "", capped(spec, chosen.size(), perChannel.size()));
        params.with("projections", project);
        String id = "top-patches-" + Figure.slug(layer) + (page == 0 ? "" : "-p" + (page + 1));
        out.add(new Figure(id, "Top activating patches of " + layer + pageText, caption, params.map(), d,
            List.of(), d.hotspots(), note));
      }
    }
    return out;
  }

  /** The channels shown, in order: listed ones as listed; top N by mean activation; else by top activation. */
  static List<Integer> chooseChannels(TopPatchesSpec spec, List<List<TopKScan.Hit>> perChannel, double[] mean,
      String layer) {
    int c = perChannel.size();
    if (spec.top() == null && spec.channels().isList()) {
      for (int i : spec.channels().indices()) {
        if (i >= c) {
          throw new UserError("figures: top-patches.channels", "channel " + i + " does not exist: " + layer + " has "
              + c + " channels (0–" + (c - 1) + ")", "list channels between 0 and " + (c - 1));
        }
      }
      return spec.channels().indices();
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < c; i++) order.add(i);
    if (spec.top() != null) {
      order.sort(Comparator.comparingDouble((Integer i) -> -mean[i]).thenComparing(i -> i));
      return order.subList(0, Math.min(spec.top(), c));
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -top(perChannel.get(i))).thenComparing(i -> i));
    return order.subList(0, Math.min(spec.channels().count(), c));
  }

  /** The chosen channels in figures of at most {@link TopPatchesSpec#PAGE}. */
  static List<List<Integer>> pages(List<Integer> chosen) {
    List<List<Integer>> pages = new ArrayList<>();
    for (int from = 0; from < chosen.size(); from += TopPatchesSpec.PAGE) {
      pages.add(chosen.subList(from, Math.min(chosen.size(), from + TopPatchesSpec.PAGE)));
    }
    return pages;
  }

  /** The caption's first words: which channels this page shows. */
  private static String which(TopPatchesSpec spec, int shown, int chosen, String layer, int total, int page,
      int pages) {
    String pageText = pages == 1 ? "" : String.format(Locale.ROOT, " (page %d of %d: %d of the %d chosen)", page + 1,
        pages, shown, chosen);
    if (spec.top() != null) {
      return String.format(Locale.ROOT, "For each of the %d channels of %s with the highest mean activation over the "
          + "scanned images (of %d)%s", chosen, layer, total, pageText);
    }
    if (spec.channels().isList()) {
      return String.format(Locale.ROOT, "For each of the %d listed channels of %s (of %d)%s", chosen, layer, total,
          pageText);
    }
    return String.format(Locale.ROOT, "For each of the %d channels of %s with the highest activations (of %d)%s",
        chosen, layer, total, pageText);
  }

  /** A sentence when the default count left channels out, saying so and how to see others. */
  private static String capped(TopPatchesSpec spec, int chosen, int total) {
    if (spec.top() != null || spec.channels().isList() || chosen >= total) return "";
    return String.format(Locale.ROOT, " %d of the layer's %d channels are shown; channels: N shows more (%d per "
        + "figure), channels: [i, j, …] picks channels by index, top: N by mean activation.", chosen, total,
        TopPatchesSpec.PAGE);
  }

  private static String join(String a, String b) {
    if (a == null) return b;
    return b == null ? a : a + " " + b;
  }

  /** The guided-backprop projections of one channel's hits, cropped like their patches; one batched walk. */
  private static List<BufferedImage> projections(RunContext ctx, ImageSet set, float[] std, String layer, int channel,
      List<TopKScan.Hit> hits, ReceptiveField rf) {
    int n = hits.size();
    int len = set.imageLength();
    int[] index = new int[n];
    int[] ch = new int[n];
    int[] ys = new int[n];
    int[] xs = new int[n];
    for (int i = 0; i < n; i++) {
      TopKScan.Hit h = hits.get(i);
      index[i] = h.image();
      ch[i] = channel;
      ys[i] = h.y();
      xs[i] = h.x();
    }
    float[] images = set.gather(index);
    float[] grads = Projections.guided(ctx.network(), ctx.manager(), images,
        new Shape(n, set.channels(), set.height(), set.width()), std, layer, ch, ys, xs);
    List<BufferedImage> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Patches.projection(java.util.Arrays.copyOfRange(grads, i * len, (i + 1) * len), set.channels(),
          set.height(), set.width(), rf, ys[i], xs[i]));
    }
    return out;
  }

  private static double top(List<TopKScan.Hit> hits) {
    return hits.isEmpty() ? Double.NEGATIVE_INFINITY : hits.get(0).value();
  }
}
