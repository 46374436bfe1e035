package org.deepfig.analysis.actmax;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.deepfig.config.Declared;
import org.deepfig.config.Doc;
import org.deepfig.config.FigureSpec;

@Doc("Activation maximisation: images grown by gradient ascent to excite a class or a channel (Yosinski et al. "
    + "2015 regularisers).")
public record ActivationMaxSpec(
    @Doc(value = "class (a logit of the output layer) or channel (mean of a channel's map)", def = "class")
    Target target,
    @Doc(value = "For target channel: the layer", defText = "the last convolution") String layer,
    @Doc(value = "Classes or channels to visualise", defText = "the first 16 classes / the first 16 channels",
        min = "0") List<Integer> units,
    @Doc(value = "Gradient-ascent steps", def = "200", min = "1", max = "5000") Integer steps,
    @Doc(value = "Step size (the gradient is normalised by its mean absolute value)", def = "0.02", above = "0")
    Double learningRate,
    @Doc(value = "L2 decay towards mid-grey per step", def = "0.002", min = "0", max = "1") Double l2Decay,
    @Doc(value = "Blur every this many steps (0 = never)", def = "4", min = "0") Integer blurEvery,
    @Doc(value = "Gaussian blur σ in pixels", def = "0.5", min = "0", max = "10") Double blurSigma,
    @Doc(value = "Random shift of up to this many pixels before each step", def = "2", min = "0", max = "16")
    Integer jitter) implements FigureSpec {

  /** What the images are grown to excite. */
  public enum Target {
    @JsonProperty("class") CLASS,
    @JsonProperty("channel") CHANNEL;

    @Override
    public String toString() {
      return Declared.spelling(this);
    }
  }

  public ActivationMaxSpec {
    units = units == null ? null : List.copyOf(units);
  }
}
