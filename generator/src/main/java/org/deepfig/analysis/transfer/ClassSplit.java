package org.deepfig.analysis.transfer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.deepfig.UserError;
import org.deepfig.data.Dataset;
import org.deepfig.data.ImageSet;

/**
 * The two halves of the classes, A and B, each as indices into the dataset's classes in ascending order: named
 * ({@code split:} lists half A) or a seeded random half (A gets the smaller half when the count is odd).
 */
record ClassSplit(int[] a, int[] b) {
  static ClassSplit of(List<String> classes, List<String> named, long seed) {
    int n = classes.size();
    if (n < 2) {
      throw new UserError("transfer", "the dataset has " + n + " class; transfer splits the classes into two "
          + "halves", "use a dataset with at least two classes");
    }
    boolean[] inA = new boolean[n];
    if (named != null) {
      for (String c : named) {
        int i = classes.indexOf(c);
        if (i < 0) {
          throw new UserError("transfer: split", "no class named '" + c + "'",
              "use some of: " + String.join(", ", classes));
        }
        inA[i] = true;
      }
      if (named.size() == n) {
        throw new UserError("transfer: split", "split names every class, leaving half B empty",
            "name only the classes of half A");
      }
    } else {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < n; i++) order.add(i);
      java.util.Collections.shuffle(order, new Random(seed));
      for (int i = 0; i < n / 2; i++) inA[order.get(i)] = true;
    }
    int[] a = java.util.stream.IntStream.range(0, n).filter(i -> inA[i]).toArray();
    int[] b = java.util.stream.IntStream.range(0, n).filter(i -> !inA[i]).toArray();
    return new ClassSplit(a, b);
  }

  static List<String> names(List<String> classes, int[] half) {
    return Arrays.stream(half).mapToObj(classes::get).toList();
  }

  /** The dataset restricted to {@code half}'s classes, relabelled 0.. in the half's order. */
  static Dataset subset(Dataset data, int[] half, String suffix) {
    return new Dataset(data.name() + " " + suffix, names(data.classNames(), half), new Subset(data.train(), half),
        new Subset(data.test(), half), data.sourceFiles());
  }

  /** The images of some classes of a split, relabelled. */
  static final class Subset implements ImageSet.Picked {
    private final ImageSet base;
    private final int[] index;
    private final int[] label;

    Subset(ImageSet base, int[] classes) {
      this.base = base;
      int[] newLabel = new int[Arrays.stream(classes).max().orElse(0) + 1];
      Arrays.fill(newLabel, -1);
      for (int i = 0; i < classes.length; i++) newLabel[classes[i]] = i;
      int count = 0;
      int[] idx = new int[base.size()];
      int[] lab = new int[base.size()];
      for (int i = 0; i < base.size(); i++) {
        int l = base.label(i);
        if (l < newLabel.length && newLabel[l] >= 0) {
          idx[count] = i;
          lab[count++] = newLabel[l];
        }
      }
      this.index = Arrays.copyOf(idx, count);
      this.label = Arrays.copyOf(lab, count);
    }

    @Override
    public int size() {
      return index.length;
    }

    @Override
    public ImageSet source() {
      return base;
    }

    @Override
    public int label(int i) {
      return label[i];
    }

    @Override
    public void copyImage(int i, float[] dst, int offset) {
      base.copyImages(index[i], index[i] + 1, dst, offset);
    }
  }
}
