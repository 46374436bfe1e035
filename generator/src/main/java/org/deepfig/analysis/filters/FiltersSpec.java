package org.deepfig.analysis.filters;

import org.deepfig.config.ChannelPick;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.deepfig.config.Declared;
import org.deepfig.config.Doc;
import org.deepfig.config.FigureSpec;

@Doc("Convolution filters as images: the first layer's filters, or one output channel's kernels of a deeper layer.")
public record FiltersSpec(
    @Doc(value = "The convolution layer", defText = "the first convolution") String layer,
    @Doc(value = "For a deeper layer: the output channel whose kernels (one per input channel) are shown",
        defText = "0 (when the layer is not the first convolution)", min = "0") Integer channel,
    @Doc(value = "shared (one colour scale for all tiles) or per-filter", def = "shared") Normalise normalise,
    @Doc(value = "Tiles per row", def = "8", min = "1", max = "64") Integer columns,
    @Doc(value = "Tiles shown (the first layer's filters, or a deeper filter's kernels, one per input channel): how "
        + "many, the strongest (largest L2 norm) when there are more, in index order; or which, as a list of indices",
        def = "64", min = "1", max = "1024") ChannelPick tiles) implements FigureSpec {
  /** One colour scale for every tile, or one per filter. */
  public enum Normalise {
    @JsonProperty("shared") SHARED,
    @JsonProperty("per-filter") PER_FILTER;

    @Override
    public String toString() {
      return Declared.spelling(this);
    }
  }

  public FiltersSpec {
    tiles.check("tiles", 1024);
  }
}
