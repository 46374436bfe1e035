package org.deepfig.analysis.filters;

import org.deepfig.config.ChannelPick;
import org.deepfig.config.ConfigValueException;
import org.deepfig.config.Doc;
import org.deepfig.config.FigureSpec;

@Doc("Convolution filters as images: the first layer's filters, or one output channel's kernels of a deeper layer.")
public record FiltersSpec(
    @Doc(value = "The convolution layer", def = "the first convolution") String layer,
    @Doc(value = "For a deeper layer: the output channel whose kernels (one per input channel) are shown",
        def = "0 (when the layer is not the first convolution)") Integer channel,
    @Doc(value = "shared (one colour scale for all tiles) or per-filter", def = "shared") String normalise,
    @Doc(value = "Tiles per row", def = "8", min = "1", max = "64") Integer columns,
    @Doc(value = "Tiles shown (the first layer's filters, or a deeper filter's kernels, one per input channel): how "
        + "many, the strongest (largest L2 norm) when there are more, in index order; or which, as a list of indices",
        def = "64", min = "1", max = "1024") ChannelPick tiles) implements FigureSpec {
  public FiltersSpec {
    if (normalise == null) normalise = "shared";
    if (columns == null) columns = 8;
    ConfigValueException.check(normalise.equals("shared") || normalise.equals("per-filter"), "normalise",
        "normalise must be shared or per-filter, got '" + normalise + "'", "set normalise to shared or per-filter");
    ConfigValueException.between("columns", columns, 1, 64);
    if (tiles == null) tiles = ChannelPick.count(64);
    tiles.check("tiles", 1024);
    if (channel != null) ConfigValueException.atLeast("channel", channel, 0);
  }
}
