package org.deepfig.analysis.saliency;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import org.deepfig.config.ConfigValueException;
import org.deepfig.config.Doc;
import org.deepfig.config.FigureSpec;
import org.deepfig.config.ImageChoice;
import org.deepfig.config.ScalarAsText;

@Doc("Attribution maps side by side (gradient, gradient×input, guided backprop, deconvnet, occlusion, SmoothGrad, "
    + "Integrated Gradients, Grad-CAM, Guided Grad-CAM), with sanity checks, localisation and faithfulness scores.")
public record SaliencySpec(
    @Doc(value = "Images: test-image indices, {path: FILE} (relative to the config file), {class: NAME, count: N} "
        + "or {rule: most-confident | most-confident-wrong | least-confident | random, count: N, class: NAME}",
        def = "[0, 1, 2, 3]") List<ImageChoice> images,
    @Doc(value = "Methods, by name", def = "all") List<String> methods,
    @Doc(value = "predicted, true, or a class name", def = "predicted") @JsonDeserialize(using = ScalarAsText.class)
    String target,
    @Doc(value = "SmoothGrad: noisy samples per image", def = "16", min = "1", max = "512") Integer smoothgradSamples,
    @Doc(value = "SmoothGrad: noise σ (pixels are in [0, 1])", def = "0.15", min = "0", max = "1") Double smoothgradNoise,
    @Doc(value = "Integrated Gradients: path steps", def = "32", min = "2", max = "1024") Integer igSteps,
    @Doc(value = "Occlusion: patch side in pixels", def = "6", min = "1", max = "256") Integer occlusionPatch,
    @Doc(value = "Occlusion: stride in pixels", def = "2", min = "1", max = "256") Integer occlusionStride,
    @Doc(value = "Occlusion: grey (0.5), mean (the image's mean) or zero", def = "grey") String occlusionBaseline,
    @Doc(value = "Grad-CAM layer", def = "the last spatial ReLU or convolution") String gradcamLayer,
    @Doc(value = "Images scored for localisation and faithfulness", def = "50", min = "0", max = "10000")
    Integer scoreImages,
    @Doc(value = "Run the cascading-randomisation sanity check", def = "true") Boolean sanityCheck)
    implements FigureSpec {
  static final List<String> ALL = List.of("gradient", "gradient×input", "guided backprop", "deconvnet",
      "occlusion", "SmoothGrad", "Integrated Gradients", "Grad-CAM", "Guided Grad-CAM");

  public SaliencySpec {
    if (images == null || images.isEmpty()) images = ImageChoice.indices(0, 1, 2, 3);
    ImageChoice.check("images", images);
    images = List.copyOf(images);
    methods = methods == null ? ALL : List.copyOf(methods);
    if (target == null) target = "predicted";
    if (smoothgradSamples == null) smoothgradSamples = 16;
    if (smoothgradNoise == null) smoothgradNoise = 0.15;
    if (igSteps == null) igSteps = 32;
    if (occlusionPatch == null) occlusionPatch = 6;
    if (occlusionStride == null) occlusionStride = 2;
    if (occlusionBaseline == null) occlusionBaseline = "grey";
    if (scoreImages == null) scoreImages = 50;
    if (sanityCheck == null) sanityCheck = true;
    ConfigValueException.between("smoothgrad_samples", smoothgradSamples, 1, 512);
    ConfigValueException.between("smoothgrad_noise", smoothgradNoise, 0, 1);
    ConfigValueException.between("ig_steps", igSteps, 2, 1024);
    ConfigValueException.between("occlusion_patch", occlusionPatch, 1, 256);
    ConfigValueException.between("occlusion_stride", occlusionStride, 1, 256);
    ConfigValueException.check(List.of("grey", "mean", "zero").contains(occlusionBaseline), "occlusion_baseline",
        "occlusion_baseline must be grey, mean or zero", "set occlusion_baseline to grey, mean or zero");
    ConfigValueException.between("score_images", scoreImages, 0, 10000);
    for (String m : methods) {
      ConfigValueException.check(ALL.contains(m), "methods", "unknown method '" + m + "'",
          "use some of: " + String.join(", ", ALL));
    }
  }
}
