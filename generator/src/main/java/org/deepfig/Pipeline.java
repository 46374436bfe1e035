package org.deepfig;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.deepfig.analysis.Cost;
import org.deepfig.analysis.RenderedFigure;
import org.deepfig.analysis.Timing;
import org.deepfig.analysis.RunContext;
import org.deepfig.config.ConfigLoader;
import org.deepfig.config.ExperimentConfig;
import org.deepfig.config.FigureSpec;
import org.deepfig.data.Dataset;
import org.deepfig.data.Datasets;
import org.deepfig.model.Devices;
import org.deepfig.probe.ConvKernels;
import org.deepfig.provenance.FigureInputs;
import org.deepfig.provenance.Hashes;
import org.deepfig.provenance.RunManifest;
import org.deepfig.provenance.RunManifest.FileRecord;
import org.deepfig.provenance.RunProvenance;
import org.deepfig.provenance.StageCache;
import org.deepfig.provenance.Versions;
import org.deepfig.report.FigureView;
import org.deepfig.report.ReportViews;
import org.deepfig.report.ReportWriter;
import org.deepfig.report.Templates;
import org.deepfig.train.Evaluation;
import org.deepfig.train.ModelStage;
import org.deepfig.train.TrainedNetwork;

/**
 * One experiment from config to report, read top to bottom: data, model, evaluation, analyses, figures, report,
 * manifest. Everything is written into a staging folder beside the output and moved into place at the end, so a
 * failed run leaves the previous report untouched.
 */
public final class Pipeline {
  private final ConfigLoader loader;
  private final StageCache cache;
  private final Progress progress;
  private final ReportWriter.Options reportOptions;
  private Double maxMinutes;
  private TimingSource timingSource = Timing::measure;

  /** How the run's {@link Timing} is taken: measured on the model, or given (tests). */
  @FunctionalInterface
  public interface TimingSource {
    Timing measure(org.deepfig.model.Network network, NDManager manager, org.deepfig.data.ImageSet images);
  }

  /**
   * Refuse (exit code 2, before evaluation and figures) a run estimated to take longer than {@code minutes}; null
   * for no limit. {@code timing} replaces the measured one (tests).
   */
  public Pipeline budget(Double minutes, TimingSource timing) {
    this.maxMinutes = minutes;
    if (timing != null) this.timingSource = timing;
    return this;
  }

  public Pipeline(ConfigLoader loader, StageCache cache, Progress progress) {
    this(loader, cache, progress, ReportWriter.Options.defaults());
  }

  public Pipeline(ConfigLoader loader, StageCache cache, Progress progress, ReportWriter.Options reportOptions) {
    this.loader = loader;
    this.cache = cache;
    this.progress = progress;
    this.reportOptions = reportOptions;
  }

  /** What a run produced. */
  public record Result(Path outDir, RunManifest manifest, boolean trainedFromCache, double testAccuracy) {}

  public Result run(Path configFile, ExperimentConfig config, Path outOverride) {
    Preflight.check(configFile, config, outOverride, cache.root());
    for (String w : Preflight.warnings(configFile, config)) progress.info("warning: " + w);
    Path configDir = configFile.toAbsolutePath().getParent();
    Path outDir = OutputFolder.resolve(configFile, config.output().dir(), outOverride);
    Templates templates = new Templates(templatesDir(config, configFile.toAbsolutePath().normalize().getParent()));
    StorageCheck storage = StorageCheck.beforeRun(configFile, outDir, outOverride, cache, progress);
    Device device = Devices.resolve(config.device());
    progress.info("device: " + device);
    java.util.Map<String, String> determinism = org.deepfig.model.GpuDeterminism.apply(device, System.getenv());
    String gpuWarning = org.deepfig.model.GpuDeterminism.warning(determinism);
    if (gpuWarning != null) progress.info(gpuWarning);
    if (Device.Type.CPU.equals(device.getDeviceType()) && ConvKernels.route() == ConvKernels.Route.NATIVE) {
      progress.info("note: oneDNN's convolution kernels give wrong input gradients on this CPU (README, Known "
          + "problems): gradients are taken with oneDNN off, everything else with it on");
    }
    Dataset data = loadData(config, configDir);
    if (config.runSeeds().size() > 1) {
      return runSeeds(configFile, config, outDir, templates, storage, device, determinism, data);
    }
    try (TrainedNetwork trained = new ModelStage(loader, cache, progress).prepare(config, configDir, data, device);
        NDManager manager = NDManager.newBaseManager(device, "PyTorch")) {
      estimate(config, configDir, data, trained, manager, device);
      Evaluation eval;
      try (Progress.Task t = progress.start("evaluating on the test set", data.test().size())) {
        eval = Evaluation.of(trained.network(), manager, data.test(), data.numClasses(),
            org.deepfig.probe.BatchBudget.images(trained.network(), false, false, 256), t);
      }
      progress.info(String.format(Locale.ROOT, "test accuracy: %.2f%%", 100 * eval.accuracy()));
      RunContext ctx = new RunContext(config, configDir, data, trained.network(), trained.untrained(),
          trained.history(), eval, device, manager, progress, cache, trained.snapshots());
      List<Produced> figures = analyse(config, ctx, trained);
      RunManifest manifest = storage.publishing(() -> OutputFolder.publish(outDir,
          staging -> writeReport(staging, templates, config, configFile.toAbsolutePath().normalize(), data,
              trained, eval, figures, device, determinism, null)));
      progress.info("report: " + outDir.resolve("index.html"));
      compare(configFile, config, outDir);
      return new Result(outDir, manifest, trained.fromCache(), eval.accuracy());
    }
  }

