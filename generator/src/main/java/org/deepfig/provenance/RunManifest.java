package org.deepfig.provenance;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json}: where every file of a report came from. Written from the same values the stage cache keys
 * and the figures' embedded provenance are made of; contains no clock time, so two runs of the same config write
 * the same manifest. {@code testAccuracy} (a fraction) is what {@code deepfig site} shows on an experiment's card.
 */
@JsonPropertyOrder(alphabetic = true)
public record RunManifest(String title, String configFile, Object config, String configSha256, long seed, String device,
    Map<String, String> versions, String gitCommit, DataRecord data, CheckpointRecord checkpoint,
    List<FigureRecord> figures, Double testAccuracy, List<FileRecord> files,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    List<SeedRecord> seeds) {

  /** A manifest of a one-seed run (no {@code seeds} list). */
  public RunManifest(String title, String configFile, Object config, String configSha256, long seed, String device,
      Map<String, String> versions, String gitCommit, DataRecord data, CheckpointRecord checkpoint,
      List<FigureRecord> figures, Double testAccuracy, List<FileRecord> files) {
    this(title, configFile, config, configSha256, seed, device, versions, gitCommit, data, checkpoint, figures,
        testAccuracy, files, null);
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
   */
  public record CheckpointRecord(String cacheKey, String sha256,
      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
      List<SnapshotRecord> snapshots) {
    public CheckpointRecord(String cacheKey, String sha256) {
      this(cacheKey, sha256, null);
    }
  }

  /** One snapshot: its epoch (0 = the initialisation) and the sha256 of its parameter file. */
  public record SnapshotRecord(int epoch, String sha256) {}

  /** @param tables the figure's numbers (e.g. scores), as the report shows them */
  public record FigureRecord(String id, String kind, String title, Map<String, String> parameters,
      List<FileRecord> files, List<org.deepfig.analysis.Table> tables) {}
}
