package org.deepfig.analysis.transfer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.deepfig.UserError;
import org.deepfig.analysis.AnalysisKind;
import org.deepfig.analysis.AnalysisKinds;
import org.deepfig.analysis.Cost;
import org.deepfig.analysis.Figure;
import org.deepfig.analysis.Parameters;
import org.deepfig.analysis.RunContext;
import org.deepfig.analysis.Table;
import org.deepfig.config.ConfigLoader;
import org.deepfig.config.TrainConfig;
import org.deepfig.data.Dataset;
import org.deepfig.model.Network;
import org.deepfig.provenance.StageCache;
import org.deepfig.render.Charts;

/**
 * Yosinski et al. (2014), "How transferable are features in deep neural networks?": how general the features of
 * the first n blocks are, measured by retraining. See {@link TransferSpec}.
 */
public final class Transfer implements AnalysisKind<TransferSpec> {
  /** The four networks trained at each cut, in the paper's names: source half, frozen (no +) or fine-tuned (+). */
  enum Variant {
    BNB("BnB", 'B', true),
    BNB_PLUS("BnB+", 'B', false),
    ANB("AnB", 'A', true),
    ANB_PLUS("AnB+", 'A', false);

    final String label;
    final char source;
    final boolean freeze;

    Variant(String label, char source, boolean freeze) {
      this.label = label;
      this.source = source;
      this.freeze = freeze;
    }
  }

  /** The sentence shown instead of the figure on an imported model. */
  public static final String NEEDS_ZOO = "transfer needs a zoo model (model.arch): it retrains the network on halves of "
      + "the classes, which an imported TorchScript model cannot be.";

  /** Epochs assumed by the cost estimate when {@code epochs} follows train.epochs (which the estimate cannot see). */
  private static final int ASSUMED_EPOCHS = 3;

  private static volatile ConfigLoader hasher;

  @Override
  public String kind() {
    return "transfer";
  }

  @Override
  public Class<TransferSpec> specType() {
    return TransferSpec.class;
  }

  /** The classes of split exist and leave half B some; the cuts are blocks of the zoo model. */
  @Override
  public void check(TransferSpec spec, org.deepfig.analysis.References refs) {
    List<String> split = spec.split() == null ? List.of() : spec.split();
    refs.classNames("split", split);
    if (!split.isEmpty() && split.size() >= refs.classes().size()) {
      throw refs.mistake("split names every class, leaving half B empty", "name only the classes of half A",
          "split");
    }
    if (refs.imported() || spec.cuts() == null) return; // on an imported model the figure is a sentence saying why not
    int max = maxCut(refs.graph());
    for (int i = 0; i < spec.cuts().size(); i++) {
      if (spec.cuts().get(i) > max) {
        throw refs.mistake("cut " + spec.cuts().get(i) + " does not exist: this model has " + max
            + " blocks below its classifier", "use cuts between 1 and " + max, "cuts", i);
      }
    }
  }

  @Override
  public String warning(TransferSpec spec, boolean imported) {
    return imported ? NEEDS_ZOO + " Its entry shows this sentence instead." : null;
  }

  @Override
  public String description() {
    return "how transferable each block's features are: networks for half B of the classes built on the first n "
        + "blocks of base networks for A or B, frozen or fine-tuned (Yosinski et al. 2014); zoo models only";
  }

  @Override
  public Cost cost(TransferSpec spec, Dataset data, Network network) {
    if (network.imported()) return Cost.NONE;
    int cuts = cuts(spec, Blocks.of(network.graph())).size();
    int trainings = 2 + Variant.values().length * cuts * spec.repeats();
    int epochs = spec.epochs() != null ? spec.epochs() : ASSUMED_EPOCHS;
    double images = data.train().size() / 2.0;
    return Cost.gradient(trainings * epochs * images, String.format(Locale.ROOT,
        "transfer: %d trainings × %d epochs × %.0f images", trainings, epochs, images),
        "cuts: [1, 2] or epochs: 2");
  }

