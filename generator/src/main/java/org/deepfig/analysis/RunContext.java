package org.deepfig.analysis;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.deepfig.Progress;
import org.deepfig.config.ExperimentConfig;
import org.deepfig.data.Dataset;
import org.deepfig.model.Network;
import org.deepfig.train.Evaluation;
import org.deepfig.train.TrainingHistory;
import org.deepfig.config.Seeds;

/**
 * What every analysis may read: the config, the data, the trained network and its test evaluation, the device and
 * a manager to open sub-managers from, progress reporting, and derived seeds.
 *
 * @param untrained the same architecture with its initial (seeded, untrained) parameters, for before/after figures;
 *     null for imported models
 * @param cache the run's stage cache, for analyses that train networks of their own (transfer) and cache each
 *     training as a stage; null when there is none (tests), then such analyses keep their trainings uncached
 * @param snapshots the network at chosen epochs of its training (train.snapshots; at least the initialisation and
 *     the trained network for zoo models), for figures drawn per epoch
 */
public record RunContext(ExperimentConfig config, Path configDir, Dataset data, Network network, Network untrained,
    TrainingHistory history, Evaluation testEvaluation, Device device, NDManager manager, Progress progress,
    org.deepfig.provenance.StageCache cache, org.deepfig.train.Snapshots snapshots) {

  public RunContext {
    if (snapshots == null) snapshots = org.deepfig.train.Snapshots.NONE;
  }

  /** A context with a stage cache and without snapshots. */
  public RunContext(ExperimentConfig config, Path configDir, Dataset data, Network network, Network untrained,
      TrainingHistory history, Evaluation testEvaluation, Device device, NDManager manager, Progress progress,
      org.deepfig.provenance.StageCache cache) {
    this(config, configDir, data, network, untrained, history, testEvaluation, device, manager, progress, cache,
        null);
  }

  /** A context with snapshots and without a stage cache. */
  public RunContext(ExperimentConfig config, Path configDir, Dataset data, Network network, Network untrained,
      TrainingHistory history, Evaluation testEvaluation, Device device, NDManager manager, Progress progress,
      org.deepfig.train.Snapshots snapshots) {
    this(config, configDir, data, network, untrained, history, testEvaluation, device, manager, progress, null,
        snapshots);
  }

  /** A context without a stage cache or snapshots. */
  public RunContext(ExperimentConfig config, Path configDir, Dataset data, Network network, Network untrained,
      TrainingHistory history, Evaluation testEvaluation, Device device, NDManager manager, Progress progress) {
    this(config, configDir, data, network, untrained, history, testEvaluation, device, manager, progress,
        (org.deepfig.provenance.StageCache) null, null);
  }

  /** A seed for {@code purpose} (e.g. the analysis kind) and index, derived from the run seed. */
  public long seed(String purpose, long index) {
    return Seeds.derive(config.seed(), purpose, index);
  }
}
