package org.deepfig;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.deepfig.analysis.AnalysisKind;
import org.deepfig.analysis.AnalysisKinds;
import org.deepfig.analysis.Figure;
import org.deepfig.analysis.RunContext;
import org.deepfig.config.ConfigLoader;
import org.deepfig.config.ExperimentConfig;
import org.deepfig.config.FigureSpec;
import org.deepfig.config.OutputConfig;
import org.deepfig.data.Dataset;
import org.deepfig.data.Datasets;
import org.deepfig.model.Devices;
import org.deepfig.provenance.Hashes;
import org.deepfig.provenance.RunManifest;
import org.deepfig.provenance.RunManifest.FileRecord;
import org.deepfig.provenance.StageCache;
import org.deepfig.provenance.Versions;
import org.deepfig.render.FigureFormat;
import org.deepfig.render.FigureWriter;
import org.deepfig.render.WrittenFile;
import org.deepfig.report.FigureView;
import org.deepfig.report.ReportView;
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

  public Pipeline(ConfigLoader loader, StageCache cache, Progress progress) {
    this.loader = loader;
    this.cache = cache;
    this.progress = progress;
  }

  /** What a run produced. */
  public record Result(Path outDir, RunManifest manifest, boolean trainedFromCache, double testAccuracy) {}

  public Result run(Path configFile, ExperimentConfig config, Path outOverride) {
    Path configDir = configFile.toAbsolutePath().getParent();
    Path outDir = OutputFolder.resolve(configFile, config.output().dir(), outOverride);
    Device device = Devices.resolve(config.device());
    progress.info("device: " + device);
    Dataset data = loadData(config, configDir);
    try (TrainedNetwork trained = new ModelStage(loader, cache, progress).prepare(config, configDir, data, device);
        NDManager manager = NDManager.newBaseManager(device, "PyTorch")) {
      Evaluation eval;
      try (Progress.Task t = progress.start("evaluating on the test set", data.test().size())) {
        eval = Evaluation.of(trained.network(), manager, data.test(), data.numClasses(), 256, t);
      }
      progress.info(String.format(Locale.ROOT, "test accuracy: %.2f%%", 100 * eval.accuracy()));
      RunContext ctx = new RunContext(config, configDir, data, trained.network(), trained.untrained(),
          trained.history(), eval, device, manager, progress);
      List<Produced> figures = analyse(config, ctx);
      RunManifest manifest = OutputFolder.publish(outDir,
          staging -> writeReport(staging, config, configDir, data, trained, eval, figures, device));
      progress.info("report: " + outDir.resolve("index.html"));
      return new Result(outDir, manifest, trained.fromCache(), eval.accuracy());
    }
  }

  private Dataset loadData(ExperimentConfig config, Path configDir) {
    long start = System.nanoTime();
    Dataset data = Datasets.load(config.data(), configDir, config.seed());
    progress.info(String.format(Locale.ROOT, "data: %s, %d train / %d test images of %d×%d×%d (%.1f s)",
        data.name(), data.train().size(), data.test().size(), data.train().channels(), data.train().height(),
        data.train().width(), (System.nanoTime() - start) / 1e9));
    return data;
  }

  /** A figure and the kind of analysis that produced it. */
  private record Produced(String kind, Figure figure) {}

  private List<Produced> analyse(ExperimentConfig config, RunContext ctx) {
    List<Produced> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (FigureSpec spec : config.figures()) {
      AnalysisKind<FigureSpec> kind = AnalysisKinds.forSpec(spec);
      long start = System.nanoTime();
      for (Figure f : kind.run(spec, ctx)) {
        String id = f.id();
        for (int n = 2; !ids.add(id); n++) id = f.id() + "-" + n;
        out.add(new Produced(kind.kind(), id.equals(f.id()) ? f : new Figure(id, f.title(), f.caption(),
            f.parameters(), f.drawing(), f.tables(), f.hotspots(), f.note())));
      }
      progress.info(String.format(Locale.ROOT, "figure %s: done (%.1f s)", kind.kind(),
          (System.nanoTime() - start) / 1e9));
    }
    return out;
  }

  private RunManifest writeReport(Path dir, ExperimentConfig config, Path configDir, Dataset data,
      TrainedNetwork trained, Evaluation eval, List<Produced> figures, Device device) throws IOException {
    Path figDir = Files.createDirectories(dir.resolve("figures"));
    String configSha = loader.sha256(config);
    Set<FigureFormat> formats = formats(config.output());
    List<FigureView> views = new ArrayList<>();
    List<RunManifest.FigureRecord> figureRecords = new ArrayList<>();
    try (Progress.Task task = progress.start("rendering figures", figures.size())) {
      for (Produced produced : figures) {
        Figure f = produced.figure();
        String kind = produced.kind();
        List<WrittenFile> files = f.drawing() == null ? List.of()
            : new FigureWriter().write(f.drawing(), figDir, f.id(), formats, config.output().dpi(),
                figureProvenance(config, configSha, trained, f));
        views.add(ReportViews.figure(f, kind, files, dir));
        List<FileRecord> recs = files.stream()
            .map(w -> new FileRecord(dir.relativize(w.path()).toString(), w.sha256())).toList();
        figureRecords.add(new RunManifest.FigureRecord(f.id(), kind, f.title(), new TreeMap<>(f.parameters()), recs));
        task.step(1);
      }
    }
    new ReportWriter(new Templates(templatesDir(config, configDir))).write(dir,
        ReportViews.report(config, data, trained, eval, views, configSha, device));
    RunManifest manifest = new RunManifest(config.title(), loader.canonicalMapper().valueToTree(config), configSha,
        config.seed(), device.toString(), Versions.runtime(), Versions.gitCommit(Path.of("")),
        new RunManifest.DataRecord(data.name(), config.data().source().name().toLowerCase(Locale.ROOT),
            data.sourceFiles().stream().map(p -> new FileRecord(p.toString(), Hashes.sha256(p))).toList()),
        new RunManifest.CheckpointRecord(trained.cacheKey(), trained.checkpointSha256()),
        figureRecords, listFiles(dir));
    manifestMapper().writeValue(dir.resolve("manifest.json").toFile(), manifest);
    return manifest;
  }

  private static Path templatesDir(ExperimentConfig config, Path configDir) {
    String t = config.output().templates();
    return t == null ? null : configDir.resolve(t).normalize();
  }

  private static Map<String, String> figureProvenance(ExperimentConfig config, String configSha,
      TrainedNetwork trained, Figure f) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("figure", f.id());
    p.put("title", f.title());
    p.put("experiment", config.title());
    p.put("config_sha256", configSha);
    p.put("seed", Long.toString(config.seed()));
    p.put("checkpoint_sha256", trained.checkpointSha256());
    p.put("deepfig", Versions.deepfig());
    f.parameters().forEach((k, v) -> p.put("param." + k, v));
    return p;
  }

  private static Set<FigureFormat> formats(OutputConfig out) {
    Set<FigureFormat> s = new java.util.LinkedHashSet<>();
    for (OutputConfig.Format f : out.formats()) s.add(FigureFormat.valueOf(f.name()));
    return s;
  }

  private static List<FileRecord> listFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted()
          .map(p -> new FileRecord(dir.relativize(p).toString().replace('\\', '/'), Hashes.sha256(p))).toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  public static ObjectMapper manifestMapper() {
    return JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .build();
  }
}