  private boolean comparing;

  /**
   * {@code configFile}'s own run, as {@link #run} makes it, without following its {@code compare:}: what {@code deepfig
   * diff} and a baseline need of a config (its comparison would be a second report nobody asked for).
   */
  public Result runWithoutCompare(Path configFile, ExperimentConfig config) {
    boolean was = comparing;
    comparing = true;
    try {
      return run(configFile, config, null);
    } finally {
      comparing = was;
    }
  }

  /**
   * {@code compare:}: the baseline (a report folder, or a config run here first, with the cache) against this run's
   * report, written as {@code deepfig diff} writes it into {@code <output>-compare}. A baseline's own compare: is not
   * followed.
   */
  private void compare(Path configFile, ExperimentConfig config, Path outDir) {
    if (config.compare() == null || comparing) return;
    Path base = configFile.toAbsolutePath().getParent().resolve(config.compare()).normalize();
    if (!Files.exists(base)) {
      throw new UserError(configFile + ": compare", "the baseline " + base + " does not exist",
          "name a config or a report folder, relative to the config");
    }
    comparing = true;
    try {
      progress.info("== baseline " + base);
      ReportDiff.Report a = ReportDiff.input(base, this, loader);
      Path out = outDir.resolveSibling(outDir.getFileName() + "-compare");
      ReportDiff.write(a, ReportDiff.Report.read(outDir), out, reportOptions);
      progress.info("comparison: " + out.resolve("index.html"));
    } finally {
      comparing = false;
    }
  }

