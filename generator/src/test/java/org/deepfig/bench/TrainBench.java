package org.deepfig.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Locale;
import org.deepfig.Progress;
import org.deepfig.config.ModelConfig.Arch;
import org.deepfig.config.TrainConfig;
import org.deepfig.data.ArrayImageSet;
import org.deepfig.data.Dataset;
import org.deepfig.data.IdxDataset;
import org.deepfig.model.ModelZoo;
import org.deepfig.model.Net;
import org.deepfig.train.EpochStats;
import org.deepfig.train.Evaluation;
import org.deepfig.train.Training;
import org.deepfig.train.TrainingHistory;

/**
 * LeNet-5 on Fashion-MNIST through deepfig's training loop: training images/s (one epoch over the first N training
 * images, steps only) and forward images/s (the 10,000 test images in batches of 256). Run by
 * bench/train-throughput.sh beside the same model in PyTorch.
 */
public final class TrainBench {
  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist");
    int limit = args.length > 1 ? Integer.parseInt(args[1]) : 20000;
    Dataset full = IdxDataset.load(dir, "fashion-mnist", limit, 0);
    Dataset data = new Dataset(full.name(), full.classNames(), full.train(), full.test(), full.sourceFiles());
    Net net = ModelZoo.create(Arch.LENET5, new Shape(1, 28, 28), data.classNames(), new float[] {0.286f},
        new float[] {0.353f});
    TrainConfig cfg = org.deepfig.config.Declared.create(TrainConfig.class, 1, 64, TrainConfig.Optimizer.ADAM, 0.002, null, null,
        null);
    try (Model model = Model.newInstance("bench", Device.cpu(), "PyTorch")) {
      model.setBlock(net);
      TrainingHistory h = Training.run(model, net, data, cfg, 0, Progress.SILENT, n -> {});
      EpochStats e = h.epochs().get(0);
      try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
        Evaluation.of(net, m, ((ArrayImageSet) data.test()).head(2048), 10, 256, null); // warm-up
        long start = System.nanoTime();
        Evaluation ev = Evaluation.of(net, m, data.test(), 10, 256, null);
        double fwd = data.test().size() / ((System.nanoTime() - start) / 1e9);
        System.out.printf(Locale.ROOT, "deepfig (DJL %s): train_images_per_s=%.0f forward_images_per_s=%.0f "
            + "test_accuracy_after_1_epoch=%.3f%n", ai.djl.engine.Engine.getDjlVersion(), e.imagesPerSecond(), fwd,
            ev.accuracy());
      }
    }
  }
}
