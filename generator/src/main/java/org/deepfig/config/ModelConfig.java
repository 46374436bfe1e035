package org.deepfig.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

@Doc("The network: a zoo architecture trained by deepfig, or your own TorchScript file.")
public record ModelConfig(
    @Doc(value = "Zoo architecture: mlp, lenet5, vgg (small VGG-style CNN) or resnet (small ResNet)", def = "lenet5")
    Arch arch,
    @Doc(value = "A TorchScript file to load instead of training a zoo model (relative to the config file)")
    String file,
    @Doc(value = "With file: the [C, H, W] input the model expects; checked against the dataset's images (optional: "
        + "the model's sidecar or a trial batch checks it too)", min = "1", max = "512")
    List<Integer> inputShape,
    @Doc(value = "For mlp: the width of each hidden layer, input side first (fc1, fc2, …)", defText = "[256, 128]",
        min = "1", max = "4096")
    List<Integer> hidden,
    @Doc(value = "For mlp: the activation after each hidden layer: relu, tanh or sigmoid", defText = "relu")
    Activation activation) {

  public enum Arch {
    @JsonProperty("mlp") MLP,
    @JsonProperty("lenet5") LENET5,
    @JsonProperty("vgg") VGG,
    @JsonProperty("resnet") RESNET
  }

  public enum Activation {
    @JsonProperty("relu") RELU,
    @JsonProperty("tanh") TANH,
    @JsonProperty("sigmoid") SIGMOID
  }

  public ModelConfig {
    if (hidden != null) {
      hidden = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(hidden));
      ConfigValueException.check(!hidden.isEmpty() && !hidden.contains(null), "hidden",
          "hidden lists no layer width", "list widths such as [8, 8]");
      ConfigValueException.check(hidden.size() <= 16, "hidden", "hidden lists " + hidden.size()
          + " layers, at most 16", "list at most 16 widths");
    }
    ConfigValueException.check(arch == Arch.MLP || (hidden == null && activation == null),
        hidden != null ? "hidden" : "activation", (hidden != null ? "hidden" : "activation")
            + " applies to the mlp architecture only", "set model.arch: mlp, or remove it");
    if (inputShape != null) {
      inputShape = List.copyOf(inputShape);
      ConfigValueException.check(inputShape.size() == 3, "input_shape",
          "input_shape must be [C, H, W], got " + inputShape, "write it as [3, 32, 32] (channels, height, width)");
      ConfigValueException.between("input_shape", inputShape.get(0), 1, 3);
      for (int v : inputShape.subList(1, 3)) ConfigValueException.between("input_shape", v, 8, 512);
      ConfigValueException.check(file != null, "input_shape", "input_shape only applies to a model file",
          "set model.file, or remove input_shape (zoo models take the dataset's shape)");
    }
  }

  public static ModelConfig defaults() {
    return Declared.defaults(ModelConfig.class);
  }

  /** A model section without the mlp options. */
  public ModelConfig(Arch arch, String file, List<Integer> inputShape) {
    this(arch, file, inputShape, null, null);
  }

  /** The mlp's hidden widths ([256, 128] unless set). */
  public List<Integer> hiddenWidths() {
    return hidden == null ? List.of(256, 128) : hidden;
  }

  /**
   * The mlp's activation (relu unless set). Not the record's own accessor: that one stays null when unset, so the
   * config written into the manifest (and read back by verify) names no activation for other architectures.
   */
  public Activation mlpActivation() {
    return activation == null ? Activation.RELU : activation;
  }
}