  /**
   * A several-seed run ({@code seeds:} or {@code repeats:}): each seed is the one-seed run of {@code withSeed(seed)}
   * — its own data, training and figures, so the same cache entries — and the report combines them: kinds that
   * {@link org.deepfig.analysis.AnalysisKind#aggregates aggregate} are computed for every seed and combined, the
   * others (pictures) are the first seed's and say so.
   */
  private Result runSeeds(Path configFile, ExperimentConfig config, Path outDir, Templates templates,
      StorageCheck storage, Device device, java.util.Map<String, String> determinism, Dataset firstData) {
    List<Long> seeds = config.runSeeds();
    Path configDir = configFile.toAbsolutePath().getParent();
    FigureStage stage = new FigureStage(loader, cache, progress);
    int entries = config.figures().size();
    List<List<FigureStage.Result>> perEntry = new ArrayList<>();
    for (int e = 0; e < entries; e++) perEntry.add(new ArrayList<>());
    List<RunManifest.SeedRecord> records = new ArrayList<>();
    List<String> checkpoints = new ArrayList<>();
    TrainedNetwork first = null;
    Evaluation firstEval = null;
    RunContext firstCtx = null;
    NDManager firstManager = null;
    try {
      for (int i = 0; i < seeds.size(); i++) {
        ExperimentConfig c = config.withSeed(seeds.get(i));
        progress.info("== seed " + seeds.get(i) + " (" + (i + 1) + " of " + seeds.size() + ")");
        Dataset data = i == 0 ? firstData : loadData(c, configDir);
        TrainedNetwork trained = new ModelStage(loader, cache, progress).prepare(c, configDir, data, device);
        NDManager manager = NDManager.newBaseManager(device, "PyTorch");
        try {
          if (i == 0) estimate(c, configDir, data, trained, manager, device);
          Evaluation eval;
          try (Progress.Task t = progress.start("evaluating on the test set", data.test().size())) {
            eval = Evaluation.of(trained.network(), manager, data.test(), data.numClasses(),
                org.deepfig.probe.BatchBudget.images(trained.network(), false, false, 256), t);
          }
          progress.info(String.format(Locale.ROOT, "seed %d: test accuracy %.2f%%", seeds.get(i),
              100 * eval.accuracy()));
          RunContext ctx = new RunContext(c, configDir, data, trained.network(), trained.untrained(),
              trained.history(), eval, device, manager, progress);
          for (int e = 0; e < entries; e++) {
            FigureSpec spec = c.figures().get(e);
            if (i == 0 || org.deepfig.analysis.AnalysisKinds.forSpec(spec).aggregates()) {
              perEntry.get(e).add(stage.run(spec, c, trained.checkpointSha256(), ctx));
            }
          }
          records.add(new RunManifest.SeedRecord(seeds.get(i), new RunManifest.CheckpointRecord(trained.cacheKey(),
              trained.checkpointSha256()), eval.accuracy()));
          checkpoints.add(trained.checkpointSha256());
          if (i == 0) {
            first = trained;
            firstEval = eval;
            firstCtx = ctx;
            firstManager = manager;
          }
        } finally {
          if (i > 0) {
            manager.close();
            trained.close();
          }
        }
      }
      List<Produced> figures = combine(config, seeds, perEntry, stage, loader.sha256(checkpoints), firstCtx);
      ExperimentConfig firstConfig = config;
      TrainedNetwork trained = first;
      Evaluation eval = firstEval;
      RunManifest manifest = storage.publishing(() -> OutputFolder.publish(outDir,
          staging -> writeReport(staging, templates, firstConfig, configFile.toAbsolutePath().normalize(),
              firstData, trained, eval, figures, device, determinism, records)));
      progress.info("report: " + outDir.resolve("index.html"));
      compare(configFile, config, outDir);
      return new Result(outDir, manifest, trained.fromCache(), manifest.testAccuracy());
    } finally {
      if (firstManager != null) firstManager.close();
      if (first != null) first.close();
    }
  }

  /** The report's figures of a several-seed run: each aggregating entry's figures combined, the others the first's. */
  private List<Produced> combine(ExperimentConfig config, List<Long> seeds,
      List<List<FigureStage.Result>> perEntry, FigureStage stage, String checkpointsSha, RunContext firstCtx) {
    List<Produced> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int e = 0; e < perEntry.size(); e++) {
      FigureSpec spec = config.figures().get(e);
      var kind = org.deepfig.analysis.AnalysisKinds.forSpec(spec);
      List<FigureStage.Result> runs = perEntry.get(e);
      FigureStage.Result firstRun = runs.get(0);
      List<RenderedFigure> shown = new ArrayList<>();
      List<FigureStage.Result> from = new ArrayList<>();
      if (runs.size() == seeds.size() && seeds.size() > 1) {
        List<org.deepfig.analysis.SeedFigures> groups = new ArrayList<>();
        for (RenderedFigure f : firstRun.figures()) {
          List<RenderedFigure> same = new ArrayList<>();
          for (FigureStage.Result r : runs) {
            r.figures().stream().filter(o -> o.id().equals(f.id())).findFirst().ifPresent(same::add);
          }
          groups.add(same.size() == seeds.size() ? new org.deepfig.analysis.SeedFigures(f.id(), seeds, same) : null);
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        FigureStage.Result agg = stage.renderAggregate(spec, config, checkpointsSha, firstCtx, () -> {
          List<org.deepfig.analysis.Figure> fs = new ArrayList<>();
          for (var g : groups) if (g != null) fs.add(((org.deepfig.analysis.AnalysisKind) kind).aggregate(spec, g));
          return fs;
        });
        int k = 0;
        for (int j = 0; j < firstRun.figures().size(); j++) {
          RenderedFigure f = firstRun.figures().get(j);
          if (groups.get(j) == null) {
            shown.add(firstSeedOnly(f, seeds));
            from.add(firstRun);
            continue;
          }
          RenderedFigure a = agg.figures().get(k++);
          if (a.files().isEmpty() && !f.files().isEmpty()) {
            // no drawing of its own: the first seed's picture with the combined numbers
            shown.add(new RenderedFigure(a.kind(), a.id(), a.title(), a.caption(), a.parameters(), a.tables(),
                f.hotspots(), a.note(), f.width(), f.height(), f.files(), f.thumbnails()));
            from.add(firstRun);
          } else {
            shown.add(a);
            from.add(agg);
          }
        }
      } else {
        for (RenderedFigure f : firstRun.figures()) {
          shown.add(firstSeedOnly(f, seeds));
          from.add(firstRun);
        }
      }
      for (int j = 0; j < shown.size(); j++) {
        RenderedFigure f = shown.get(j);
        String id = f.id();
        for (int n = 2; !ids.add(id); n++) id = f.id() + "-" + n;
        out.add(new Produced(f.withId(id), from.get(j).dir(), f.id(), from.get(j).inputs()));
      }
    }
    return out;
  }

