package org.deepfig.probe;

import ai.djl.ndarray.types.Shape;
import java.util.Map;

/**
 * Activations of named layers for one batch, copied out of native memory: per layer a flat float array (N × the
 * layer's output shape, row-major) and that shape (with the batch axis).
 */
public record Activations(Map<String, float[]> values, Map<String, Shape> shapes, float[] logits, int batch) {
  public float[] of(String layer) {
    float[] v = values.get(layer);
    if (v == null) throw new IllegalArgumentException("layer " + layer + " was not probed");
    return v;
  }

  public Shape shape(String layer) {
    return shapes.get(layer);
  }

  /** Values per example for a layer (the product of its output shape). */
  public int perExample(String layer) {
    return (int) (shapes.get(layer).size() / batch);
  }
}
