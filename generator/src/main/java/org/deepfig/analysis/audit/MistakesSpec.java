package org.deepfig.analysis.audit;

import org.deepfig.config.ConfigValueException;
import org.deepfig.config.Doc;
import org.deepfig.config.FigureSpec;

@Doc("The test images misclassified with the highest confidence, with true and predicted class and probability "
    + "(optionally their Grad-CAM map or input gradient beside them), and the most confident examples of the most "
    + "confused class pairs.")
public record MistakesSpec(
    @Doc(value = "Most confident mistakes shown", def = "12", min = "1", max = "100") Integer count,
    @Doc(value = "Mistakes per row (each with its map beside it when saliency is set)", def = "4", min = "1",
        max = "16")
    Integer columns,
    @Doc(value = "Most confused class pairs (true → predicted) shown, 0 for none", def = "3", min = "0", max = "20")
    Integer pairs,
    @Doc(value = "Examples per confused pair", def = "6", min = "1", max = "20") Integer perPair,
    @Doc(value = "none; gradient (the magnitude of the input gradient of the predicted class's logit) or grad-cam "
        + "(Grad-CAM of the predicted class at the last spatial layer) beside each mistake", def = "none")
    String saliency) implements FigureSpec {
  public MistakesSpec {
    if (count == null) count = 12;
    if (columns == null) columns = 4;
    if (pairs == null) pairs = 3;
    if (perPair == null) perPair = 6;
    if (saliency == null) saliency = "none";
    ConfigValueException.between("count", count, 1, 100);
    ConfigValueException.between("columns", columns, 1, 16);
    ConfigValueException.between("pairs", pairs, 0, 20);
    ConfigValueException.between("per_pair", perPair, 1, 20);
    ConfigValueException.check(java.util.List.of("none", "gradient", "grad-cam").contains(saliency), "saliency",
        "saliency must be none, gradient or grad-cam, got '" + saliency + "'",
        "set saliency to none, gradient or grad-cam");
  }
}
