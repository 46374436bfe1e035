package org.deepfig.analysis.training;

import org.deepfig.config.ConfigValueException;
import org.deepfig.config.Doc;
import org.deepfig.config.FigureSpec;

@Doc("One layer's t-SNE of test samples and the share of dead ReLU units at every snapshot of training, read left "
    + "to right.")
public record EvolutionSpec(
    @Doc(value = "The layer embedded (a convolution's maps are pooled to one value per channel)",
        def = "the last hidden layer") String layer,
    @Doc(value = "Test samples embedded (the same ones at every snapshot)", def = "500", min = "50", max = "5000")
    Integer points,
    @Doc(value = "t-SNE perplexity", def = "30", min = "2", max = "100") Double perplexity,
    @Doc(value = "t-SNE iterations", def = "500", min = "100", max = "5000") Integer iterations)
    implements FigureSpec {
  public EvolutionSpec {
    if (points == null) points = 500;
    if (perplexity == null) perplexity = 30.0;
    if (iterations == null) iterations = 500;
    ConfigValueException.between("points", points, 50, 5000);
    ConfigValueException.between("perplexity", perplexity, 2, 100);
    ConfigValueException.between("iterations", iterations, 100, 5000);
  }
}
