package org.deepfig.model;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * torchvision's ResNet-50 as {@code scripts/export_torchscript.py} lists it in the sidecar (made by hand here, no
 * export needed): 158 layers in forward order, each bottleneck's {@code downsample} first, its three ReLUs split
 * ({@code relu1..3}, as {@code configs/models/real_models.py} does) and the residual addition folded into
 * {@code relu3}, which reads {@code bn3} and the shortcut. Convolutions have no bias, batch norms 2·C parameters.
 */
public final class Resnet50Layers {
  private Resnet50Layers() {}

  /** The graph for {@code side}-pixel RGB input (224 for ImageNet; side must be a multiple of 32). */
  public static LayerGraph graph(int side) {
    List<LayerNode> out = new ArrayList<>();
    int s = side / 2;
    conv(out, "conv1", 3, 64, 7, 2, 3, s, "input");
    bnRelu(out, "bn1", "relu", 64, s, "conv1");
    s /= 2;
    out.add(new LayerNode("maxpool", LayerKind.MAX_POOL, new Shape(64, s, s), 0, new Geometry(3, 2, 1, 1),
        List.of("relu"), null));
    String prev = "maxpool";
    int in = 64;
    int[] blocks = {3, 4, 6, 3};
    for (int stage = 0; stage < 4; stage++) {
      int width = 64 << stage;
      for (int b = 0; b < blocks[stage]; b++) {
        String p = "layer" + (stage + 1) + "." + b + ".";
        int stride = b == 0 && stage > 0 ? 2 : 1;
        int so = s / stride;
        String shortcut = prev;
        if (b == 0) {
          conv(out, p + "downsample.0", in, 4 * width, 1, stride, 0, so, prev);
          out.add(bn(p + "downsample.1", 4 * width, so, p + "downsample.0"));
          shortcut = p + "downsample.1";
        }
        conv(out, p + "conv1", in, width, 1, 1, 0, s, prev);
        bnRelu(out, p + "bn1", p + "relu1", width, s, p + "conv1");
        conv(out, p + "conv2", width, width, 3, stride, 1, so, p + "relu1");
        bnRelu(out, p + "bn2", p + "relu2", width, so, p + "conv2");
        conv(out, p + "conv3", width, 4 * width, 1, 1, 0, so, p + "relu2");
        out.add(bn(p + "bn3", 4 * width, so, p + "conv3"));
        out.add(new LayerNode(p + "relu3", LayerKind.RELU, new Shape(4 * width, so, so), 0, Geometry.IDENTITY,
            List.of(p + "bn3", shortcut), null));
        prev = p + "relu3";
        in = 4 * width;
        s = so;
      }
    }
    out.add(new LayerNode("avgpool", LayerKind.GLOBAL_AVG_POOL, new Shape(2048, 1, 1), 0, null, List.of(prev), null));
    out.add(new LayerNode("fc", LayerKind.LINEAR, new Shape(1000), 2048 * 1000 + 1000, null, List.of("avgpool"),
        null));
    return new LayerGraph(new Shape(3, side, side), out);
  }

  private static void conv(List<LayerNode> out, String name, int in, int outC, int k, int stride, int pad, int side,
      String from) {
    out.add(new LayerNode(name, LayerKind.CONV, new Shape(outC, side, side), (long) k * k * in * outC,
        new Geometry(k, stride, pad, 1), from.equals("input") ? List.of() : List.of(from), null));
  }

  private static LayerNode bn(String name, int c, int side, String from) {
    return new LayerNode(name, LayerKind.BATCH_NORM, new Shape(c, side, side), 2L * c, Geometry.IDENTITY,
        List.of(from), null);
  }

  private static void bnRelu(List<LayerNode> out, String bn, String relu, int c, int side, String from) {
    out.add(bn(bn, c, side, from));
    out.add(new LayerNode(relu, LayerKind.RELU, new Shape(c, side, side), 0, Geometry.IDENTITY, List.of(bn), null));
  }
}
