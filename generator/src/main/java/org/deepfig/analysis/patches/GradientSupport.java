package org.deepfig.analysis.patches;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.deepfig.probe.Probe;

/**
 * The receptive field measured instead of derived, for models whose geometry deepfig does not know: the input pixels
 * with a non-zero gradient of a unit's activation (summed over channels, so one dead channel does not hide it),
 * united over a batch of random images so that max pooling's single routes and ReLU's zeros cover the whole field.
 */
public final class GradientSupport {
  private GradientSupport() {}

  /** {y0, x0, y1, x1} (exclusive ends) of the support of layer's position (y, x), over {@code samples} images. */
  public static int[] of(Probe probe, Shape image, String layer, int y, int x, int samples, long seed) {
    int c = (int) image.get(0);
    int h = (int) image.get(1);
    int w = (int) image.get(2);
    float[] images = new float[samples * c * h * w];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < images.length; i++) images[i] = (float) r.nextDouble();
    NDArray[] held = new NDArray[1];
    float[] grad = probe.inputGradient(images, new Shape(samples, c, h, w),
        logits -> held[0].get(new NDIndex(":, :, {}, {}", y, x)).sum(),
        (node, in, out) -> {
          if (node.name().equals(layer)) held[0] = out;
          return out;
        });
    int y0 = h;
    int x0 = w;
    int y1 = 0;
    int x1 = 0;
    for (int s = 0; s < samples; s++) {
      for (int ch = 0; ch < c; ch++) {
        for (int py = 0; py < h; py++) {
          for (int px = 0; px < w; px++) {
            if (grad[((s * c + ch) * h + py) * w + px] != 0) {
              y0 = Math.min(y0, py);
              x0 = Math.min(x0, px);
              y1 = Math.max(y1, py + 1);
              x1 = Math.max(x1, px + 1);
            }
          }
        }
      }
    }
    return new int[] {y0, x0, y1, x1};
  }

  /**
   * The layer's receptive field from two measured supports: of the centre unit (its size and first pixel) and of
   * the unit below it (the jump; the one above when the centre is the last row). Exact while the centre unit's field lies inside the image; a field larger
   * than the image comes out clipped to it, which is all a patch can show anyway.
   */
  public static ReceptiveField field(Probe probe, Shape image, String layer, int outHeight, int outWidth, long seed) {
    int y = outHeight / 2;
    int x = outWidth / 2;
    int[] a = of(probe, image, layer, y, x, 16, seed);
    int jump = 1;
    if (y + 1 < outHeight) {
      int[] b = of(probe, image, layer, y + 1, x, 16, seed);
      jump = Math.max(1, b[0] - a[0]);
    } else if (y > 0) {
      int[] b = of(probe, image, layer, y - 1, x, 16, seed);
      jump = Math.max(1, a[0] - b[0]);
    }
    int size = Math.max(a[2] - a[0], a[3] - a[1]);
    return new ReceptiveField(size, jump, a[0] - y * jump);
  }
}
