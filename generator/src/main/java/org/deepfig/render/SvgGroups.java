package org.deepfig.render;

import java.awt.Graphics2D;
import java.util.function.Consumer;
import org.apache.batik.svggen.SVGGraphics2D;
import org.w3c.dom.Element;

/**
 * Wraps what a part of a figure paints in an SVG {@code <g class="…">}, so that the part can be found in the SVG (a
 * colour bar's tick labels, say, by a layout check or a reader's stylesheet). On any other Graphics2D (PDF, PNG) the
 * part is simply painted.
 */
public final class SvgGroups {
  /** The class of a colour bar's group. */
  public static final String COLOUR_BAR = "colour-bar";
  /** The class of the group holding a colour bar's tick labels, inside {@link #COLOUR_BAR}. */
  public static final String COLOUR_BAR_TICKS = "colour-bar-ticks";
  /** The class of a chart's plot frame (the border line of its data area). */
  public static final String PLOT_AREA = "plot-area";
  /** The class of the group holding a chart's y tick labels (its axis limits, for tests and readers). */
  public static final String Y_TICKS = "y-ticks";
  /** The class of a chart's legend (swatches and names). */
  public static final String LEGEND = "legend";

  private SvgGroups() {}

  /** Paints {@code part} on {@code g}; in an SVG, the elements it makes go into one group of class {@code cssClass}. */
  public static void paint(Graphics2D g, String cssClass, Consumer<Graphics2D> part) {
    if (!(g instanceof SVGGraphics2D svg)) {
      part.accept(g);
      return;
    }
    // Batik collects what is drawn in a "top-level group": take what came before, let the part fill a fresh one,
    // then hang that under the earlier group and continue there
    Element before = svg.getTopLevelGroup(false);
    part.accept(svg);
    Element group = svg.getTopLevelGroup(false);
    group.setAttributeNS(null, "class", cssClass);
    before.appendChild(group);
    svg.setTopLevelGroup(before);
  }
}
