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
    List<Integer> inputShape) {

  public enum Arch {
    @JsonProperty("mlp") MLP,
    @JsonProperty("lenet5") LENET5,
    @JsonProperty("vgg") VGG,
    @JsonProperty("resnet") RESNET
  }

  public ModelConfig {
    if (arch == null) arch = Arch.LENET5;
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
    return new ModelConfig(null, null, null);
  }
}
