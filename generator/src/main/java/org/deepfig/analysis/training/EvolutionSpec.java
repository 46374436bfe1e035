package org.deepfig.analysis.training;

import org.deepfig.config.Doc;
import org.deepfig.config.FigureSpec;

@Doc("One layer's t-SNE of test samples and the share of dead ReLU units at every snapshot of training, read left "
    + "to right.")
public record EvolutionSpec(
    @Doc(value = "The layer embedded (a convolution's maps are pooled to one value per channel)",
        defText = "the last hidden layer") String layer,
    @Doc(value = "Test samples embedded (the same ones at every snapshot)", def = "500", min = "50", max = "5000")
    Integer points,
    @Doc(value = "t-SNE perplexity", def = "30", min = "2", max = "100") Double perplexity,
    @Doc(value = "t-SNE iterations", def = "500", min = "100", max = "5000") Integer iterations,
    @Doc(value = "Channels whose top-9 test patches are shown at every snapshot (image data with a convolution; 0 "
        + "= none): those with the highest mean activation in the trained network", def = "3", min = "0", max = "16")
    Integer patchChannels,
    @Doc(value = "The convolution layer of the patches", defText = "the last convolution") String patchLayer)
    implements FigureSpec {}
