package org.deepfig.analysis.filters;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deepfig.analysis.ValueMaps;
import org.deepfig.render.ColourMap;
import org.deepfig.render.Normalisation;
import org.deepfig.render.Rasters;

/**
 * Convolution weights (out × in × k × k, row-major) as tile images. First layer: one tile per filter, its input
 * channels as RGB (3 channels) or grey (1). Deeper: one tile per input channel of one filter, in a diverging map
 * centred on zero. Shared normalisation uses one range for all tiles, so tiles compare; per-filter stretches each.
 */
public final class FilterTiles {
  private FilterTiles() {}

  public static List<BufferedImage> firstLayer(float[] w, int out, int in, int k, boolean shared) {
    int per = in * k * k;
    float[] range = range(w, 0, w.length);
    List<BufferedImage> tiles = new ArrayList<>();
    for (int o = 0; o < out; o++) {
      float[] f = Arrays.copyOfRange(w, o * per, (o + 1) * per);
      float[] r = shared ? range : range(f, 0, f.length);
      float span = Math.max(r[1] - r[0], 1e-12f);
      if (in == 3) {
        float[] chw = new float[per];
        for (int i = 0; i < per; i++) chw[i] = (f[i] - r[0]) / span;
        tiles.add(Rasters.ofImage(chw, 3, k, k));
      } else {
        // one input channel (or many: their mean) in grey
        float[] mean = new float[k * k];
        for (int c = 0; c < in; c++) for (int i = 0; i < k * k; i++) mean[i] += f[c * k * k + i] / in;
        tiles.add(Rasters.ofMap(in == 1 ? f : mean, k, k, ColourMap.greys(), new Normalisation(r[0], r[1])));
      }
    }
    return tiles;
  }

  static List<BufferedImage> kernelsOf(float[] w, int out, int in, int k, int channel, boolean shared) {
    int per = in * k * k;
    float[] f = Arrays.copyOfRange(w, channel * per, (channel + 1) * per);
    float sharedMax = maxAbs(f, 0, f.length);
    List<BufferedImage> tiles = new ArrayList<>();
    for (int c = 0; c < in; c++) {
      float[] kernel = Arrays.copyOfRange(f, c * k * k, (c + 1) * k * k);
      float m = Math.max(shared ? sharedMax : maxAbs(kernel, 0, kernel.length), 1e-12f);
      tiles.add(Rasters.ofMap(kernel, k, k, ColourMap.diverging(), new Normalisation(-m, m)));
    }
    return tiles;
  }

  /**
   * First-layer filter {@code o}'s weights as drawn: its three input channels (RGB), or one channel in grey (the mean
   * of several), named "#o".
   */
  static ValueMaps.ValueMap filterValues(String layer, float[] w, int in, int k, int o) {
    int per = in * k * k;
    float[] f = Arrays.copyOfRange(w, o * per, (o + 1) * per);
    if (in == 3) return new ValueMaps.ValueMap(layer, "#" + o, "rgb", "weight", 3, k, k, f);
    float[] mean = new float[k * k];
    for (int c = 0; c < in; c++) for (int i = 0; i < k * k; i++) mean[i] += f[c * k * k + i] / in;
    return ValueMaps.ValueMap.of(layer, "#" + o, "greys", "weight", k, k, in == 1 ? f : mean);
  }

  /** The kernel output channel {@code channel} applies to input channel {@code c}, named "#c". */
  static ValueMaps.ValueMap kernelValues(String group, float[] w, int in, int k, int channel, int c) {
    int at = (channel * in + c) * k * k;
    return ValueMaps.ValueMap.of(group, "#" + c, "diverging", "weight", k, k, Arrays.copyOfRange(w, at, at + k * k));
  }

  static float[] range(float[] v, int from, int to) {
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    for (int i = from; i < to; i++) {
      lo = Math.min(lo, v[i]);
      hi = Math.max(hi, v[i]);
    }
    return new float[] {lo, hi};
  }

  static float maxAbs(float[] v, int from, int to) {
    float m = 0;
    for (int i = from; i < to; i++) m = Math.max(m, Math.abs(v[i]));
    return m;
  }
}