  /** A picture kind's figure in a several-seed run: the first seed's, saying so. */
  private static RenderedFigure firstSeedOnly(RenderedFigure f, List<Long> seeds) {
    String sentence = "Shown for the first seed (" + seeds.get(0) + ") of the " + seeds.size() + " seeds ("
        + String.join(", ", seeds.stream().map(String::valueOf).toList()) + ").";
    return new RenderedFigure(f.kind(), f.id(), f.title(), f.caption() + " " + sentence, f.parameters(), f.tables(),
        f.hotspots(), f.note(), f.width(), f.height(), f.files(), f.thumbnails());
  }

  /**
   * The cost of what is left to compute (evaluation, figures not in the cache), before any of it runs: a line per
   * slow stage, and the refusal of {@code --max-minutes}. The timing is measured only when something is left.
   */
  private void estimate(ExperimentConfig config, Path configDir, Dataset data, TrainedNetwork trained,
      NDManager manager, Device device) {
    FigureStage stage = new FigureStage(loader, cache, progress);
    List<CostCheck.Stage> stages = new ArrayList<>();
    int test = data.test().size();
    stages.add(new CostCheck.Stage("the test-set evaluation", Cost.forward(test, test + " test images",
        test > 1 ? "data.test_size: " + Math.max(1, test / 4) : null)));
    for (int i = 0; i < config.figures().size(); i++) {
      FigureSpec spec = config.figures().get(i);
      var kind = org.deepfig.analysis.AnalysisKinds.forSpec(spec);
      if (stage.cached(spec, config, trained.checkpointSha256(), device, configDir)) continue;
      stages.add(new CostCheck.Stage("figure " + kind.kind() + " (figures[" + i + "])",
          kind.cost(spec, data, trained.network())));
    }
    long start = System.nanoTime();
    Timing timing = timingSource.measure(trained.network(), manager, data.test());
    CostCheck.check(stages, timing, maxMinutes, progress);
    progress.info(String.format(Locale.ROOT, "timing: %.3g s per image forward, %.3g s with its gradient "
        + "(measured in %.1f s)", timing.forwardSeconds(), timing.gradientSeconds(), (System.nanoTime() - start) / 1e9));
  }

  private Dataset loadData(ExperimentConfig config, Path configDir) {
    long start = System.nanoTime();
    Dataset data = Datasets.load(config.data(), configDir, config.seed());
    if (data.train().vectors()) {
      progress.info(String.format(Locale.ROOT, "data: %s, %d train / %d test points of %d features (%.1f s)",
          data.name(), data.train().size(), data.test().size(), data.train().channels(),
          (System.nanoTime() - start) / 1e9));
      return data;
    }
    progress.info(String.format(Locale.ROOT, "data: %s, %d train / %d test images of %d×%d×%d (%.1f s)",
        data.name(), data.train().size(), data.test().size(), data.train().channels(), data.train().height(),
        data.train().width(), (System.nanoTime() - start) / 1e9));
    return data;
  }

