package org.deepfig.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where the images come from. */
public enum DataSource {
  /** The embedded synthetic dataset: generated from the seed, no download. */
  @JsonProperty("shapes") SHAPES,
  /** MNIST / Fashion-MNIST IDX files, gzipped or raw. */
  @JsonProperty("idx") IDX,
  /** The CIFAR-10 binary format. */
  @JsonProperty("cifar10") CIFAR10,
  /** One sub-folder per class of PNG/JPEG images. */
  @JsonProperty("folder") FOLDER,
  /** The TensorFlow Playground's two-class point sets (circles, xor, gaussian, spiral): vectors, not images. */
  @JsonProperty("toy2d") TOY2D
}
