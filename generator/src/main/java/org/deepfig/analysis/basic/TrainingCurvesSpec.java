package org.deepfig.analysis.basic;

import org.deepfig.config.Doc;
import org.deepfig.config.FigureSpec;

@Doc("Train and test loss and accuracy per epoch.")
@FigureSpec.DrawnByDefault(order = 0)
public record TrainingCurvesSpec() implements FigureSpec {}
