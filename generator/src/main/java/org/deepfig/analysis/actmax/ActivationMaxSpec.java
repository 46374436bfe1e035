package org.deepfig.analysis.actmax;

import java.util.List;
import org.deepfig.config.ConfigValueException;
import org.deepfig.config.Doc;
import org.deepfig.config.FigureSpec;

@Doc("Activation maximisation: images grown by gradient ascent to excite a class or a channel (Yosinski et al. "
    + "2015 regularisers).")
public record ActivationMaxSpec(
    @Doc(value = "class (a logit of the output layer) or channel (mean of a channel's map)", def = "class")
    String target,
    @Doc(value = "For target channel: the layer", def = "the last convolution") String layer,
    @Doc(value = "Classes or channels to visualise", def = "the first 16 classes / the first 16 channels") List<Integer> units,
    @Doc(value = "Gradient-ascent steps", def = "200", min = "1", max = "5000") Integer steps,
    @Doc(value = "Step size (the gradient is normalised by its mean absolute value)", def = "0.02", min = "0")
    Double learningRate,
    @Doc(value = "L2 decay towards mid-grey per step", def = "0.002", min = "0", max = "1") Double l2Decay,
    @Doc(value = "Blur every this many steps (0 = never)", def = "4", min = "0") Integer blurEvery,
    @Doc(value = "Gaussian blur σ in pixels", def = "0.5", min = "0", max = "10") Double blurSigma,
    @Doc(value = "Random shift of up to this many pixels before each step", def = "2", min = "0", max = "16")
    Integer jitter) implements FigureSpec {
  public ActivationMaxSpec {
    if (target == null) target = "class";
    units = units == null ? null : List.copyOf(units);
    if (steps == null) steps = 200;
    if (learningRate == null) learningRate = 0.02;
    if (l2Decay == null) l2Decay = 0.002;
    if (blurEvery == null) blurEvery = 4;
    if (blurSigma == null) blurSigma = 0.5;
    if (jitter == null) jitter = 2;
    ConfigValueException.check(target.equals("class") || target.equals("channel"), "target",
        "target must be class or channel, got '" + target + "'", "set target to class or channel");
    ConfigValueException.between("steps", steps, 1, 5000);
    ConfigValueException.check(learningRate > 0, "learning_rate", "learning_rate must be positive",
        "set learning_rate to e.g. 0.02");
    ConfigValueException.between("l2_decay", l2Decay, 0, 1);
    ConfigValueException.atLeast("blur_every", blurEvery, 0);
    ConfigValueException.between("blur_sigma", blurSigma, 0, 10);
    ConfigValueException.between("jitter", jitter, 0, 16);
    if (units != null) for (int u : units) ConfigValueException.atLeast("units", u, 0);
  }
}
