package org.deepfig.analysis.architecture;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.deepfig.config.Declared;
import org.deepfig.config.Doc;
import org.deepfig.config.FigureSpec;

@Doc("Block diagram of the model's layers with shapes, parameters and multiply-adds.")
public record ArchitectureSpec(
    @Doc(value = "blocks (one box per layer, skip arrows for residual connections) or 3d (VGG-style boxes "
        + "scaled by size and channels)", def = "blocks") Style style,
    @Doc(value = "Draw each residual block as one box; an imported model's blocks are found from its module "
        + "names (layer1.0.* is a block, layer1 a stage, bracketed), each with its shortcut arc", def = "false") Boolean collapse) implements FigureSpec {

  /** How the layers are drawn. */
  public enum Style {
    @JsonProperty("blocks") BLOCKS,
    @JsonProperty("3d") THREE_D;

    @Override
    public String toString() {
      return Declared.spelling(this);
    }
  }
}
