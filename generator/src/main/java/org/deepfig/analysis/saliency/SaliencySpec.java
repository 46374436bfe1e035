package org.deepfig.analysis.saliency;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import org.deepfig.config.Declared;
import org.deepfig.config.Doc;
import org.deepfig.config.FigureSpec;
import org.deepfig.config.ImageChoice;
import org.deepfig.config.ScalarAsText;

@Doc("Attribution maps side by side (gradient, gradient×input, guided backprop, deconvnet, occlusion, SmoothGrad, "
    + "Integrated Gradients, Grad-CAM, Guided Grad-CAM), with sanity checks, localisation and faithfulness scores.")
public record SaliencySpec(
    @Doc(value = "Images: test-image indices, {path: FILE} (relative to the config file), {class: NAME, count: N} "
        + "or {rule: most-confident | most-confident-wrong | least-confident | random, count: N, class: NAME}",
        def = "[0, 1, 2, 3]", emptyIsDefault = true) List<ImageChoice> images,
    @Doc(value = "Methods, by name", defText = "all") List<Method> methods,
    @Doc(value = "predicted, true, or a class name", def = "predicted") @JsonDeserialize(using = ScalarAsText.class)
    String target,
    @Doc(value = "SmoothGrad: noisy samples per image", defText = "16 up to 64-px images, 8 above", min = "1",
        max = "512") Integer smoothgradSamples,
    @Doc(value = "SmoothGrad: noise σ (pixels are in [0, 1])", def = "0.15", min = "0", max = "1") Double smoothgradNoise,
    @Doc(value = "Integrated Gradients: path steps", defText = "32 up to 64-px images, 16 above", min = "2",
        max = "1024") Integer igSteps,
    @Doc(value = "Occlusion: patch side in pixels", defText = "3/16 of the image side, at least 6 (42 at 224 px)",
        min = "1", max = "256") Integer occlusionPatch,
    @Doc(value = "Occlusion: stride in pixels", defText = "1/16 of the image side, at least 2 (14 at 224 px): 14 × "
        + "14 patch positions at any size", min = "1", max = "256") Integer occlusionStride,
    @Doc(value = "Occlusion: grey (0.5), mean (the image's mean) or zero", def = "grey") Baseline occlusionBaseline,
    @Doc(value = "Grad-CAM layer", defText = "the last spatial ReLU or convolution") String gradcamLayer,
    @Doc(value = "Images scored for localisation and faithfulness", def = "50", min = "0", max = "10000")
    Integer scoreImages,
    @Doc(value = "Run the cascading-randomisation sanity check", def = "true") Boolean sanityCheck)
    implements FigureSpec {

  /** The attribution methods, spelt as configs and figures name them. */
  public enum Method {
    @JsonProperty("gradient") GRADIENT,
    @JsonProperty("gradient×input") GRADIENT_TIMES_INPUT,
    @JsonProperty("guided backprop") GUIDED_BACKPROP,
    @JsonProperty("deconvnet") DECONVNET,
    @JsonProperty("occlusion") OCCLUSION,
    @JsonProperty("SmoothGrad") SMOOTHGRAD,
    @JsonProperty("Integrated Gradients") INTEGRATED_GRADIENTS,
    @JsonProperty("Grad-CAM") GRAD_CAM,
    @JsonProperty("Guided Grad-CAM") GUIDED_GRAD_CAM;

    /** Whether the method weighs a layer's maps (Grad-CAM and Guided Grad-CAM): then gradcam_layer matters. */
    public boolean isGradCam() {
      return this == GRAD_CAM || this == GUIDED_GRAD_CAM;
    }

    @Override
    public String toString() {
      return Declared.spelling(this);
    }
  }

  /** What occlusion puts in place of a patch. */
  public enum Baseline {
    @JsonProperty("grey") GREY,
    @JsonProperty("mean") MEAN,
    @JsonProperty("zero") ZERO;

    @Override
    public String toString() {
      return Declared.spelling(this);
    }
  }

  static final List<Method> ALL = List.of(Method.values());

  public SaliencySpec {
    ImageChoice.check("images", images);
    images = List.copyOf(images);
    methods = methods == null ? ALL : List.copyOf(methods);
    // smoothgrad_samples, ig_steps, occlusion_patch and occlusion_stride stay null when not given: their defaults
    // depend on the image size (see the *At methods), which the options do not know
  }

  /** The side up to which the small-image defaults hold (they were chosen for 28-32 px images). */
  static final int SMALL = 64;

  /** SmoothGrad samples for images of {@code side} pixels: the option, else 16 up to 64 px and 8 above. */
  public int smoothgradSamplesAt(int side) {
    return smoothgradSamples != null ? smoothgradSamples : side <= SMALL ? 16 : 8;
  }

  /** Integrated Gradients steps: the option, else 32 up to 64 px and 16 above. */
  public int igStepsAt(int side) {
    return igSteps != null ? igSteps : side <= SMALL ? 32 : 16;
  }

  /** Occlusion patch side: the option, else 3/16 of the side and at least 6 (6 at 32 px, 42 at 224 px). */
  public int occlusionPatchAt(int side) {
    return occlusionPatch != null ? occlusionPatch : Math.max(6, Math.round(side * 3f / 16));
  }

  /** Occlusion stride: the option, else 1/16 of the side and at least 2 (2 at 32 px, 14 at 224 px). */
  public int occlusionStrideAt(int side) {
    return occlusionStride != null ? occlusionStride : Math.max(2, Math.round(side / 16f));
  }
}
