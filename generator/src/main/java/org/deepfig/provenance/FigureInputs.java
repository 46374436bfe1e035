package org.deepfig.provenance;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.deepfig.config.ExperimentConfig;
import org.deepfig.config.ConfigLoader;
import org.deepfig.config.FigureSize;
import org.deepfig.config.FigureSpec;
import org.deepfig.config.OutputConfig;

/**
 * Exactly what one {@code figures:} entry reads: its kind and options, the style it is drawn in, the trained
 * parameters (their sha256, not how they were made — except for kinds that replay training's snapshots, which also
 * read the train and model sections), the data section, the seed, the output formats and dpi, deepfig's version, and
 * a slices CSV's content when there is one. Its {@link #key()} is embedded in each figure file ({@link #embedded})
 * and recorded in the manifest ({@link #manifestRecord}); with the code fingerprint and the numerics it is the
 * figure stage's cache key ({@link #stageKey}).
 *
 * @param options the entry's options as the config loader's canonical tree (its kind is {@code kind})
 * @param checkpoint the sha256 of the trained parameters (of all the seeds' for a several-seed aggregate)
 * @param train null unless the kind reads snapshots; so is {@code model}
 * @param slicesCsv the sha256 of {@code data.slices.csv}, null when there is none
 * @param dataLabel what a figure file says the data is ({@code source:name}); not part of the key
 * @param modelLabel what a figure file says the model is (its file or architecture); not part of the key
 */
public record FigureInputs(String kind, JsonNode options, JsonNode style, String checkpoint, JsonNode train,
    JsonNode model, JsonNode data, long seed, JsonNode formats, JsonNode dpi, String deepfig, String slicesCsv,
    @JsonIgnore String dataLabel, @JsonIgnore String modelLabel) {

  /**
   * The inputs of {@code spec} in config {@code c}, drawn at {@code size}.
   *
   * @param readsSnapshots whether the kind replays training's snapshots (then train and model are inputs too)
   * @param slicesCsvSha256 the sha256 of the slices CSV's content, or null
   */
  public static FigureInputs of(ConfigLoader loader, String kind, boolean readsSnapshots, FigureSpec spec,
      ExperimentConfig c, String checkpointSha256, FigureSize size, String slicesCsvSha256) {
    ObjectMapper m = loader.canonicalMapper();
    OutputConfig o = c.output();
    Map<String, Object> style = new TreeMap<>();
    style.put("size", size);
    style.put("font", o.font() == null ? "DejaVu Sans" : o.font());
    style.put("palette", o.palette());
    style.put("colour_map", o.colourMap() == null ? "default" : o.colourMap());
    style.put("panel_letters", o.panelLetters());
    style.put("titles", o.titles() == null ? "default" : o.titles());
    return new FigureInputs(kind, Canonical.section(m, spec), Canonical.section(m, style), checkpointSha256,
        readsSnapshots ? Canonical.section(m, c.train()) : null,
        readsSnapshots ? Canonical.section(m, c.model()) : null, Canonical.section(m, c.data()), c.seed(),
        Canonical.section(m, o.formats()), Canonical.section(m, o.dpi()), Versions.deepfig(),
        slicesCsvSha256, c.data().source().name().toLowerCase(Locale.ROOT) + ":" + c.data().name(),
        c.model().file() != null ? c.model().file() : c.model().arch().name().toLowerCase(Locale.ROOT));
  }

  /** These inputs with another checkpoint hash (a several-seed aggregate: the hash of all the seeds'). */
  public FigureInputs withCheckpoint(String checkpointSha256) {
    return new FigureInputs(kind, options, style, checkpointSha256, train, model, data, seed, formats, dpi, deepfig,
        slicesCsv, dataLabel, modelLabel);
  }

  /** The inputs as sorted JSON: what {@link #key()} hashes. */
  public String canonicalJson() {
    return Canonical.json(this);
  }

  /** The hash of the inputs: in every file of the figure and in its manifest record. */
  public String key() {
    return Canonical.sha256(this);
  }

  /** The figure stage's cache key: {@link #key()} with the code that computes it and the numerics it runs with. */
  public String stageKey(String code, Numerics numerics) {
    return Canonical.sha256(Map.of("inputs", key(), "code", code, "numerics", numerics));
  }

  /** The cache key of the figures combining a several-seed run's {@code seeds}. */
  public String aggregateStageKey(List<Long> seeds, String code, Numerics numerics) {
    return Canonical.sha256(Map.of("inputs", key(), "seeds", seeds, "code", code, "numerics", numerics));
  }

  /**
   * What a figure file says about itself (its metadata): only inputs of this figure, so it stays valid when other
   * keys change, and no code fingerprint, so figures the same inputs make stay byte-identical across code changes
   * that do not alter them.
   */
  public Map<String, String> embedded(String figureId, String title, Map<String, String> parameters) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("figure", figureId);
    p.put("kind", kind);
    p.put("title", title);
    p.put("inputs_sha256", key());
    p.put("checkpoint_sha256", checkpoint);
    p.put("seed", Long.toString(seed));
    p.put("data", dataLabel);
    p.put("model", modelLabel);
    p.put("deepfig", deepfig);
    parameters.forEach((k, v) -> p.put("param." + k, v));
    return p;
  }

  /** The manifest's record of one of this entry's figures, with the inputs key its files carry. */
  public RunManifest.FigureRecord manifestRecord(String id, String title, Map<String, String> parameters,
      List<RunManifest.FileRecord> files, List<? extends Tabular> tables) {
    return new RunManifest.FigureRecord(id, kind, title, new TreeMap<>(parameters), files, tables, key());
  }
}
