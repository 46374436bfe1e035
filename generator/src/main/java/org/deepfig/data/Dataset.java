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
}
