package org.deepfig.data;

import java.nio.file.Path;
import java.util.List;

/**
 * A labelled image dataset: its name, class names (carried to every figure), train and test splits, and the files it
 * was read from (hashed into the run manifest; empty for generated data).
 */
public record Dataset(String name, List<String> classNames, ImageSet train, ImageSet test, List<Path> sourceFiles) {
  public Dataset {
    classNames = List.copyOf(classNames);
    sourceFiles = List.copyOf(sourceFiles);
  }

  public int numClasses() {
    return classNames.size();
  }

  /**
   * The classes the test images are of, ascending — all of them for most data sets, a few of the outputs for an
   * ImageNet-style folder read by a 1,000-class model.
   */
  public int[] testClasses() {
    boolean[] seen = new boolean[classNames.size()];
    int count = 0;
    for (int i = 0; i < test.size() && count < seen.length; i++) {
      int label = test.label(i);
      if (label >= 0 && label < seen.length && !seen[label]) {
        seen[label] = true;
        count++;
      }
    }
    int[] present = new int[count];
    for (int c = 0, k = 0; c < seen.length; c++) if (seen[c]) present[k++] = c;
    return present;
  }
}
