package org.deepfig.analysis.saliency;

import java.util.List;
import org.deepfig.model.LayerKind;
import org.deepfig.model.LayerNode;
import org.deepfig.probe.Probe;

/**
 * Grad-CAM (Selvaraju et al. 2017): the last spatial layer's maps weighted by their spatially averaged gradients,
 * summed and rectified, upsampled bilinearly to the image. Guided Grad-CAM multiplies it into guided backprop.
 */
public final class GradCam implements Attribution {
  private final boolean guided;

  GradCam(boolean guided) {
    this.guided = guided;
  }

  @Override
  public String name() {
    return guided ? "Guided Grad-CAM" : "Grad-CAM";
  }

  @Override
  public boolean signed() {
    return false;
  }

  @Override
  public boolean needsInternals() {
    return true;
  }

  @Override
  public boolean needsLayerBlocks() {
    return guided;
  }

  static String defaultLayer(SaliencyContext s) {
    if (s.spec().gradcamLayer() != null) return s.spec().gradcamLayer();
    List<LayerNode> spatial = s.network().graph().select(n -> n.isSpatial()
        && (n.kind() == LayerKind.RELU || n.kind() == LayerKind.CONV));
    return spatial.isEmpty() ? null : spatial.get(spatial.size() - 1).name();
  }

  @Override
  public float[] attribute(SaliencyContext s, float[] images, int n, int[] targets) {
    float[] cam = cam(s, images, n, targets, defaultLayer(s));
    if (!guided) return cam;
    float[] gb = ModifiedBackprop.raw(s, images, n, targets, ModifiedBackprop.Rule.GUIDED);
    int hw = s.h() * s.w();
    for (int i = 0; i < n; i++) {
      for (int ch = 0; ch < s.c(); ch++) {
        for (int p = 0; p < hw; p++) gb[(i * s.c() + ch) * hw + p] *= cam[i * hw + p];
      }
    }
    return s.reduce(gb, n, true);
  }

  static float[] cam(SaliencyContext s, float[] images, int n, int[] targets, String layer) {
    return cam(s.probe(), images, n, s.c(), s.h(), s.w(), targets, layer);
  }

  /**
   * The last spatial ReLU or convolution of {@code network}, where Grad-CAM looks by default; null when the model
   * shows none (a plain TorchScript trace).
   */
  public static String lastSpatialLayer(org.deepfig.model.Network network) {
    if (network.visibilityNote() != null) return null;
    List<LayerNode> spatial = network.graph().select(n -> n.isSpatial()
        && (n.kind() == LayerKind.RELU || n.kind() == LayerKind.CONV));
    return spatial.isEmpty() ? null : spatial.get(spatial.size() - 1).name();
  }

  /**
   * Grad-CAM maps of {@code n} C×H×W images for {@code targets} at {@code layer}, upsampled to H×W: for other figures
   * (the mistakes figure) that show a map beside an image.
   */
  public static float[] cam(Probe probe, float[] images, int n, int c0, int h0, int w0, int[] targets,
      String layer) {
    Probe.LayerGradient lg = probe.layerGradient(images, new ai.djl.ndarray.types.Shape(n, c0, h0, w0), layer,
        logits -> Probe.sumOfTargets(logits, targets));
    int c = (int) lg.shape().get(1);
    int h = (int) lg.shape().get(2);
    int w = (int) lg.shape().get(3);
    float[] out = new float[n * h0 * w0];
    for (int i = 0; i < n; i++) {
      float[] map = new float[h * w];
      for (int ch = 0; ch < c; ch++) {
        int base = (i * c + ch) * h * w;
        double alpha = 0;
        for (int p = 0; p < h * w; p++) alpha += lg.gradient()[base + p];
        alpha /= h * w;
        for (int p = 0; p < h * w; p++) map[p] += (float) (alpha * lg.activation()[base + p]);
      }
      for (int p = 0; p < h * w; p++) map[p] = Math.max(0, map[p]);
      float[] up = bilinear(map, h, w, h0, w0);
      System.arraycopy(up, 0, out, i * h0 * w0, up.length);
    }
    return out;
  }

  /** Bilinear resampling with aligned pixel centres. */
  static float[] bilinear(float[] src, int h, int w, int oh, int ow) {
    float[] out = new float[oh * ow];
    for (int y = 0; y < oh; y++) {
      double sy = Math.max(0, Math.min(h - 1, (y + 0.5) * h / oh - 0.5));
      int y0 = (int) Math.floor(sy);
      int y1 = Math.min(h - 1, y0 + 1);
      double fy = sy - y0;
      for (int x = 0; x < ow; x++) {
        double sx = Math.max(0, Math.min(w - 1, (x + 0.5) * w / ow - 0.5));
        int x0 = (int) Math.floor(sx);
        int x1 = Math.min(w - 1, x0 + 1);
        double fx = sx - x0;
        out[y * ow + x] = (float) ((1 - fy) * ((1 - fx) * src[y0 * w + x0] + fx * src[y0 * w + x1])
            + fy * ((1 - fx) * src[y1 * w + x0] + fx * src[y1 * w + x1]));
      }
    }
    return out;
  }
}
