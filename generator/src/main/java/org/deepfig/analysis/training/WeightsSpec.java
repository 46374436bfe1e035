package org.deepfig.analysis.training;

import org.deepfig.config.ConfigValueException;
import org.deepfig.config.Doc;
import org.deepfig.config.FigureSpec;

@Doc("A layer's weights as images at every snapshot, side by side: each unit of a dense layer on image input as a "
    + "tile of the image's shape (the classic perceptron pictures), or a convolution layer's filters.")
public record WeightsSpec(
    @Doc(value = "The layer: a dense layer whose input is the image (the first after flatten) or a convolution",
        def = "the first dense or convolution layer") String layer,
    @Doc(value = "Tiles per snapshot: the units (or filters) with the largest weights in the trained network",
        def = "16", min = "1", max = "256") Integer units,
    @Doc(value = "per-tile (each tile stretched to its own largest weight) or shared (one scale for every tile "
        + "and snapshot, so growth shows)", def = "per-tile") String normalise,
    @Doc(value = "Draw what training added: each snapshot's weights minus the initialisation's (the random start "
        + "no longer hides the pattern)", def = "false") Boolean subtractInitial)
    implements FigureSpec {
  public WeightsSpec {
    if (units == null) units = 16;
    if (normalise == null) normalise = "per-tile";
    if (subtractInitial == null) subtractInitial = false;
    ConfigValueException.between("units", units, 1, 256);
    ConfigValueException.check(normalise.equals("per-tile") || normalise.equals("shared"), "normalise",
        "unknown normalise '" + normalise + "'", "use per-tile or shared");
  }
}
