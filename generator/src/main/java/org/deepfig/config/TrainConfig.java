package org.deepfig.config;

import com.fasterxml.jackson.annotation.JsonProperty;

@Doc("How the zoo model is trained. The trained parameters are cached under a key derived from data, model, "
    + "train and seed, so changing only figures never retrains.")
public record TrainConfig(
    @Doc(value = "Passes over the training set", def = "3", min = "0", max = "1000") Integer epochs,
    @Doc(value = "Images per optimisation step", def = "64", min = "1", max = "65536") Integer batchSize,
    @Doc(value = "adam or sgd", def = "adam") Optimizer optimizer,
    @Doc(value = "Step size", defText = "0.001 (adam), 0.05 (sgd)", above = "0") Double learningRate,
    @Doc(value = "Momentum for sgd", def = "0.9", min = "0", max = "1") Double momentum,
    @Doc(value = "L2 weight decay", def = "0", min = "0") Double weightDecay,
    @Doc(value = "Epochs whose parameters are kept in the stage cache for figures drawn per epoch (histograms, "
        + "weights, playground, evolution): a list such as [0, 1, 2, 5, 10] (0 = the seeded initialisation) or "
        + "{every: N} (0, N, 2N, … and the last epoch); part of the training key",
        defText = "none (figures see the initialisation and the trained network)")
    SnapshotsConfig snapshots) {

  public enum Optimizer {
    @JsonProperty("adam") ADAM,
    @JsonProperty("sgd") SGD
  }

  public TrainConfig {
    if (learningRate == null) learningRate = optimizer == Optimizer.ADAM ? 0.001 : 0.05;
    if (snapshots != null && snapshots.epochs() != null) {
      int last = epochs;
      ConfigValueException.check(snapshots.epochs().stream().allMatch(e -> e <= last), "snapshots",
          "snapshots lists epoch " + snapshots.epochs().stream().mapToInt(Integer::intValue).max().orElse(0)
              + " but training runs " + epochs + " epochs", "list epochs from 0 to " + epochs);
    }
  }

  /** The options without snapshots (they are written by earlier code that knew none). */
  public TrainConfig(Integer epochs, Integer batchSize, Optimizer optimizer, Double learningRate, Double momentum,
      Double weightDecay) {
    this(epochs, batchSize, optimizer, learningRate, momentum, weightDecay, null);
  }

  /** The epochs whose snapshots training keeps, ascending; empty when {@code snapshots} is not set. */
  public java.util.List<Integer> snapshotEpochs() {
    return snapshots == null ? java.util.List.of() : snapshots.resolve(epochs);
  }

  public static TrainConfig defaults() {
    return Declared.defaults(TrainConfig.class);
  }
}
