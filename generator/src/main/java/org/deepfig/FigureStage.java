package org.deepfig;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.deepfig.probe.ConvKernels;
import org.deepfig.provenance.FigureInputs;
import org.deepfig.provenance.Hashes;
import org.deepfig.provenance.StageCache;
import org.deepfig.provenance.Versions;
import java.awt.geom.Rectangle2D;
import org.deepfig.analysis.Hotspot;
import org.deepfig.config.FigureSize;
import org.deepfig.config.OutputConfig;
import org.deepfig.render.ColourMap;
import org.deepfig.render.FigureFormat;
import org.deepfig.render.FigureStyle;
import org.deepfig.render.FontFaces;
import org.deepfig.render.FontFinder;
import org.deepfig.render.Palette;
import org.deepfig.render.Sized;
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
  private static final ObjectMapper JSON = org.deepfig.provenance.Json.plain();
  private final ConfigLoader loader;
  private final StageCache cache;
  private final Progress progress;

  FigureStage(ConfigLoader loader, StageCache cache, Progress progress) {
    this.loader = loader;
    this.cache = cache;
    this.progress = progress;
  }

  /**
   * The inputs an entry reads ({@link FigureInputs}): its options and style, the checkpoint ({@code checkpointSha}),
   * the sections it reads, and a slices CSV's content when there is one. Their key is embedded in each of its files,
   * and with the code fingerprint and the numerics it is the entry's cache key.
   */
  FigureInputs inputs(AnalysisKind<FigureSpec> kind, FigureSpec spec, ExperimentConfig config, String checkpointSha,
      Path configDir) {
    FigureSize size = loader.sizeOf(spec).orElse(config.output().size());
    var slices = config.data().slices();
    // the CSV's content, not only its name: editing it must recompute the figures that read it
    String slicesCsv = slices != null && slices.csv() != null
        ? Hashes.sha256(configDir.resolve(slices.csv()).normalize()) : null;
    return FigureInputs.of(loader, kind.kind(), kind.usesSnapshots(), spec, config, checkpointSha, size, slicesCsv);
  }

  /** Whether the entry's figures are in the cache (then running it costs nothing). */
  boolean cached(FigureSpec spec, ExperimentConfig config, String checkpointSha, ai.djl.Device device,
      Path configDir) {
    FigureInputs inputs = inputs(AnalysisKinds.forSpec(spec), spec, config, checkpointSha, configDir);
    return cache.lookup(STAGE, inputs.stageKey(Versions.codeFingerprint(), ConvKernels.numerics(device))).isPresent();
  }

  /** Runs (or takes from the cache) one {@code figures:} entry; returns its figures and the folder holding them. */
  Result run(FigureSpec spec, ExperimentConfig config, String checkpointSha, RunContext ctx) {
    AnalysisKind<FigureSpec> kind = AnalysisKinds.forSpec(spec);
    FigureSize size = loader.sizeOf(spec).orElse(config.output().size());
    FigureStyle style = style(config.output(), size, ctx.configDir(), ctx.data().numClasses(),
        ctx.data().testClasses());
    FigureInputs inputs = inputs(kind, spec, config, checkpointSha, ctx.configDir());
    String key = inputs.stageKey(Versions.codeFingerprint(), ConvKernels.numerics(ctx.device()));
    Optional<Path> hit = cache.lookup(STAGE, key);
    if (hit.isPresent()) {
      progress.info("figure " + kind.kind() + ": cached (" + key.substring(0, 12) + ")");
      return new Result(hit.get(), read(hit.get()), inputs);
    }
    long start = System.nanoTime();
    List<Figure> figures;
    try {
      figures = style.apply(() -> kind.run(spec, ctx));
    } catch (UserError e) {
      throw loader.locate(spec, e); // "figures: saliency.images" becomes the line and column in the config
    }
    List<RenderedFigure> rendered = new ArrayList<>();
    StageCache.Stored stored = cache.store(STAGE, key, d -> {
      rendered.clear();
      for (Figure f : figures) rendered.add(render(f, d, config, inputs, style));
      JSON.writerWithDefaultPrettyPrinter().writeValue(d.resolve("figures.json").toFile(), rendered);
    });
    progress.info(String.format(Locale.ROOT, "figure %s: computed (%.1f s)", kind.kind(),
        (System.nanoTime() - start) / 1e9));
    // another run's entry won: describe its files, which are the ones the report copies
    boolean theirs = stored.origin() == StageCache.Origin.OTHER_RUN;
    return new Result(stored.dir(), theirs ? read(stored.dir()) : rendered, inputs);
  }

  /** An entry's figures, the folder holding their files and the inputs they were made from. */
  record Result(Path dir, List<RenderedFigure> figures, FigureInputs inputs) {}

  /**
   * Renders figures that combine the seeds of a several-seed run ({@link AnalysisKind#aggregate}), cached under the
   * entry's inputs with the hash of all the seeds' checkpoints in place of one.
   */
  Result renderAggregate(FigureSpec spec, ExperimentConfig config, String seedsCheckpoints, RunContext ctx,
      java.util.function.Supplier<List<Figure>> compute) {
    AnalysisKind<FigureSpec> kind = AnalysisKinds.forSpec(spec);
    FigureSize size = loader.sizeOf(spec).orElse(config.output().size());
    FigureStyle style = style(config.output(), size, ctx.configDir(), ctx.data().numClasses(),
        ctx.data().testClasses());
    FigureInputs inputs = inputs(kind, spec, config, seedsCheckpoints, ctx.configDir());
    String key = inputs.aggregateStageKey(config.runSeeds(), Versions.codeFingerprint(),
        ConvKernels.numerics(ctx.device()));
    Optional<Path> hit = cache.lookup(STAGE, key);
    if (hit.isPresent()) return new Result(hit.get(), read(hit.get()), inputs);
    List<Figure> figures = style.apply(compute::get);
    List<RenderedFigure> rendered = new ArrayList<>();
    StageCache.Stored stored = cache.store(STAGE, key, d -> {
      rendered.clear();
      for (Figure f : figures) rendered.add(render(f, d, config, inputs, style));
      JSON.writerWithDefaultPrettyPrinter().writeValue(d.resolve("figures.json").toFile(), rendered);
    });
    return new Result(stored.dir(), stored.origin() == StageCache.Origin.OTHER_RUN ? read(stored.dir()) : rendered,
        inputs);
  }

  /**
   * The style figures are set in: {@code size} (output.size or the entry's own), the rest from {@code output}.
   *
   * @throws UserError when output.font names no usable font (the pre-flight checks it first)
   */
  static FigureStyle style(OutputConfig o, FigureSize size, Path configDir, int classes) {
    return style(o, size, configDir, classes, null);
  }

  static FigureStyle style(OutputConfig o, FigureSize size, Path configDir, int classes, int[] present) {
    FontFaces faces;
    try {
      faces = FontFinder.find(o.font(), configDir);
    } catch (IllegalArgumentException e) {
      throw new UserError("output.font", e.getMessage(), "fix output.font or leave it out for DejaVu Sans");
    }
    ColourMap map = o.colourMap() == null ? null : switch (o.colourMap()) {
      case VIRIDIS -> ColourMap.viridis();
      case MAGMA -> ColourMap.magma();
      case INFERNO -> ColourMap.inferno();
      case GREYS -> ColourMap.greys();
    };
    boolean titles = o.titles() != null ? o.titles() : size.titlesByDefault();
    return new FigureStyle(size.name(), size.width(), size.font(), faces,
        Palette.of(Palette.Choice.valueOf(o.palette().name()), classes, present), map, o.panelLetters(), titles);
  }

  private static RenderedFigure render(Figure f, Path dir, ExperimentConfig c, FigureInputs inputs,
      FigureStyle style) throws IOException {
    try {
      return style.apply(() -> {
        try {
          return renderStyled(sized(f, style), dir, c, inputs);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** {@code f} at the style's physical size, its hover areas moved with it. */
  private static Figure sized(Figure f, FigureStyle style) {
    if (f.drawing() == null || !style.fixedWidth()) return f;
    Sized d = (Sized) Sized.of(f.drawing(), style);
    List<Hotspot> hotspots = new ArrayList<>();
    for (Hotspot h : f.hotspots()) {
      hotspots.add(h.moved(d.map(new Rectangle2D.Double(h.x(), h.y(), h.width(), h.height()))));
    }
    return new Figure(f.id(), f.title(), f.caption(), f.parameters(), d, f.tables(), hotspots, f.note(),
        f.thumbnails(), f.attachments()); // the data files too (paper sizes lost confusion.json without this)
  }

  private static RenderedFigure renderStyled(Figure f, Path dir, ExperimentConfig c, FigureInputs inputs)
      throws IOException {
    String kind = inputs.kind();
    List<RenderedFigure.File> files = new ArrayList<>();
    if (f.drawing() != null) {
      Set<FigureFormat> formats = new java.util.LinkedHashSet<>();
      for (var fmt : c.output().formats()) formats.add(FigureFormat.valueOf(fmt.name()));
      Map<String, String> prov = inputs.embedded(f.id(), f.title(), f.parameters());
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
    for (Figure.Attachment a : f.attachments()) {
      Path file = dir.resolve(f.id() + a.suffix());
      Files.write(file, a.bytes());
      files.add(new RenderedFigure.File(file.getFileName().toString(), a.format(), Hashes.sha256(file)));
    }
    return new RenderedFigure(kind, f.id(), f.title(), f.caption(), new TreeMap<>(f.parameters()), f.tables(),
        f.hotspots(), f.note(), f.drawing() == null ? 0 : f.drawing().width(),
        f.drawing() == null ? 0 : f.drawing().height(), files, f.thumbnails());
  }

  private static List<RenderedFigure> read(Path dir) {
    try {
      return JSON.readValue(dir.resolve("figures.json").toFile(), new TypeReference<List<RenderedFigure>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt figure cache entry " + dir + " (delete it or run with --force)", e);
    }
  }
}
