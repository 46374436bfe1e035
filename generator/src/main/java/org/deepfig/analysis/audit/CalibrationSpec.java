package org.deepfig.analysis.audit;

import org.deepfig.config.Doc;
import org.deepfig.config.FigureSpec;

@Doc("Reliability diagram, expected and maximum calibration error, and the confidence of right and wrong "
    + "predictions; optionally temperature scaling fitted on a held-out part of the test set, before and after.")
public record CalibrationSpec(
    @Doc(value = "Equal-width confidence bins of the reliability diagram and the calibration errors", def = "15",
        min = "2", max = "100")
    Integer bins,
    @Doc(value = "Fit a temperature on a held-out part of the test set and show the rest before and after",
        def = "false")
    Boolean temperatureScaling,
    @Doc(value = "With temperature_scaling: the share of the test set (a seeded random part) the temperature is "
        + "fitted on; the rest is evaluated", def = "0.5", min = "0.1", max = "0.9")
    Double heldOut) implements FigureSpec {}
