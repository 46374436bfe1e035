package org.deepfig.analysis.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deepfig.analysis.AnalysisKind;
import org.deepfig.analysis.Figure;
import org.deepfig.analysis.Parameters;
import org.deepfig.analysis.RunContext;
import org.deepfig.analysis.Table;
import org.deepfig.model.LayerGraph;
import org.deepfig.model.LayerKind;
import org.deepfig.model.LayerNode;
import org.deepfig.render.FigureStyle;
import org.deepfig.render.Drawing;

/** The model's architecture from its layer graph: a block diagram (or a VGG-style volume view) and a layer table. */
public final class Architecture implements AnalysisKind<ArchitectureSpec> {
  @Override
  public String kind() {
    return "architecture";
  }

  @Override
  public Class<ArchitectureSpec> specType() {
    return ArchitectureSpec.class;
  }

  @Override
  public String description() {
    return "block diagram (or 3-D volume view) of the layers with shapes, parameters and multiply-adds";
  }

  @Override
  public List<Figure> run(ArchitectureSpec spec, RunContext ctx) {
    LayerGraph g = ctx.network().graph();
    String name = ctx.config().model().file() != null ? ctx.config().model().file()
        : ctx.config().model().arch().name().toLowerCase(Locale.ROOT);
    VolumeDiagram volume = spec.style() == ArchitectureSpec.Style.THREE_D
        ? new VolumeDiagram(FigureStyle.figureTitle(name), g, FigureStyle.current().layoutWidth()) : null;
    Drawing d = volume != null ? volume : new BlockDiagram(FigureStyle.figureTitle(name), g, spec.collapse());
    long macs = Macs.total(g);
    List<List<String>> rows = new ArrayList<>();
    for (LayerNode n : g.layers()) {
      rows.add(List.of(n.name(), n.describe(), n.shapeText(), String.format(Locale.ROOT, "%,d", n.parameters()),
          String.format(Locale.ROOT, "%,d", Macs.of(g, n))));
    }
    rows.add(List.of("total", "", "", String.format(Locale.ROOT, "%,d", g.totalParameters()),
        String.format(Locale.ROOT, "%,d", macs)));
    Table table = new Table("Layers", List.of("Layer", "Kind", "Output shape", "Parameters", "Multiply-adds"), rows);
    String caption = caption(name, g, volume, spec.collapse());
    String id = "architecture" + (spec.style() == ArchitectureSpec.Style.THREE_D ? "-3d" : spec.collapse() ? "-collapsed" : "");
    String title = "Architecture" + (spec.style() == ArchitectureSpec.Style.THREE_D ? " (3-D view)" : spec.collapse()
        ? " (residual blocks collapsed)" : "");
    return List.of(new Figure(id, title, caption, Parameters.of(spec).map(), d, List.of(table), List.of(),
        ctx.network().visibilityNote()));
  }

  /**
   * The caption: the network's size, then how to read the diagram, speaking only of what this network has (no word
   * of residual shortcuts for a network without any).
   *
   * @param volume the 3-D view drawn, or null for the block diagram
   */
  static String caption(String name, LayerGraph g, VolumeDiagram volume, boolean collapse) {
    String head = String.format(Locale.ROOT, "%s for input %s: %d layers, %,d trainable parameters, %,d "
        + "multiply-adds per image (convolutions and linear layers).", name, BlockDiagram.shape(g.inputShape()),
        g.layers().size(), g.totalParameters(), Macs.total(g));
    if (volume != null) return head + " " + volume.scaleSentence();
    boolean modules = !ModuleBlocks.of(g).isEmpty();
    boolean residual = modules || g.layers().stream().anyMatch(n -> n.kind() == LayerKind.ADD);
    if (!residual) return head;
    if (modules && collapse) {
      return head + " Residual blocks, found from the module names (layer1.0.*), are collapsed to one box each: the "
          + "main path's convolutions are named in the box, the red arc beside it is the block's shortcut (identity "
          + "or a projection) and a bracket groups the blocks of one stage.";
    }
    return head + (collapse ? " Residual blocks are collapsed to one box each."
        : " Red arcs are residual shortcuts (identity or 1×1 projection) into the addition.");
  }
}
