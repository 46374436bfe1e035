package org.deepfig.data;

import java.util.List;

/**
 * What a dataset is, read from its headers, listings and sizes without decoding its images: what a config's figures
 * can refer to (classes, test-image indices) and the image shape a model is built for.
 */
public record DataSummary(String name, List<String> classNames, int channels, int height, int width, int trainSize,
    int testSize) {
  public DataSummary {
    classNames = List.copyOf(classNames);
  }

  /** The summary of a loaded dataset. */
  public static DataSummary of(Dataset d) {
    ImageSet t = d.test();
    return new DataSummary(d.name(), d.classNames(), t.channels(), t.height(), t.width(), d.train().size(), t.size());
  }

  public int numClasses() {
    return classNames.size();
  }
}
