package org.deepfig.train;

import java.util.List;

/** Per-epoch losses and accuracies of a training run, stored beside the cached parameters. */
public record TrainingHistory(List<EpochStats> epochs) {
  public TrainingHistory {
    epochs = List.copyOf(epochs);
  }

  public static TrainingHistory none() {
    return new TrainingHistory(List.of());
  }

  public double finalTestAccuracy() {
    return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).testAccuracy();
  }
}