  @Override
  public List<Figure> run(TransferSpec spec, RunContext ctx) {
    if (ctx.network().imported() || ctx.config().model().file() != null) {
      return List.of(Figure.tablesOnly("transfer", "Transferability of features",
          "No transfer figure: this model was loaded, not built by deepfig.", Parameters.of(spec).map(), List.of(),
          NEEDS_ZOO));
    }
    Blocks blocks = Blocks.of(ctx.network().graph());
    List<Integer> cuts = cuts(spec, blocks);
    List<String> classes = ctx.data().classNames();
    ClassSplit split = ClassSplit.of(classes, spec.split(), ctx.seed("transfer-split", 0));
    Dataset a = ClassSplit.subset(ctx.data(), split.a(), "A");
    Dataset b = ClassSplit.subset(ctx.data(), split.b(), "B");
    TrainConfig t = ctx.config().train();
    int epochs = spec.epochs() != null ? spec.epochs() : t.epochs();
    TrainConfig train = new TrainConfig(epochs, t.batchSize(), t.optimizer(), t.learningRate(), t.momentum(),
        t.weightDecay());
    Path scratch = null;
    StageCache cache = ctx.cache();
    try {
      if (cache == null) {
        scratch = Files.createTempDirectory("deepfig-transfer-");
        cache = new StageCache(scratch, false);
      }
      TransferStage stage = new TransferStage(cache, loader()::sha256, ctx.progress(), ctx.device(), ctx.config(),
          train);
      Results results = new Results();
      try (TransferStage.Live baseA = stage.base("A", a, ctx.seed("transfer-base", 0));
          TransferStage.Live baseB = stage.base("B", b, ctx.seed("transfer-base", 1))) {
        results.baseA = baseA.accuracy();
        results.baseB = baseB.accuracy();
        for (int n : cuts) {
          List<String> layers = blocks.layersUpTo(n);
          for (Variant v : Variant.values()) {
            for (int r = 1; r <= spec.repeats(); r++) {
              // the layers above the cut start alike in all four variants of a run: they differ only in what is
              // copied and whether it is frozen
              long seed = ctx.seed("transfer-run", 1000L * n + r);
              TransferStage.Outcome o = stage.transfer(v.label, n, r, spec.repeats(), v.source == 'A' ? baseA : baseB,
                  layers, v.freeze, b, seed);
              results.add(v, n, o.accuracy());
            }
          }
        }
      }
      return List.of(figure(spec, ctx, blocks, cuts, split, epochs, results));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (scratch != null) {
        try {
          org.deepfig.provenance.AtomicFiles.deleteTree(scratch);
        } catch (IOException e) {
          // a temporary folder: the system cleans it up eventually
        }
      }
    }
  }

  /** The cuts to train: the configured ones (each checked against the model's blocks) or all of them. */
  static List<Integer> cuts(TransferSpec spec, Blocks blocks) {
    int max = blocks.maxCut();
    if (max < 1) {
      throw new UserError("transfer", "this model has " + blocks.blocks().size() + " block, so there is no layer to "
          + "transfer below the classifier", "use a model with at least two blocks (mlp, lenet5, vgg, resnet)");
    }
    if (spec.cuts() == null) {
      List<Integer> all = new ArrayList<>();
      for (int n = 1; n <= max; n++) all.add(n);
      return all;
    }
    for (int n : spec.cuts()) {
      if (n > max) {
        throw new UserError("transfer: cuts", "cut " + n + " does not exist: this model has " + max + " blocks "
            + "below its classifier", "use cuts between 1 and " + max);
      }
    }
    return List.copyOf(new TreeSet<>(spec.cuts()));
  }

  /** The largest cut of a zoo model's graph: its blocks below the classifier. */
  public static int maxCut(org.deepfig.model.LayerGraph graph) {
    return Blocks.of(graph).maxCut();
  }

  private static ConfigLoader loader() {
    if (hasher == null) hasher = new ConfigLoader(AnalysisKinds.specTypes());
    return hasher;
  }

  /** Test accuracies on B by variant and cut, one per run, in run order. */
  static final class Results {
    double baseA;
    double baseB;
    final Map<Variant, Map<Integer, List<Double>>> runs = new LinkedHashMap<>();

    void add(Variant v, int n, double accuracy) {
      runs.computeIfAbsent(v, k -> new LinkedHashMap<>()).computeIfAbsent(n, k -> new ArrayList<>()).add(accuracy);
    }

    static double mean(List<Double> values) {
      return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
  }

