package org.deepfig.train;

import ai.djl.Model;
import org.deepfig.model.Network;

/**
 * A network ready for analysis, with the untrained copy of the same architecture (its seeded initial parameters)
 * for before/after figures, its history and where its parameters came from. Closing releases the native memory.
 *
 * @param untrained null when there is none (an imported model)
 * @param checkpointSha256 sha256 of the saved parameter file
 * @param fromCache whether training was skipped because the cache had this exact training stage
 * @param snapshots the parameters at chosen epochs ({@code train.snapshots}), {@link Snapshots#NONE} when none
 * @param inputs what training read (its hash is {@code cacheKey}); null for an imported model
 */
public record TrainedNetwork(Network network, Network untrained, TrainingHistory history, String cacheKey,
    String checkpointSha256, boolean fromCache, Model model, Model untrainedModel, Snapshots snapshots,
    org.deepfig.provenance.TrainingInputs inputs) implements AutoCloseable {
  public TrainedNetwork {
    if (snapshots == null) snapshots = Snapshots.NONE;
  }

  /** A network without snapshots (an imported model). */
  public TrainedNetwork(Network network, Network untrained, TrainingHistory history, String cacheKey,
      String checkpointSha256, boolean fromCache, Model model, Model untrainedModel) {
    this(network, untrained, history, cacheKey, checkpointSha256, fromCache, model, untrainedModel, null, null);
  }

  @Override
  public void close() {
    if (model != null) model.close();
    if (untrainedModel != null) untrainedModel.close();
  }
}
