package org.deepfig.analysis.architecture;

import org.deepfig.config.ConfigValueException;
import org.deepfig.config.Doc;
import org.deepfig.config.FigureSpec;

@Doc("Block diagram of the model's layers with shapes, parameters and multiply-adds.")
public record ArchitectureSpec(
    @Doc(value = "blocks (one box per layer, skip arrows for residual connections) or 3d (VGG-style boxes "
        + "scaled by size and channels)", def = "blocks") String style,
    @Doc(value = "Draw each residual block as one box; an imported model's blocks are found from its module "
        + "names (layer1.0.* is a block, layer1 a stage, bracketed), each with its shortcut arc", def = "false") Boolean collapse) implements FigureSpec {
  public ArchitectureSpec {
    if (style == null) style = "blocks";
    if (collapse == null) collapse = false;
    ConfigValueException.check(style.equals("blocks") || style.equals("3d"), "style",
        "style must be blocks or 3d, got '" + style + "'", "set style to blocks or 3d");
  }
}
