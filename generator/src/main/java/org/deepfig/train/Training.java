package org.deepfig.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.deepfig.Progress;
import org.deepfig.config.TrainConfig;
import org.deepfig.data.Dataset;
import org.deepfig.data.ImageSet;
import org.deepfig.model.Network;
import org.deepfig.config.Seeds;
import ai.djl.nn.Parameter;

/**
 * Trains a network with DJL: initialisation and shuffling seeded through {@link Seeds}, Adam or SGD, one native
 * sub-manager per batch (nothing accumulates across steps), train and test loss/accuracy per epoch.
 */
public final class Training {
  private Training() {}

  /**
   * Initialises {@code model}'s block (seeded) and trains it for {@code cfg.epochs()}; {@code model} keeps the
   * trained parameters.
   */
  public static TrainingHistory run(Model model, Network net, Dataset data, TrainConfig cfg, long seed,
      Progress progress, Consumer<Network> afterInitialise) {
    return run(model, net, data, cfg, seed, progress, afterInitialise, e -> {});
  }

  /**
   * As {@link #run(Model, Network, Dataset, TrainConfig, long, Progress, Consumer)}, calling {@code afterEpoch} with
   * the epoch's number (from 1) once its last step is taken, before its test evaluation: where snapshots are saved.
   */
  public static TrainingHistory run(Model model, Network net, Dataset data, TrainConfig cfg, long seed,
      Progress progress, Consumer<Network> afterInitialise, java.util.function.IntConsumer afterEpoch) {
    ImageSet train = data.train();
    DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
        .optOptimizer(optimizer(cfg))
        .optDevices(new Device[] {model.getNDManager().getDevice()});
    List<EpochStats> epochs = new ArrayList<>();
    // weights from the run seed through Seeds, not libtorch's process-wide generator (Engine.setRandomSeed)
    model.getBlock().setInitializer(new SeededInitializer(Seeds.derive(seed, "initialisation", 0)),
        Parameter.Type.WEIGHT);
    try (Trainer trainer = model.newTrainer(tc)) {
      trainer.initialize(Batches.shape(train, 1));
      afterInitialise.accept(net);
      int bs = cfg.batchSize();
      Batches batches = new Batches(train, bs);
      Random shuffle = new Random(Seeds.derive(seed, "shuffle", 0));
      skipSumOfGradientsCheck(trainer);
      boolean firstStep = true;
      for (int epoch = 1; epoch <= cfg.epochs(); epoch++) {
        int[] order = permutation(train.size(), shuffle);
        double lossSum = 0;
        long correct = 0;
        long start = System.nanoTime();
        try (Progress.Task task = progress.start("epoch " + epoch + "/" + cfg.epochs(), train.size())) {
          for (int from = 0; from < train.size(); from += bs) {
            int to = Math.min(train.size(), from + bs);
            try (NDManager m = trainer.getManager().newSubManager()) {
              NDArray x = batches.images(m, order, from, to);
              NDArray y = Batches.labels(m, train, order, from, to);
              try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
                NDArray loss = trainer.getLoss().evaluate(new NDList(y), new NDList(logits));
                gc.backward(loss);
                lossSum += loss.getFloat() * (to - from);
                correct += logits.argMax(1).toType(y.getDataType(), false).eq(y).sum().getLong();
              }
              if (firstStep) {
                checkGradientsFlow(model);
                firstStep = false;
              }
              trainer.step();
            }
            task.step(to - from);
          }
          double seconds = (System.nanoTime() - start) / 1e9;
          afterEpoch.accept(epoch);
          Evaluation test = Evaluation.of(net, trainer.getManager(), data.test(), data.numClasses(), 256, null);
          EpochStats stats = new EpochStats(epoch, lossSum / train.size(), (double) correct / train.size(),
              test.loss(), test.accuracy(), seconds, train.size() / seconds);
          epochs.add(stats);
          task.message(String.format("loss %.3f, test accuracy %.1f%%", stats.trainLoss(), 100 * stats.testAccuracy()));
        }
      }
    }
    return new TrainingHistory(epochs);
  }

  /**
   * DJL's first {@link Trainer#step} checks that backward was called by summing every trainable gradient and failing
   * when the sum is exactly 0. When only a softmax classifier trains (transfer with every layer below it frozen) that
   * sum is 0 by mathematics — each sample's logit gradients p − y sum to 0 over the classes, for the bias and for every
   * column of the weights — so rounding decided whether such a training started ("Gradient values are all zeros" with
   * one thread, not with two). deepfig makes the check itself ({@link #checkGradientsFlow}: some gradient is non-zero)
   * and marks DJL's as done; the flag is private, so if a DJL version renames it, DJL's own check simply stays.
   */
  static void skipSumOfGradientsCheck(Trainer trainer) {
    try {
      java.lang.reflect.Field checked = Trainer.class.getDeclaredField("gradientsChecked");
      checked.setAccessible(true);
      checked.setBoolean(trainer, true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // DJL's check runs as before
    }
  }

  /** Fails when no trainable parameter of {@code model} has a non-zero gradient (backward was not reached). */
  static void checkGradientsFlow(Model model) {
    boolean any = false;
    try (NDManager scoped = model.getNDManager().newSubManager()) {
      for (Parameter p : model.getBlock().getParameters().values()) {
        if (!p.requiresGradient() || !p.isInitialized()) continue;
        NDArray gradient = p.getArray().getGradient();
        scoped.tempAttachAll(gradient); // back to its manager when scoped closes, which closes what came from it
        if (gradient.abs().max().getFloat() != 0) {
          any = true;
          break;
        }
      }
    }
    if (!any) {
      throw new IllegalStateException("every trainable gradient is zero after the first backward pass: nothing "
          + "would learn");
    }
  }

  private static Optimizer optimizer(TrainConfig cfg) {
    Tracker lr = Tracker.fixed(cfg.learningRate().floatValue());
    float wd = cfg.weightDecay().floatValue();
    return switch (cfg.optimizer()) {
      case ADAM -> Optimizer.adam().optLearningRateTracker(lr).optWeightDecays(wd).build();
      case SGD -> Optimizer.sgd().setLearningRateTracker(lr).optMomentum(cfg.momentum().floatValue())
          .optWeightDecays(wd).build();
    };
  }

  static int[] permutation(int n, Random random) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) p[i] = i;
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
