package org.deepfig.analysis.audit;

import org.deepfig.data.ImageSet;
import org.deepfig.train.Evaluation;

/**
 * A classifier's softmax probabilities on a labelled set, the one input of the audit figures (metrics, calibration,
 * mistakes): plain Java, so the measures are tested on hand-made tables. Taken from the run's test {@link Evaluation},
 * which computes them once for every figure.
 *
 * @param labels the true class of each image
 * @param probabilities {@code probabilities[i * classes + c]}: the probability the model gives image i being class c
 */
public record Predictions(int[] labels, float[] probabilities, int classes) {
  public Predictions {
    if (classes < 1 || probabilities.length != labels.length * classes) {
      throw new IllegalArgumentException(labels.length + " labels, " + classes + " classes but "
          + probabilities.length + " probabilities");
    }
    for (int y : labels) {
      if (y < 0 || y >= classes) throw new IllegalArgumentException("label " + y + " is not a class 0.." + (classes - 1));
    }
  }

  /** The test split's labels with the evaluation's probabilities. */
  public static Predictions of(Evaluation eval, ImageSet set) {
    int[] labels = new int[set.size()];
    for (int i = 0; i < labels.length; i++) labels[i] = set.label(i);
    return new Predictions(labels, eval.probabilities(), eval.classes());
  }

  /** From rows of probabilities (tests write tables this way). */
  public static Predictions ofRows(int[] labels, double[][] rows) {
    int k = rows.length == 0 ? 1 : rows[0].length;
    float[] p = new float[labels.length * k];
    for (int i = 0; i < rows.length; i++) {
      for (int c = 0; c < k; c++) p[i * k + c] = (float) rows[i][c];
    }
    return new Predictions(labels, p, k);
  }

  public int size() {
    return labels.length;
  }

  public double p(int i, int c) {
    return probabilities[i * classes + c];
  }

  /** The arg-max class (the first of equal maxima, as PyTorch's argmax). */
  public int predicted(int i) {
    int best = 0;
    for (int c = 1; c < classes; c++) if (probabilities[i * classes + c] > probabilities[i * classes + best]) best = c;
    return best;
  }

  /** The probability of the predicted class. */
  public double confidence(int i) {
    return p(i, predicted(i));
  }

  public boolean correct(int i) {
    return predicted(i) == labels[i];
  }

  /** These images only, in this order. */
  public Predictions subset(int[] indices) {
    int[] l = new int[indices.length];
    float[] p = new float[indices.length * classes];
    for (int j = 0; j < indices.length; j++) {
      l[j] = labels[indices[j]];
      System.arraycopy(probabilities, indices[j] * classes, p, j * classes, classes);
    }
    return new Predictions(l, p, classes);
  }
}
