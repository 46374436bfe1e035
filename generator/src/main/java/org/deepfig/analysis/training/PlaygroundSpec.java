package org.deepfig.analysis.training;

import org.deepfig.config.Doc;
import org.deepfig.config.FigureSpec;

@Doc("For toy2d data: the input plane coloured by the network's output with the training points on top, and one "
    + "small map per hidden unit laid out as the network (columns = layers, lines = weights), at every snapshot.")
public record PlaygroundSpec(
    @Doc(value = "Cells along each side of the output map (the unit maps use half as many)", def = "80", min = "10",
        max = "400") Integer resolution,
    @Doc(value = "Most units drawn per layer (the first ones; the rest are counted in a note)", def = "12",
        min = "1", max = "64") Integer maxUnits,
    @Doc(value = "Draw the test points instead of the training points", def = "false") Boolean testPoints)
    implements FigureSpec {}
