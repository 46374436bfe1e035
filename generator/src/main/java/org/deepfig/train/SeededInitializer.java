package org.deepfig.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.SplittableRandom;

/**
 * DJL's default weight initialisation (He et al. 2015: normal with standard deviation √(2 / fan-in), fan-in = input
 * channels × kernel area; DJL's {@code XavierInitializer(GAUSSIAN, IN, 2)}), drawn from this object's own seeded
 * generator instead of libtorch's process-wide one: the initial network depends on its seed alone, not on what else
 * the process drew before, and nothing needs {@code Engine.setRandomSeed}. The parameters are drawn in the order the
 * block initialises them, which is fixed.
 */
public final class SeededInitializer implements Initializer {
  private final SplittableRandom random;

  public SeededInitializer(long seed) {
    random = new SplittableRandom(seed);
  }

  @Override
  public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
    if (shape.dimension() < 2) {
      throw new IllegalArgumentException("a weight needs at least 2 dimensions, got " + shape);
    }
    long fanIn = shape.get(1);
    for (int i = 2; i < shape.dimension(); i++) fanIn *= shape.get(i);
    double sd = Math.sqrt(2.0 / fanIn);
    float[] values = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < values.length; i++) values[i] = (float) (sd * random.nextGaussian());
    return manager.create(values, shape).toType(dataType, false);
  }
}
