package org.deepfig.model;

/** What a layer does, in the field's words; analyses choose layers by kind (e.g. every CONV, every RELU). */
public enum LayerKind {
  CONV("Conv"),
  LINEAR("Linear"),
  RELU("ReLU"),
  TANH("Tanh"),
  SIGMOID("Sigmoid"),
  MAX_POOL("MaxPool"),
  AVG_POOL("AvgPool"),
  GLOBAL_AVG_POOL("GlobalAvgPool"),
  FLATTEN("Flatten"),
  BATCH_NORM("BatchNorm"),
  DROPOUT("Dropout"),
  ADD("Add"),
  OTHER("Layer");

  private final String label;

  LayerKind(String label) {
    this.label = label;
  }

  /** The name shown in diagrams. */
  public String label() {
    return label;
  }

  /** Whether the layer changes spatial positions' reach (and so enters receptive-field arithmetic). */
  public boolean isSpatial() {
    return this == CONV || this == MAX_POOL || this == AVG_POOL;
  }
}
