package org.deepfig.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import org.deepfig.Progress;
import org.deepfig.UserError;
import org.deepfig.data.ImageSet;
import org.deepfig.model.Network;
import org.deepfig.model.Taps;

/**
 * A network's predictions over a split: mean loss, accuracy, the confusion matrix (rows: true class, columns:
 * predicted), per-image predicted class and softmax probability, and every image's softmax probabilities (computed
 * once here and shared by the figures that need them: metrics, calibration, mistakes).
 *
 * @param probabilities the softmax of the logits, image by image: {@code probabilities[i * classes + c]}
 */
public record Evaluation(double loss, double accuracy, long[][] confusion, int[] predicted, float[] confidence,
    float[] probabilities) {

  public static Evaluation of(Network net, NDManager parent, ImageSet set, int numClasses, int batchSize,
      Progress.Task task) {
    long[][] confusion = new long[numClasses][numClasses];
    int[] predicted = new int[set.size()];
    float[] confidence = new float[set.size()];
    float[] probabilities = new float[Math.multiplyExact(set.size(), numClasses)];
    double lossSum = 0;
    long correct = 0;
    Batches batches = new Batches(set, batchSize);
    Loss loss = Loss.softmaxCrossEntropyLoss();
    for (int from = 0; from < set.size(); from += batchSize) {
      int to = Math.min(set.size(), from + batchSize);
      try (NDManager m = parent.newSubManager()) {
        ParameterStore ps = new ParameterStore(m, false);
        NDArray x = batches.images(m, from, to);
        NDArray y = Batches.labels(m, set, null, from, to);
        NDArray logits = net.forward(ps, x, false, Taps.NONE);
        if (logits.isNaN().any().getBoolean() || logits.isInfinite().any().getBoolean()) {
          throw nonFinite(net, from, to);
        }
        lossSum += loss.evaluate(new NDList(y), new NDList(logits)).getFloat() * (to - from);
        NDArray probs = logits.softmax(1);
        long[] arg = probs.argMax(1).toLongArray();
        float[] p = probs.max(new int[] {1}).toFloatArray();
        float[] all = probs.toFloatArray();
        System.arraycopy(all, 0, probabilities, from * numClasses, all.length);
        for (int i = 0; i < arg.length; i++) {
          int truth = set.label(from + i);
          predicted[from + i] = (int) arg[i];
          confidence[from + i] = p[i];
          confusion[truth][(int) arg[i]]++;
          if (arg[i] == truth) correct++;
        }
      }
      if (task != null) task.step(to - from);
    }
    return new Evaluation(lossSum / set.size(), (double) correct / set.size(), confusion, predicted, confidence,
        probabilities);
  }

  /** The number of classes. */
  public int classes() {
    return confusion.length;
  }

  /** NaN or infinite logits have no arg-max worth counting (it would say class 0 and report chance accuracy). */
  private static UserError nonFinite(Network net, int from, int to) {
    String what = "the model outputs NaN or infinite logits (test images " + from + "–" + (to - 1) + ")";
    return net.imported()
        ? new UserError("model.file", what, "check the model in PyTorch, and data.mean / data.std (deepfig feeds it "
            + "normalised images)")
        : new UserError("train.learning_rate", what + ": training diverged",
            "lower train.learning_rate (a tenth of it, say) and run again");
  }

  /** Recall per class: the diagonal over the row sums (NaN for a class with no test images). */
  public double[] perClassAccuracy() {
    double[] out = new double[confusion.length];
    for (int c = 0; c < confusion.length; c++) {
      long row = 0;
      for (long v : confusion[c]) row += v;
      out[c] = row == 0 ? Double.NaN : (double) confusion[c][c] / row;
    }
    return out;
  }
}
