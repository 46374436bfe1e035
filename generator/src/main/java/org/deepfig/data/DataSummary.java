package org.deepfig.data;

import java.util.List;

/**
 * What a dataset is, read from its headers, listings and sizes without decoding its images: what a config's figures
 * can refer to (classes, test-image indices) and the image shape a model is built for.
 */
public record DataSummary(String name, List<String> classNames, int channels, int height, int width, int trainSize,
    int testSize, boolean vectors) {
  public DataSummary {
    classNames = List.copyOf(classNames);
  }

  /** A summary of image data. */
  public DataSummary(String name, List<String> classNames, int channels, int height, int width, int trainSize,
      int testSize) {
    this(name, classNames, channels, height, width, trainSize, testSize, false);
  }

  /** The summary of a loaded dataset. */
  public static DataSummary of(Dataset d) {
    ImageSet t = d.test();
    return new DataSummary(d.name(), d.classNames(), t.channels(), t.height(), t.width(), d.train().size(), t.size(),
        t.vectors());
  }

  public int numClasses() {
    return classNames.size();
  }
}
