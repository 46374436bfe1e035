package org.deepfig.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerNodeDescribeTest {
  @Test
  void layersWithoutAKindAreDescribedByTheirModuleClass() {
    LayerNode block = new LayerNode("encoder.layers.encoder_layer_0", LayerKind.OTHER, new Shape(197, 768), 7087872,
        null, List.of("conv_proj"), null, "EncoderBlock");
    assertEquals("EncoderBlock", block.describe());
    LayerNode unknown = new LayerNode("x", LayerKind.OTHER, new Shape(4), 0, null, List.of(), null);
    assertEquals("Layer", unknown.describe());
    LayerNode conv = new LayerNode("conv1", LayerKind.CONV, new Shape(64, 112, 112), 9408,
        new Geometry(7, 2, 3, 1), List.of(), null, "Conv2d");
    assertEquals("Conv 7×7 /2", conv.describe(), "known kinds keep their own description");
  }
}
