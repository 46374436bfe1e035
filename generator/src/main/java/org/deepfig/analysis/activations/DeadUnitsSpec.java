package org.deepfig.analysis.activations;

import org.deepfig.config.Doc;
import org.deepfig.config.FigureSpec;

@Doc("Share of ReLU units that never activate on the test set (dying ReLUs), before and after training.")
public record DeadUnitsSpec(
    @Doc(value = "Test images scanned (0 = all)", def = "0", min = "0") Integer maxImages) implements FigureSpec {}
