package org.deepfig.analysis.training;

import java.util.List;
import org.deepfig.config.ConfigValueException;
import org.deepfig.config.Doc;
import org.deepfig.config.FigureSpec;

@Doc("Per layer, the distributions of its weights, of their gradients and of its activations on the test set at "
    + "every snapshot of training, as ridgeline plots on a shared axis (TensorBoard's histograms).")
public record HistogramsSpec(
    @Doc(value = "Layers with weights to show (dense and convolution layers)", defText = "every one") List<String> layers,
    @Doc(value = "Bins of each histogram", def = "40", min = "5", max = "200") Integer bins,
    @Doc(value = "Training images in the fixed batch whose mean loss the gradients are taken of", def = "128",
        min = "1", max = "4096") Integer gradientBatch,
    @Doc(value = "Test images whose activations are counted (0 = all)", def = "500", min = "0") Integer maxImages)
    implements FigureSpec {
  public HistogramsSpec {
    layers = layers == null ? null : List.copyOf(layers);
    ConfigValueException.check(layers == null || !layers.isEmpty(), "layers", "layers lists no layer",
        "list layer names, or leave layers out for every layer with weights");
  }
}
