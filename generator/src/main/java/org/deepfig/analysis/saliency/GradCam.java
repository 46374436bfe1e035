package org.deepfig.analysis.saliency;

import java.util.List;
import org.deepfig.model.LayerKind;
import org.deepfig.model.LayerNode;
import org.deepfig.probe.BatchBudget;
import org.deepfig.probe.Probe;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;

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
  public SaliencySpec.Method method() {
    return guided ? SaliencySpec.Method.GUIDED_GRAD_CAM : SaliencySpec.Method.GRAD_CAM;
  }

  static String defaultLayer(SaliencyContext s) {
    if (s.spec().gradcamLayer() != null) return s.spec().gradcamLayer();
    // a vision transformer: the last block's input (the block before it), its patch tokens reshaped to their grid
    List<String> blocks = tokenBlocks(s.network().graph());
    if (!blocks.isEmpty()) return blocks.get(Math.max(0, blocks.size() - 2));
    List<LayerNode> spatial = s.network().graph().select(n -> n.isSpatial()
        && (n.kind() == LayerKind.RELU || n.kind() == LayerKind.CONV));
    return spatial.isEmpty() ? null : spatial.get(spatial.size() - 1).name();
  }

  /**
   * A vision transformer's token layers but its final normalisation (torchvision's {@code encoder.ln}, timm's
   * {@code norm}), in forward order; empty for other models.
   */
  static List<String> tokenBlocks(org.deepfig.model.LayerGraph g) {
    List<LayerNode> tokens = g.select(n -> n.tokenGridSide() > 0);
    List<String> blocks = tokens.stream().map(LayerNode::name).filter(n -> !n.endsWith(".ln") && !n.endsWith("norm"))
        .toList();
    return blocks.isEmpty() && !tokens.isEmpty() ? List.of(tokens.get(tokens.size() - 1).name()) : blocks;
  }

  /**
   * The Grad-CAM layer as the caption names it: a token layer with how it is laid out, and for a vision
   * transformer's default why it is not the last block.
   */
  static String describeLayer(SaliencyContext s) {
    String layer = defaultLayer(s);
    if (layer == null) return null;
    LayerNode n = s.network().graph().layer(layer);
    int side = n.tokenGridSide();
    if (side == 0) return layer;
    String grid = String.format(java.util.Locale.ROOT, "its %d patch tokens laid out as their %d×%d grid, the class "
        + "token left out", side * side, side, side);
    List<String> blocks = tokenBlocks(s.network().graph());
    if (s.spec().gradcamLayer() == null && blocks.size() >= 2) {
      return layer + " (" + grid + "; the input of the last block " + blocks.get(blocks.size() - 1) + ", whose own "
          + "patch tokens get no gradient: the head reads the class token alone)";
    }
    return layer + " (" + grid + ")";
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
   * The last spatial ReLU or convolution of {@code network} (a vision transformer's last block input), where Grad-CAM
   * looks by default; null when the model shows none (a plain TorchScript trace).
   */
  public static String lastSpatialLayer(org.deepfig.model.Network network) {
    if (network.visibilityNote() != null) return null;
    List<String> blocks = tokenBlocks(network.graph()); // a vision transformer: as defaultLayer chooses
    if (!blocks.isEmpty()) return blocks.get(Math.max(0, blocks.size() - 2));
    List<LayerNode> spatial = network.graph().select(n -> n.isSpatial()
        && (n.kind() == LayerKind.RELU || n.kind() == LayerKind.CONV));
    return spatial.isEmpty() ? null : spatial.get(spatial.size() - 1).name();
  }

  /**
   * Grad-CAM maps of {@code n} C×H×W images for {@code targets} at {@code layer}, upsampled to H×W, in batches the
   * memory budget allows: for saliency and for other figures (the mistakes figure) that show a map beside an image.
   * A transformer's token layer (n × tokens × features) is laid out as its patch grid, the class token left out.
   */
  public static float[] cam(Probe probe, float[] images, int n, int c0, int h0, int w0, int[] targets,
      String layer) {
    int len = c0 * h0 * w0;
    int batch = BatchBudget.images(probe.network(), true, true);
    if (n > batch) { // a batch at a time through the budget; each image's map is its own
      float[] out = new float[n * h0 * w0];
      for (int from = 0; from < n; from += batch) {
        int b = Math.min(batch, n - from);
        float[] part = cam(probe, java.util.Arrays.copyOfRange(images, from * len, (from + b) * len), b, c0, h0, w0,
            java.util.Arrays.copyOfRange(targets, from, from + b), layer);
        System.arraycopy(part, 0, out, from * h0 * w0, part.length);
      }
      return out;
    }
    Probe.LayerGradient lg = probe.layerGradient(images, new ai.djl.ndarray.types.Shape(n, c0, h0, w0), layer,
        logits -> Probe.sumOfTargets(logits, targets));
    float[] act = lg.activation();
    float[] grad = lg.gradient();
    int c;
    int h;
    int w;
    if (lg.shape().dimension() == 3) {
      // tokens × features: drop the class token, lay the patch tokens out as features × side × side
      int tokens = (int) lg.shape().get(1);
      c = (int) lg.shape().get(2);
      h = (int) Math.round(Math.sqrt(tokens - 1));
      w = h;
      act = tokenGrid(act, n, tokens, c);
      grad = tokenGrid(grad, n, tokens, c);
    } else {
      c = (int) lg.shape().get(1);
      h = (int) lg.shape().get(2);
      w = (int) lg.shape().get(3);
    }
    float[] maps = new float[n * h * w];
    for (int i = 0; i < n; i++) {
      int at = i * h * w;
      for (int ch = 0; ch < c; ch++) {
        int base = (i * c + ch) * h * w;
        double alpha = 0;
        for (int p = 0; p < h * w; p++) alpha += grad[base + p];
        alpha /= h * w;
        for (int p = 0; p < h * w; p++) maps[at + p] += (float) (alpha * act[base + p]);
      }
      for (int p = 0; p < h * w; p++) maps[at + p] = Math.max(0, maps[at + p]);
    }
    return bilinear(probe.manager(), maps, n, h, w, h0, w0);
  }

  /** n × tokens × c (class token first, then the patches row by row) → n × c × side × side, class token left out. */
  static float[] tokenGrid(float[] v, int n, int tokens, int c) {
    int patches = tokens - 1;
    float[] out = new float[n * c * patches];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < patches; p++) {
        for (int ch = 0; ch < c; ch++) out[(i * c + ch) * patches + p] = v[(i * tokens + 1 + p) * c + ch];
      }
    }
    return out;
  }

  /**
   * {@code n} maps of h×w resampled bilinearly to oh×ow with aligned pixel centres (PyTorch's
   * {@code align_corners=False}, source positions clamped to the edge), through DJL's image resize.
   */
  static float[] bilinear(NDManager manager, float[] maps, int n, int h, int w, int oh, int ow) {
    try (NDManager m = manager.newSubManager()) {
      NDArray a = m.create(maps, new Shape(n, h, w, 1));
      return NDImageUtils.resize(a, ow, oh, Image.Interpolation.BILINEAR).toFloatArray();
    }
  }
}
