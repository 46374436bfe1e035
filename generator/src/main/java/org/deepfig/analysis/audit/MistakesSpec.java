package org.deepfig.analysis.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.deepfig.config.Declared;
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
    SaliencyMap saliency) implements FigureSpec {

  /** The map drawn beside each mistake, if any. */
  public enum SaliencyMap {
    @JsonProperty("none") NONE,
    @JsonProperty("gradient") GRADIENT,
    @JsonProperty("grad-cam") GRAD_CAM;

    @Override
    public String toString() {
      return Declared.spelling(this);
    }
  }
}
