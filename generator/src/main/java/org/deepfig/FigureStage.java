package org.deepfig;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.deepfig.analysis.AnalysisKind;
import org.deepfig.analysis.AnalysisKinds;
import org.deepfig.analysis.Figure;
import org.deepfig.analysis.RenderedFigure;
import org.deepfig.analysis.RunContext;
import org.deepfig.config.ConfigLoader;
import org.deepfig.config.ExperimentConfig;
import org.deepfig.config.FigureSpec;
import org.deepfig.provenance.StageCache;
import org.deepfig.provenance.Versions;
import org.deepfig.render.FigureFormat;
import org.deepfig.render.FigureWriter;
import org.deepfig.render.WrittenFile;

/**
 * One analysis as a cached stage: its key is a hash of exactly what it reads (its options, the hash of the trained
 * parameters, the data section, the seed, the output formats and deepfig's version), so changing one figure's
 * options recomputes that figure only. An entry holds the rendered files and their {@link RenderedFigure} records.
 */
final class FigureStage {
  private static final String STAGE = "figures";
  /** The PNG at twice the configured dpi is written as {@code <id>@2x.png} beside {@code <id>.png}. */
  static final String HIDPI_SUFFIX = "@2x";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ConfigLoader loader;
  private final StageCache cache;
  private final Progress progress;

  FigureStage(ConfigLoader loader, StageCache cache, Progress progress) {
    this.loader = loader;
    this.cache = cache;
    this.progress = progress;
  }

  /**
   * The inputs an analysis reads: their hash is embedded in each of its files, and with the code fingerprint it is
   * the analysis' cache key.
   */
  static Map<String, Object> inputs(String kind, FigureSpec spec, ExperimentConfig c, String checkpointSha) {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("kind", kind);
    in.put("options", spec);
    in.put("checkpoint", checkpointSha); // the trained parameters themselves, not how they were made
    in.put("data", c.data());
    in.put("seed", c.seed());
    in.put("formats", c.output().formats());
    in.put("dpi", c.output().dpi());
    in.put("deepfig", Versions.deepfig());
    return in;
  }

  /** Whether the entry's figures are in the cache (then running it costs nothing). */
  boolean cached(FigureSpec spec, ExperimentConfig config, String checkpointSha, ai.djl.Device device) {
    AnalysisKind<FigureSpec> kind = AnalysisKinds.forSpec(spec);
    String inputsKey = loader.sha256(inputs(kind.kind(), spec, config, checkpointSha));
    String key = loader.sha256(Map.of("inputs", inputsKey, "code", Versions.codeFingerprint(),
        "numerics", Versions.numerics(device)));
    return cache.lookup(STAGE, key).isPresent();
  }

  /** Runs (or takes from the cache) one {@code figures:} entry; returns its figures and the folder holding them. */
  Result run(FigureSpec spec, ExperimentConfig config, String checkpointSha, RunContext ctx) {
    AnalysisKind<FigureSpec> kind = AnalysisKinds.forSpec(spec);
    String inputsKey = loader.sha256(inputs(kind.kind(), spec, config, checkpointSha));
    String key = loader.sha256(Map.of("inputs", inputsKey, "code", Versions.codeFingerprint(),
        "numerics", Versions.numerics(ctx.device())));
    Optional<Path> hit = cache.lookup(STAGE, key);
    if (hit.isPresent()) {
      progress.info("figure " + kind.kind() + ": cached (" + key.substring(0, 12) + ")");
      return new Result(hit.get(), read(hit.get()));
    }
    long start = System.nanoTime();
    List<Figure> figures;
    try {
      figures = kind.run(spec, ctx);
    } catch (UserError e) {
      throw loader.locate(spec, e); // "figures: saliency.images" becomes the line and column in the config
    }
    List<RenderedFigure> rendered = new ArrayList<>();
    StageCache.Stored stored = cache.store(STAGE, key, d -> {
      rendered.clear();
      for (Figure f : figures) rendered.add(render(kind.kind(), f, d, config, inputsKey, checkpointSha));
      JSON.writerWithDefaultPrettyPrinter().writeValue(d.resolve("figures.json").toFile(), rendered);
    });
    progress.info(String.format(Locale.ROOT, "figure %s: computed (%.1f s)", kind.kind(),
        (System.nanoTime() - start) / 1e9));
    // another run's entry won: describe its files, which are the ones the report copies
    boolean theirs = stored.origin() == StageCache.Origin.OTHER_RUN;
    return new Result(stored.dir(), theirs ? read(stored.dir()) : rendered);
  }

  record Result(Path dir, List<RenderedFigure> figures) {}

  private static RenderedFigure render(String kind, Figure f, Path dir, ExperimentConfig c, String key,
      String checkpointSha) throws IOException {
    List<RenderedFigure.File> files = new ArrayList<>();
    if (f.drawing() != null) {
      Set<FigureFormat> formats = new java.util.LinkedHashSet<>();
      for (var fmt : c.output().formats()) formats.add(FigureFormat.valueOf(fmt.name()));
      Map<String, String> prov = provenance(kind, f, c, key, checkpointSha);
      List<WrittenFile> written = new ArrayList<>(new FigureWriter().write(f.drawing(), dir, f.id(), formats,
          c.output().dpi(), prov));
      // the HTML report's srcset: the same PNG at twice the resolution, for high-density screens
      if (formats.contains(FigureFormat.PNG)) {
        written.addAll(new FigureWriter().write(f.drawing(), dir, f.id() + HIDPI_SUFFIX, Set.of(FigureFormat.PNG),
            2 * c.output().dpi(), prov));
      }
      for (WrittenFile w : written) {
        files.add(new RenderedFigure.File(w.path().getFileName().toString(), w.format().extension(), w.sha256()));
      }
    }
    return new RenderedFigure(kind, f.id(), f.title(), f.caption(), new TreeMap<>(f.parameters()), f.tables(),
        f.hotspots(), f.note(), f.drawing() == null ? 0 : f.drawing().width(),
        f.drawing() == null ? 0 : f.drawing().height(), files, f.thumbnails());
  }

  /** What a figure file says about itself: only inputs of this figure, so it stays valid when other keys change. */
  private static Map<String, String> provenance(String kind, Figure f, ExperimentConfig c, String key,
      String checkpointSha) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("figure", f.id());
    p.put("kind", kind);
    p.put("title", f.title());
    p.put("inputs_sha256", key);
    p.put("checkpoint_sha256", checkpointSha);
    p.put("seed", Long.toString(c.seed()));
    p.put("data", c.data().source().name().toLowerCase(Locale.ROOT) + ":" + c.data().name());
    p.put("model", c.model().file() != null ? c.model().file() : c.model().arch().name().toLowerCase(Locale.ROOT));
    p.put("deepfig", Versions.deepfig());
    f.parameters().forEach((k, v) -> p.put("param." + k, v));
    return p;
  }

  private static List<RenderedFigure> read(Path dir) {
    try {
      return JSON.readValue(dir.resolve("figures.json").toFile(), new TypeReference<List<RenderedFigure>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt figure cache entry " + dir + " (delete it or run with --force)", e);
    }
  }
}
