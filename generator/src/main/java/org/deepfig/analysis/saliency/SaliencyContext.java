package org.deepfig.analysis.saliency;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.deepfig.model.Network;
import org.deepfig.probe.Probe;

/** What the methods share: the network, its probe, the image geometry, method options and a seed. */
record SaliencyContext(Network network, Probe probe, NDManager manager, int c, int h, int w, SaliencySpec spec,
    long seed, float[] std) {
  Shape shape(int n) {
    return new Shape(n, c, h, w);
  }

  int len() {
    return c * h * w;
  }

  /** The image side the size-relative defaults of {@link SaliencySpec} are taken at (the shorter one). */
  int side() {
    return Math.min(h, w);
  }

  int occlusionPatch() {
    return spec.occlusionPatchAt(side());
  }

  int occlusionStride() {
    return spec.occlusionStrideAt(side());
  }

  int smoothgradSamples() {
    return spec.smoothgradSamplesAt(side());
  }

  int igSteps() {
    return spec.igStepsAt(side());
  }

  /** Reduces n × C × H × W to n × H × W: sum over channels, of absolute values when {@code abs}. */
  float[] reduce(float[] chw, int n, boolean abs) {
    int hw = h * w;
    float[] out = new float[n * hw];
    for (int i = 0; i < n; i++) {
      for (int ch = 0; ch < c; ch++) {
        for (int p = 0; p < hw; p++) {
          float v = chw[(i * c + ch) * hw + p];
          out[i * hw + p] += abs ? Math.abs(v) : v;
        }
      }
    }
    return out;
  }
}
