package org.deepfig.provenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json}: where every file of a report came from. Written from the same values the stage cache keys
 * and the figures' embedded provenance are made of; contains no clock time, so two runs of the same config write
 * the same manifest. {@code testAccuracy} (a fraction) is what {@code deepfig site} shows on an experiment's card.
 * Written and read with {@link #mapper()}.
 */
@JsonPropertyOrder(alphabetic = true)
public record RunManifest(String title, String configFile, Object config, String configSha256, long seed, String device,
    Map<String, String> versions, String gitCommit, DataRecord data, CheckpointRecord checkpoint,
    List<FigureRecord> figures, Double testAccuracy, List<FileRecord> files,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<SeedRecord> seeds) {

  /** A manifest of a one-seed run (no {@code seeds} list). */
  public RunManifest(String title, String configFile, Object config, String configSha256, long seed, String device,
      Map<String, String> versions, String gitCommit, DataRecord data, CheckpointRecord checkpoint,
      List<FigureRecord> figures, Double testAccuracy, List<FileRecord> files) {
    this(title, configFile, config, configSha256, seed, device, versions, gitCommit, data, checkpoint, figures,
        testAccuracy, files, null);
  }

  /** How manifests (and the other JSON a report holds) are written and read: snake_case, indented, maps sorted. */
  public static ObjectMapper mapper() {
    return Json.manifest();
  }

  /**
   * One seed's run of a several-seed experiment ({@code seeds:} or {@code repeats:}): its checkpoint and test
   * accuracy; {@code testAccuracy} of the manifest is then the mean over the seeds.
   */
  public record SeedRecord(long seed, CheckpointRecord checkpoint, double testAccuracy) {}

  public record FileRecord(String path, String sha256) {}

  public record DataRecord(String name, String source, List<FileRecord> files) {}

  /**
   * @param cacheKey the training stage's key; {@code sha256} of the parameter file
   * @param snapshots the parameters kept at chosen epochs (train.snapshots), absent when none were asked for
   * @param inputs what the key hashes ({@link TrainingInputs}); absent for an imported model, which is not trained
   */
  public record CheckpointRecord(String cacheKey, String sha256,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SnapshotRecord> snapshots,
      @JsonInclude(JsonInclude.Include.NON_NULL) TrainingInputs inputs) {
    public CheckpointRecord(String cacheKey, String sha256) {
      this(cacheKey, sha256, null, null);
    }
  }

  /** One snapshot: its epoch (0 = the initialisation) and the sha256 of its parameter file. */
  public record SnapshotRecord(int epoch, String sha256) {}

  /**
   * @param tables the figure's numbers (e.g. scores), as the report shows them
   * @param inputsSha256 the key of the figure's inputs ({@link FigureInputs#key()}), which each of its files carries
   */
  public record FigureRecord(String id, String kind, String title, Map<String, String> parameters,
      List<FileRecord> files, List<? extends Tabular> tables,
      @JsonInclude(JsonInclude.Include.NON_NULL) String inputsSha256) {
    /** A figure made from no recorded inputs (a comparison's). */
    public FigureRecord(String id, String kind, String title, Map<String, String> parameters, List<FileRecord> files,
        List<? extends Tabular> tables) {
      this(id, kind, title, parameters, files, tables, null);
    }
  }
}
