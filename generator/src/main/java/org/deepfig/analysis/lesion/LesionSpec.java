package org.deepfig.analysis.lesion;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.deepfig.config.Declared;
import org.deepfig.config.ConfigValueException;
import org.deepfig.config.Doc;
import org.deepfig.config.FigureSpec;

@Doc("Lesion study: each channel or unit of the chosen layers switched off in turn, and what the test accuracy loses, "
    + "overall and per class; cumulative ablation curves (Morcos et al. 2018).")
public record LesionSpec(
    @Doc(value = "Layers whose channels (convolutions) or units (dense layers) are ablated",
        defText = "every convolution and hidden dense layer") List<String> layers,
    @Doc(value = "zero (set the channel to 0) or mean (set it to its mean over the training set, per position)",
        def = "zero") Mode mode,
    @Doc(value = "Test images each ablation is measured on (0 = the whole test set)", def = "0", min = "0")
    Integer maxImages,
    @Doc(value = "Numbers of ablated channels measured on each cumulative curve (importance order, reverse, "
        + "random), evenly spaced from none to all; 0 for no curves", def = "11", min = "0", max = "1000")
    Integer curvePoints,
    @Doc(value = "Most important channels of each convolution shown with their top-9 test patches (0 for none)",
        def = "8", min = "0", max = "64") Integer top,
    @Doc(value = "Images per forward pass", def = "256", min = "1", max = "8192") Integer batchSize)
    implements FigureSpec {
  /** Rows of the channel × class heat map: the most important channels, at most this many. */
  public static final int HEATMAP_ROWS = 32;

  /** What an ablated channel is set to. */
  public enum Mode {
    @JsonProperty("zero") ZERO,
    @JsonProperty("mean") MEAN;

    @Override
    public String toString() {
      return Declared.spelling(this);
    }
  }

  public LesionSpec {
    layers = layers == null ? null : List.copyOf(layers);
    ConfigValueException.check(curvePoints != 1, "curve_points", "a curve needs at least 2 points (none and all "
        + "ablated)", "set curve_points to 0 (no curves) or at least 2");
    if (layers != null) {
      ConfigValueException.check(!layers.isEmpty(), "layers", "layers is empty",
          "name layers, or remove the key for every convolution and hidden dense layer");
    }
  }
}
