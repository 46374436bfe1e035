package org.deepfig.config;

import com.fasterxml.jackson.annotation.JsonProperty;

@Doc("The network: a zoo architecture trained by deepfig, or your own TorchScript file.")
public record ModelConfig(
    @Doc(value = "Zoo architecture: mlp, lenet5, vgg (small VGG-style CNN) or resnet (small ResNet)", def = "lenet5")
    Arch arch,
    @Doc(value = "A TorchScript file to load instead of training a zoo model (relative to the config file)")
    String file) {

  public enum Arch {
    @JsonProperty("mlp") MLP,
    @JsonProperty("lenet5") LENET5,
    @JsonProperty("vgg") VGG,
    @JsonProperty("resnet") RESNET
  }

  public ModelConfig {
    if (arch == null) arch = Arch.LENET5;
    ConfigValueException.check(file == null, "file", "loading a TorchScript model (model.file) is not "
        + "implemented yet", "remove model.file and choose a zoo model with model.arch");
  }

  public static ModelConfig defaults() {
    return new ModelConfig(null, null);
  }
}