  /** A rendered figure, the folder (a figure-stage cache entry) holding its files and the inputs it was made from. */
  private record Produced(RenderedFigure figure, Path dir, String originalId, FigureInputs inputs) {}

  private List<Produced> analyse(ExperimentConfig config, RunContext ctx, TrainedNetwork trained) {
    FigureStage stage = new FigureStage(loader, cache, progress);
    List<Produced> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (FigureSpec spec : config.figures()) {
      FigureStage.Result r = stage.run(spec, config, trained.checkpointSha256(), ctx);
      for (RenderedFigure f : r.figures()) {
        String id = f.id();
        for (int n = 2; !ids.add(id); n++) id = f.id() + "-" + n;
        out.add(new Produced(f.withId(id), r.dir(), f.id(), r.inputs()));
      }
    }
    return out;
  }

  private RunManifest writeReport(Path dir, Templates templates, ExperimentConfig config, Path configFile,
      Dataset data, TrainedNetwork trained, Evaluation eval, List<Produced> figures, Device device,
      java.util.Map<String, String> determinism, List<RunManifest.SeedRecord> seeds) throws IOException {
    Path figDir = Files.createDirectories(dir.resolve("figures"));
    List<FigureView> views = new ArrayList<>();
    List<RunManifest.FigureRecord> figureRecords = new ArrayList<>();
    for (Produced p : figures) {
      RenderedFigure f = p.figure();
      List<FileRecord> recs = new ArrayList<>();
      for (RenderedFigure.File file : f.files()) {
        String name = f.id() + file.name().substring(p.originalId().length());
        Files.copy(p.dir().resolve(file.name()), figDir.resolve(name));
        recs.add(new FileRecord("figures/" + name, file.sha256()));
      }
      views.add(ReportViews.figure(f, recs));
      figureRecords.add(p.inputs().manifestRecord(f.id(), f.title(), f.parameters(), recs, f.tables()));
    }
    Object configTree = loader.canonicalMapper().valueToTree(config);
    RunProvenance provenance = new RunProvenance(loader.sha256(config), trained.checkpointSha256(),
        Versions.gitCommit(Path.of("")), device.toString(), ConvKernels.versions());
    org.deepfig.report.ReportView view = ReportViews.report(config, data, trained, eval, views, provenance,
        configTree);
    double accuracy = eval.accuracy();
    if (seeds != null) {
      accuracy = seeds.stream().mapToDouble(RunManifest.SeedRecord::testAccuracy).average().orElse(Double.NaN);
      view = SeedsView.of(view, seeds);
    }
    new ReportWriter(templates, reportOptions).write(dir, view);
    List<RunManifest.SnapshotRecord> snapshots = trained.snapshots().configured() ? trained.snapshots().entries()
        .stream().map(e -> new RunManifest.SnapshotRecord(e.epoch(), e.sha256())).toList() : null;
    RunManifest.CheckpointRecord checkpoint = trained.inputs() != null
        ? trained.inputs().manifestRecord(trained.checkpointSha256(), snapshots)
        : new RunManifest.CheckpointRecord(trained.cacheKey(), trained.checkpointSha256(), snapshots, null);
    RunManifest manifest = new RunManifest(config.title(), configFile.toString(), configTree,
        provenance.configSha256(), config.seed(), provenance.device(), provenance.manifestVersions(determinism),
        provenance.gitCommit(),
        new RunManifest.DataRecord(data.name(), config.data().source().name().toLowerCase(Locale.ROOT),
            data.sourceFiles().stream().map(p -> new FileRecord(p.toString(), Hashes.sha256(p))).toList()),
        checkpoint, figureRecords, accuracy, listFiles(dir), seeds);
    manifestMapper().writeValue(dir.resolve("manifest.json").toFile(), manifest);
    return manifest;
  }

  private static Path templatesDir(ExperimentConfig config, Path configDir) {
    String t = config.output().templates();
    return t == null ? null : configDir.resolve(t).normalize();
  }

  private static List<FileRecord> listFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted()
          .map(p -> new FileRecord(dir.relativize(p).toString().replace('\\', '/'), Hashes.sha256(p))).toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** How manifests are written and read ({@link RunManifest#mapper()}). */
  public static ObjectMapper manifestMapper() {
    return RunManifest.mapper();
  }
}
