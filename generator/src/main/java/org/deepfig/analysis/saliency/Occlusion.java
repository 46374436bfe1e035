package org.deepfig.analysis.saliency;

import org.deepfig.probe.BatchBudget;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;

/**
 * Occlusion sensitivity (Zeiler & Fergus 2014, §4.2): slide a patch of the baseline value over the image and record
 * how much the target's probability drops; each pixel gets the mean drop of the patches covering it. All occluded
 * copies of an image are evaluated in batches.
 */
final class Occlusion implements Attribution {
  @Override
  public SaliencySpec.Method method() {
    return SaliencySpec.Method.OCCLUSION;
  }

  @Override
  public float[] attribute(SaliencyContext s, float[] images, int n, int[] targets) {
    int p = s.occlusionPatch();
    int stride = s.occlusionStride();
    int h = s.h();
    int w = s.w();
    int c = s.c();
    int len = s.len();
    float[] out = new float[n * h * w];
    java.util.List<int[]> positions = grid(h, w, p, stride);
    for (int i = 0; i < n; i++) {
      float base = baseline(s, images, i);
      float reference = probability(s, java.util.Arrays.copyOfRange(images, i * len, (i + 1) * len), 1,
          targets[i])[0];
      float[] sum = new float[h * w];
      float[] count = new float[h * w];
      int chunk = BatchBudget.MAX;
      for (int from = 0; from < positions.size(); from += chunk) {
        int b = Math.min(chunk, positions.size() - from);
        float[] batch = new float[b * len];
        for (int j = 0; j < b; j++) {
          System.arraycopy(images, i * len, batch, j * len, len);
          int[] pos = positions.get(from + j);
          for (int ch = 0; ch < c; ch++) {
            for (int y = pos[0]; y < Math.min(h, pos[0] + p); y++) {
              for (int x = pos[1]; x < Math.min(w, pos[1] + p); x++) batch[j * len + (ch * h + y) * w + x] = base;
            }
          }
        }
        float[] prob = probability(s, batch, b, targets[i]);
        for (int j = 0; j < b; j++) {
          int[] pos = positions.get(from + j);
          float drop = reference - prob[j];
          for (int y = pos[0]; y < Math.min(h, pos[0] + p); y++) {
            for (int x = pos[1]; x < Math.min(w, pos[1] + p); x++) {
              sum[y * w + x] += drop;
              count[y * w + x]++;
            }
          }
        }
      }
      for (int q = 0; q < h * w; q++) out[i * h * w + q] = count[q] == 0 ? 0 : sum[q] / count[q];
    }
    return out;
  }

  /** The patch positions (top-left corners) the method evaluates. */
  static java.util.List<int[]> grid(int h, int w, int p, int stride) {
    java.util.List<int[]> positions = new java.util.ArrayList<>();
    for (int y = 0; y + p <= h + stride - 1 && y < h; y += stride) {
      for (int x = 0; x + p <= w + stride - 1 && x < w; x += stride) positions.add(new int[] {y, x});
    }
    return positions;
  }

  /** How many patch positions (forward passes besides the unoccluded one) an image of h × w costs. */
  static int positions(int h, int w, int p, int stride) {
    return grid(h, w, p, stride).size();
  }

  private static float baseline(SaliencyContext s, float[] images, int i) {
    SaliencySpec.Baseline b = s.spec().occlusionBaseline();
    if (b == SaliencySpec.Baseline.ZERO) return 0f;
    if (b == SaliencySpec.Baseline.MEAN) {
      double m = 0;
      for (int p = 0; p < s.len(); p++) m += images[i * s.len() + p];
      return (float) (m / s.len());
    }
    return 0.5f;
  }

  /**
   * Softmax probability of {@code target} for each of b images, in forward passes of at most {@link BatchBudget}'s
   * size (the issue #15 crash: 256 occluded copies of a 224-px image through ResNet-50 at once).
   */
  static float[] probability(SaliencyContext s, float[] batch, int b, int target) {
    int per = BatchBudget.images(s.network(), false, false);
    float[] logits = null;
    int len = s.len();
    for (int from = 0; from < b; from += per) {
      int n = Math.min(per, b - from);
      float[] part = s.probe().logits(n == b ? batch : java.util.Arrays.copyOfRange(batch, from * len,
          (from + n) * len), s.shape(n));
      if (logits == null) logits = new float[b * (part.length / n)];
      System.arraycopy(part, 0, logits, from * (part.length / n), part.length);
    }
    int k = logits.length / b;
    try (NDManager m = s.manager().newSubManager()) {
      // in double, as the probabilities of a confident model differ from 1 by less than a float's resolution
      return m.create(logits, new Shape(b, k)).toType(DataType.FLOAT64, false).softmax(1)
          .get(new NDIndex(":, {}", target)).toType(DataType.FLOAT32, false).toFloatArray();
    }
  }
}
