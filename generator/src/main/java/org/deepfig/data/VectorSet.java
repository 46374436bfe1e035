package org.deepfig.data;

import java.util.List;
import org.deepfig.config.Toy2dFeature;

/**
 * A split of vector data: each sample is a point (x, y) of the plane given to the network as a vector of features
 * ({@link Toy2dFeature}: x, y, x², …), not an image. {@link #channels()} is the number of features and the network
 * sees N×F batches ({@link #sampleDims()}); height and width are 1 only so that code counting values per sample
 * ({@link #imageLength()}) stays right. Figures that draw images refuse it ({@code AnalysisKind#needsImages}).
 */
public final class VectorSet implements ImageSet {
  private final float[] points; // N×2: x, y
  private final int[] labels;
  private final List<Toy2dFeature> features;
  private final float[] inputs; // N×F

  public VectorSet(float[] points, int[] labels, List<Toy2dFeature> features) {
    if (points.length != 2 * labels.length) throw new IllegalArgumentException("points must be N×2");
    this.points = points;
    this.labels = labels;
    this.features = List.copyOf(features);
    this.inputs = new float[labels.length * features.size()];
    for (int i = 0; i < labels.length; i++) {
      float[] f = inputs(points[2 * i], points[2 * i + 1]);
      System.arraycopy(f, 0, inputs, i * f.length, f.length);
    }
  }

  /** The network's input for the point (x, y): the features in order. */
  public float[] inputs(double x, double y) {
    float[] out = new float[features.size()];
    for (int f = 0; f < out.length; f++) out[f] = (float) features.get(f).of(x, y);
    return out;
  }

  public List<Toy2dFeature> features() {
    return features;
  }

  /** Point {@code i}'s x. */
  public float x(int i) {
    return points[2 * i];
  }

  /** Point {@code i}'s y. */
  public float y(int i) {
    return points[2 * i + 1];
  }

  @Override
  public boolean vectors() {
    return true;
  }

  @Override
  public int size() {
    return labels.length;
  }

  @Override
  public int channels() {
    return features.size();
  }

  @Override
  public int height() {
    return 1;
  }

  @Override
  public int width() {
    return 1;
  }

  @Override
  public int label(int i) {
    return labels[i];
  }

  @Override
  public void copyImages(int from, int to, float[] dst, int offset) {
    int f = features.size();
    System.arraycopy(inputs, from * f, dst, offset, (to - from) * f);
  }
}