  private static Figure figure(TransferSpec spec, RunContext ctx, Blocks blocks, List<Integer> cuts,
      ClassSplit split, int epochs, Results res) {
    List<String> classes = ctx.data().classNames();
    int max = blocks.maxCut();
    List<String> steps = new ArrayList<>();
    steps.add("0 base");
    for (int n = 1; n <= max; n++) steps.add(n + " " + blocks.blocks().get(n - 1).label());
    List<Charts.Series> series = new ArrayList<>();
    // the references first, so the transfers are drawn over them
    series.add(series(pct("base B", res.baseB), List.of(new double[] {0, res.baseB}, new double[] {max, res.baseB})));
    series.add(series(pct("base A (on A)", res.baseA),
        List.of(new double[] {0, res.baseA}, new double[] {max, res.baseA})));
    for (Variant v : Variant.values()) {
      Map<Integer, List<Double>> byCut = res.runs.getOrDefault(v, Map.of());
      List<double[]> pts = new ArrayList<>();
      for (int n : cuts) pts.add(new double[] {n, Results.mean(byCut.getOrDefault(n, List.of()))});
      if (spec.repeats() > 1) {
        // each run as a dot of its own: a gap (no value) before it keeps it off the line of means
        for (int n : cuts) {
          for (double acc : byCut.getOrDefault(n, List.of())) {
            pts.add(new double[] {n, Double.NaN});
            pts.add(new double[] {n, acc});
          }
        }
      }
      series.add(series(v.label, pts));
    }
    var chart = Charts.line(new Charts.Frame("Transfer A → B", "n: blocks copied (the cut is after the named one)",
        "test accuracy on B", 420, 260), series, steps);
    String halfA = String.join(", ", ClassSplit.names(classes, split.a()));
    String halfB = String.join(", ", ClassSplit.names(classes, split.b()));
    String caption = String.format(Locale.ROOT, "Yosinski et al. (2014) on %s: the classes split into A (%s) and "
        + "B (%s)%s. Base networks trained on each half for %d epochs reach %.1f%% on A's test images and %.1f%% on "
        + "B's (base A, tested on A, shows how well A was learned). At each cut n a network for B takes its first n "
        + "blocks from base B (BnB) or base A (AnB), frozen, or fine-tuned with the rest (+); the blocks above are "
        + "initialised afresh (alike in all four) and trained on B. BnB below base B "
        + "means the layers at the cut were co-adapted and the upper ones cannot relearn it; AnB below BnB means "
        + "the first n blocks are specific to A's classes. %s", ctx.data().name(), halfA, halfB,
        spec.split() == null ? " at random (seeded)" : " as configured", epochs, 100 * res.baseA, 100 * res.baseB,
        spec.repeats() > 1 ? "Each dot is one run, each line the mean of " + spec.repeats() + " runs."
            : "One run per point (repeats: 1).");
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("base A", "–", "–", pct(res.baseA) + " (on A)", pct(res.baseA) + " (on A)"));
    rows.add(List.of("base B", "0", "–", pct(res.baseB), pct(res.baseB)));
    for (int n : cuts) {
      for (Variant v : Variant.values()) {
        List<Double> accs = res.runs.getOrDefault(v, Map.of()).getOrDefault(n, List.of());
        rows.add(List.of(v.label, Integer.toString(n), blocks.blocks().get(n - 1).label(),
            String.join(", ", accs.stream().map(Transfer::pct).toList()), pct(Results.mean(accs))));
      }
    }
    Table table = new Table("Test accuracy on B", List.of("Network", "n", "Copied up to", "Each run", "Mean"),
        rows);
    // split_a states the split option's half A, given or drawn
    Map<String, String> params = Parameters.of(spec).without("split").with("split_a", halfA).with("split_b", halfB)
        .with("epochs", epochs).with("cuts", cuts).map();
    return new Figure("transfer", "Transferability of features", caption, params, chart, List.of(table), List.of(),
        null);
  }

  private static Charts.Series series(String name, List<double[]> pts) {
    double[] x = new double[pts.size()];
    double[] y = new double[pts.size()];
    for (int i = 0; i < pts.size(); i++) {
      x[i] = pts.get(i)[0];
      y[i] = pts.get(i)[1];
    }
    return new Charts.Series(name, x, y);
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }

  private static String pct(String label, double v) {
    return label + " " + pct(v);
  }
}
