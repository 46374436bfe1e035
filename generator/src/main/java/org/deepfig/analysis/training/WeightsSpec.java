package org.deepfig.analysis.training;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.deepfig.config.Declared;
import org.deepfig.config.Doc;
import org.deepfig.config.FigureSpec;

@Doc("A layer's weights as images at every snapshot, side by side: each unit of a dense layer on image input as a "
    + "tile of the image's shape (the classic perceptron pictures), or a convolution layer's filters.")
public record WeightsSpec(
    @Doc(value = "The layer: a dense layer whose input is the image (the first after flatten) or a convolution",
        defText = "the first dense or convolution layer") String layer,
    @Doc(value = "Tiles per snapshot: the units (or filters) with the largest weights in the trained network",
        def = "16", min = "1", max = "256") Integer units,
    @Doc(value = "per-tile (each tile stretched to its own largest weight) or shared (one scale for every tile "
        + "and snapshot, so growth shows)", def = "per-tile") Normalise normalise,
    @Doc(value = "Draw what training added: each snapshot's weights minus the initialisation's (the random start "
        + "no longer hides the pattern)", def = "false") Boolean subtractInitial)
    implements FigureSpec {
  /** Each tile stretched to its own largest weight, or one scale for every tile and snapshot. */
  public enum Normalise {
    @JsonProperty("per-tile") PER_TILE,
    @JsonProperty("shared") SHARED;

    @Override
    public String toString() {
      return Declared.spelling(this);
    }
  }
}
