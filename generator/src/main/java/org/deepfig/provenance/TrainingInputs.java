package org.deepfig.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.deepfig.config.ConfigLoader;
import org.deepfig.config.ExperimentConfig;

/**
 * Exactly what training reads: the data section (without its slices, which only group test images for figures),
 * the model and train sections, the seed, the training code's version and deepfig's code fingerprint beside it, and
 * the numerics. Its {@link #key()} is the training stage's cache key; the manifest records it with the inputs
 * ({@link #manifestRecord}), so {@code deepfig verify} can say which of them differs.
 *
 * @param data the config sections as canonical trees
 * @param trainingCode the training code's version (bumped when training changes in a way that changes results)
 * @param code deepfig's code fingerprint ({@link Versions#codeFingerprint()})
 */
public record TrainingInputs(JsonNode data, JsonNode model, JsonNode train, long seed, int trainingCode,
    String code, Numerics numerics) {

  /** The inputs of training {@code c}'s network, built from the sections it reads. */
  public static TrainingInputs of(ConfigLoader loader, ExperimentConfig c, int trainingCode, String code,
      Numerics numerics) {
    ObjectMapper m = loader.canonicalMapper();
    return new TrainingInputs(Canonical.section(m, c.data().withoutSlices()), Canonical.section(m, c.model()),
        Canonical.section(m, c.train()), c.seed(), trainingCode, code, numerics);
  }

  /** The inputs as sorted JSON: what {@link #key()} hashes. */
  public String canonicalJson() {
    return Canonical.json(this);
  }

  /** The training stage's cache key. */
  public String key() {
    return Canonical.sha256(this);
  }

  /** The manifest's checkpoint record: this key, its inputs, the parameters' sha256 and the snapshots kept. */
  public RunManifest.CheckpointRecord manifestRecord(String checkpointSha256,
      List<RunManifest.SnapshotRecord> snapshots) {
    return new RunManifest.CheckpointRecord(key(), checkpointSha256, snapshots, this);
  }
}
