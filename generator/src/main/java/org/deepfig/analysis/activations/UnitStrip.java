package org.deepfig.analysis.activations;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.deepfig.render.ColourMap;
import org.deepfig.render.Normalisation;
import org.deepfig.render.TextAnchor;
import org.deepfig.render.FigureStyle;
import org.deepfig.render.Typography;

/** A dense layer's units as a strip of coloured cells, one per unit, with the layer name above. */
final class UnitStrip implements org.deepfig.render.Drawing {
  private static final double MAX_WIDTH = 360;
  /** Room kept on the right for the colour bar beside the strip. */
  private static final double BAR_ROOM = 70;
  private static final double MARGIN = 6;
  static final double CELL_H = 16;
  private final double cellHeight;
  private final String title;
  private final float[] values;
  private final ColourMap map;
  private final Normalisation norm;
  private final double cellsWidth;

  /**
   * @param cellHeight height of the row of cells in points ({@link #CELL_H} or the height of a colour bar beside it)
   */
  UnitStrip(String title, float[] values, ColourMap map, Normalisation norm, double cellHeight) {
    this.cellHeight = cellHeight;
    this.title = title;
    this.values = values;
    this.map = map;
    this.norm = norm;
    this.cellsWidth = Math.max(60, Math.min(MAX_WIDTH, FigureStyle.current().layoutWidth() - BAR_ROOM - 2 * MARGIN));
  }

  @Override
  public double width() {
    return Math.ceil(2 * MARGIN + Math.max(cellsWidth, Typography.width(Typography.label(), title)));
  }

  /** Top of the row of cells. */
  double cellsTop() {
    return MARGIN + Typography.lineHeight(Typography.label()) + 2;
  }

  @Override
  public double height() {
    return Math.ceil(cellsTop() + cellHeight + MARGIN);
  }

  @Override
  public void paint(Graphics2D g) {
    g.setColor(Color.BLACK);
    TextAnchor.draw(g, title, Typography.label(), MARGIN, MARGIN + Typography.capHeight(Typography.label()),
        TextAnchor.Align.START);
    double w = cellsWidth / values.length;
    double top = cellsTop();
    for (int i = 0; i < values.length; i++) {
      g.setColor(new Color(map.rgb(values[i], norm)));
      g.fill(new Rectangle2D.Double(MARGIN + i * w, top, Math.ceil(w * 100) / 100 + 0.05, cellHeight));
    }
    g.setColor(new Color(0x90, 0x90, 0x9A));
    g.draw(new Rectangle2D.Double(MARGIN, top, cellsWidth, cellHeight));
  }
}
