package org.deepfig.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where tensors live: {@code auto} takes the first CUDA GPU when PyTorch sees one, else the CPU. */
public enum DeviceChoice {
  @JsonProperty("auto") AUTO,
  @JsonProperty("cpu") CPU,
  @JsonProperty("gpu") GPU
}
