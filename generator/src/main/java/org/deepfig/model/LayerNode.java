package org.deepfig.model;

import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * One layer of a network's graph.
 *
 * @param name stable, human-readable name ({@code conv1}, {@code res2.conv1}); used in configs and figures
 * @param kind what the layer does
 * @param outputShape output shape of one example (no batch axis), e.g. (6, 28, 28)
 * @param parameters number of trainable values
 * @param geometry kernel/stride/padding/dilation for spatial layers, {@link Geometry#IDENTITY} for position-wise ones,
 *     null once positions are gone (flatten, linear)
 * @param inputs names of the layers whose outputs feed this one; empty for the first layer (it reads the image),
 *     two for a residual addition
 * @param group the residual block this layer belongs to ({@code res2}), or null
 * @param module the framework's class name of the layer when deepfig has no kind for it ({@code EncoderBlock},
 *     {@code LayerNorm} in an exported ViT), or null; described by it instead of the generic "Layer"
 */
public record LayerNode(String name, LayerKind kind, Shape outputShape, long parameters, Geometry geometry,
    List<String> inputs, String group, String module) {
  public LayerNode {
    inputs = List.copyOf(inputs);
  }

  public LayerNode(String name, LayerKind kind, Shape outputShape, long parameters, Geometry geometry,
      List<String> inputs, String group) {
    this(name, kind, outputShape, parameters, geometry, inputs, group, null);
  }

  /** Channels (the first axis of the output). */
  public int channels() {
    return (int) outputShape.get(0);
  }

  /** Whether the output still has spatial axes (C×H×W). */
  public boolean isSpatial() {
    return outputShape.dimension() == 3;
  }

  /** A short description: {@code Conv 5×5/1, 6×28×28}. */
  public String describe() {
    StringBuilder sb = new StringBuilder(kind == LayerKind.OTHER && module != null && !module.isBlank() ? module
        : kind.label());
    if (geometry != null && kind.isSpatial()) {
      sb.append(' ').append(geometry.kernel()).append('×').append(geometry.kernel());
      if (geometry.stride() != 1) sb.append(" /").append(geometry.stride());
    }
    return sb.toString();
  }

  public String shapeText() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < outputShape.dimension(); i++) {
      if (i > 0) sb.append('×');
      sb.append(outputShape.get(i));
    }
    return sb.toString();
  }

  /**
   * For a vision transformer's token layer (output tokens × features, the first token the class token and the rest
   * a square patch grid): the grid's side; 0 for any other layer. Grad-CAM reshapes such a layer to its patch layout.
   */
  public int tokenGridSide() {
    if (outputShape.dimension() != 2) return 0;
    long patches = outputShape.get(0) - 1;
    int side = (int) Math.round(Math.sqrt(patches));
    return patches >= 4 && (long) side * side == patches ? side : 0;
  }
}
