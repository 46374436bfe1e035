package org.deepfig.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An input feature of a {@code toy2d} point (x, y), as the TensorFlow Playground offers them. */
public enum Toy2dFeature {
  @JsonProperty("x") X("x"),
  @JsonProperty("y") Y("y"),
  @JsonProperty("x2") X2("x²"),
  @JsonProperty("y2") Y2("y²"),
  @JsonProperty("xy") XY("xy"),
  @JsonProperty("sin_x") SIN_X("sin x"),
  @JsonProperty("sin_y") SIN_Y("sin y");

  private final String label;

  Toy2dFeature(String label) {
    this.label = label;
  }

  /** How figures write the feature (x², sin x). */
  public String label() {
    return label;
  }

  public double of(double x, double y) {
    return switch (this) {
      case X -> x;
      case Y -> y;
      case X2 -> x * x;
      case Y2 -> y * y;
      case XY -> x * y;
      case SIN_X -> Math.sin(x);
      case SIN_Y -> Math.sin(y);
    };
  }
}
