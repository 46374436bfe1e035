package org.deepfig.analysis.patches;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.deepfig.analysis.Hotspot;
import org.deepfig.render.Drawing;
import org.deepfig.render.FigureStyle;
import org.deepfig.render.Rasters;
import org.deepfig.render.TextAnchor;
import org.deepfig.render.Typography;

/** Blocks of patches (one block per channel, √k × √k patches each), several blocks per row, with hover spots. */
public final class PatchBlocks implements Drawing {
  static final double PATCH = 22;
  static final double INNER = 1.5;
  static final double GAP_X = 12;
  static final double LABEL = 12;
  static final double GAP_Y = 8;
  private static final double TITLE = 22;

  /** One channel: its patches and, when not null, their projections (drawn to the left of the patches). */
  public record Block(String label, List<BufferedImage> patches, List<String> tips, List<BufferedImage> projections) {
    public Block(String label, List<BufferedImage> patches, List<String> tips) {
      this(label, patches, tips, null);
    }
  }

  private final String title;
  private final List<Block> blocks;
  private final int perRow;
  private final int side;
  private final boolean projections;
  private final double top;

  public PatchBlocks(String title, List<Block> blocks, int perRow, int k) {
    this.title = title;
    this.blocks = List.copyOf(blocks);
    this.projections = blocks.stream().anyMatch(b -> b.projections() != null);
    this.side = (int) Math.ceil(Math.sqrt(k));
    int wanted = Math.max(1, Math.min(projections ? Math.max(1, perRow / 2) : perRow, blocks.size()));
    // as many blocks per row as fit the figure's width, the rows balanced
    int fit = (int) Math.floor((FigureStyle.current().layoutWidth() - 16 + GAP_X) / (blockW() + GAP_X));
    int columns = Math.max(1, Math.min(wanted, fit));
    int rows = (blocks.size() + columns - 1) / columns;
    this.perRow = (blocks.size() + rows - 1) / rows;
    this.top = title == null ? 6 : TITLE;
  }

  private double gridW() {
    return side * PATCH + (side - 1) * INNER;
  }

  /** Left of the patches when projections are drawn. */
  private double patchesX() {
    return projections ? gridW() + 3 * INNER : 0;
  }

  private double blockW() {
    return patchesX() + gridW();
  }

  private double blockH() {
    return LABEL + side * PATCH + (side - 1) * INNER;
  }

  private double contentW() {
    return 8 + perRow * blockW() + (perRow - 1) * GAP_X + 8;
  }

  /** As wide as the blocks, or as the title when that is wider (the blocks are then centred). */
  @Override
  public double width() {
    return Math.max(contentW(), title == null ? 0 : Typography.width(Typography.title(), title) + 16);
  }

  @Override
  public double height() {
    int rows = (blocks.size() + perRow - 1) / perRow;
    return top + rows * blockH() + (rows - 1) * GAP_Y + 6;
  }

  private double[] origin(int b) {
    double dx = (width() - contentW()) / 2;
    return new double[] {dx + 8 + (b % perRow) * (blockW() + GAP_X), top + (b / perRow) * (blockH() + GAP_Y)};
  }

  public List<Hotspot> hotspots() {
    List<Hotspot> out = new ArrayList<>();
    for (int b = 0; b < blocks.size(); b++) {
      double[] o = origin(b);
      Block bl = blocks.get(b);
      for (int i = 0; i < bl.patches().size(); i++) {
        double y = o[1] + LABEL + (i / side) * (PATCH + INNER);
        out.add(new Hotspot(o[0] + patchesX() + (i % side) * (PATCH + INNER), y, PATCH, PATCH, bl.tips().get(i)));
        if (bl.projections() != null) {
          out.add(new Hotspot(o[0] + (i % side) * (PATCH + INNER), y, PATCH, PATCH,
              "projection · " + bl.tips().get(i)));
        }
      }
    }
    return out;
  }

  @Override
  public void paint(Graphics2D g) {
    g.setColor(Color.BLACK);
    if (title != null) TextAnchor.draw(g, title, Typography.title(), width() / 2, 15, TextAnchor.Align.CENTRE);
    for (int b = 0; b < blocks.size(); b++) {
      double[] o = origin(b);
      Block bl = blocks.get(b);
      g.setColor(Color.BLACK);
      TextAnchor.draw(g, bl.label(), Typography.caption(), o[0] + blockW() / 2, o[1] + 8, TextAnchor.Align.CENTRE);
      for (int i = 0; i < bl.patches().size(); i++) {
        double y = o[1] + LABEL + (i / side) * (PATCH + INNER);
        Rasters.draw(g, bl.patches().get(i), o[0] + patchesX() + (i % side) * (PATCH + INNER), y, PATCH, PATCH);
        if (bl.projections() != null) {
          Rasters.draw(g, bl.projections().get(i), o[0] + (i % side) * (PATCH + INNER), y, PATCH, PATCH);
        }
      }
    }
  }
}
