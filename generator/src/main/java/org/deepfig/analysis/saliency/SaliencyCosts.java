package org.deepfig.analysis.saliency;

import java.util.List;
import org.deepfig.analysis.Cost;

/** The saliency options' size-relative defaults and costs, for the cost estimate and its tests. */
public final class SaliencyCosts {
  private SaliencyCosts() {}

  private static SaliencySpec spec(Integer patch, Integer stride) {
    return org.deepfig.config.Declared.create(SaliencySpec.class, null, null, null, null, null, null, patch, stride,
        null, null, null, null);
  }

  /** Forward passes occlusion takes on one square image of {@code side} pixels (null: the default). */
  public static int occlusionPasses(int side, Integer patch, Integer stride) {
    return (int) occlusion(side, patch, stride).forwardImages();
  }

  public static Cost occlusion(int side, Integer patch, Integer stride) {
    return Saliency.methodCost(spec(patch, stride), SaliencySpec.Method.OCCLUSION, side, side, false);
  }

  /** [occlusion patch, occlusion stride, SmoothGrad samples, IG steps] by default at {@code side} pixels. */
  public static List<Integer> defaults(int side) {
    SaliencySpec s = spec(null, null);
    return List.of(s.occlusionPatchAt(side), s.occlusionStrideAt(side), s.smoothgradSamplesAt(side),
        s.igStepsAt(side));
  }
}
