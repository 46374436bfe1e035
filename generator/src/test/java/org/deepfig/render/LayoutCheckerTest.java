package org.deepfig.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The layout checker on hand-made figures: a clean one passes, and each rule broken once is reported. */
class LayoutCheckerTest {

  /** A 200×120 figure painted by {@code paint}. */
  private static Drawing figure(Consumer<Graphics2D> paint) {
    return Drawing.of(200, 120, g -> {
      g.setColor(Color.BLACK);
      paint.accept(g);
    });
  }

  private static void cleanParts(Graphics2D g) {
    g.fill(new Rectangle2D.Double(10, 30, 60, 50));
    TextAnchor.draw(g, "Title", Typography.title(), 100, 16, TextAnchor.Align.CENTRE);
    TextAnchor.draw(g, "left label", Typography.tick(), 10, 100, TextAnchor.Align.START);
    // 45° labels side by side: their upright boxes overlap, the slanted glyph boxes do not
    for (int i = 0; i < 3; i++) {
      TextAnchor.drawRotated(g, "rotated " + i, Typography.tick(), 90 + 12 * i, 70, -45, TextAnchor.Align.CENTRE);
    }
    Graphics2D bar = (Graphics2D) g.create();
    bar.translate(160, 20);
    new ColourBar(ColourMap.viridis(), new Normalisation(0, 1), "value", 80).paint(bar);
    bar.dispose();
  }

  @Test
  void cleanFigurePasses() {
    assertThat(LayoutChecker.check(figure(LayoutCheckerTest::cleanParts))).isEmpty();
  }

  @Test
  void shapeOutsideCanvasIsReported() {
    assertThat(LayoutChecker.check(figure(g -> {
      cleanParts(g);
      g.fill(new Rectangle2D.Double(180, 100, 30, 10));
    }))).singleElement().asString().startsWith("outside the 200×120 canvas: <rect>");
  }

  @Test
  void imageOutsideCanvasIsReported() {
    assertThat(LayoutChecker.check(figure(g -> {
      cleanParts(g);
      Rasters.draw(g, new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_RGB), 100, 110,
          20, 20);
    }))).singleElement().asString().startsWith("outside the 200×120 canvas: <image>");
  }

  @Test
  void titleCutAtTheLeftEdgeIsReported() {
    assertThat(LayoutChecker.check(figure(g -> {
      cleanParts(g);
      TextAnchor.draw(g, "a title wider than its canvas is", Typography.title(), 40, 112, TextAnchor.Align.CENTRE);
    }))).singleElement().asString().contains("outside").contains("'a title wider than its canvas is'");
  }

  @Test
  void overlappingTextsAreReported() {
    assertThat(LayoutChecker.check(figure(g -> {
      cleanParts(g);
      TextAnchor.draw(g, "legend entry", Typography.tick(), 20, 100, TextAnchor.Align.START);
    }))).singleElement().asString().startsWith("texts overlap: 'left label' and 'legend entry'");
  }

  @Test
  void textBelowSixPointsIsReportedAlsoWhenScaledDown() {
    assertThat(LayoutChecker.check(figure(g -> {
      cleanParts(g);
      TextAnchor.draw(g, "tiny", FontFaces.dejaVuSans().regular().deriveFont(5.5f), 120, 110, TextAnchor.Align.START);
    }))).singleElement().asString().isEqualTo("text smaller than 6 pt: 'tiny' at 5.50 pt");
    assertThat(LayoutChecker.check(figure(g -> {
      cleanParts(g);
      Graphics2D half = (Graphics2D) g.create();
      half.scale(0.5, 0.5);
      TextAnchor.draw(half, "shrunk", Typography.regular(10f), 240, 220, TextAnchor.Align.START);
      half.dispose();
    }))).singleElement().asString().isEqualTo("text smaller than 6 pt: 'shrunk' at 5.00 pt");
  }

  @Test
  void colourBarWithOneLabelledTickIsReported() {
    // what a 30-point bar over [0, 0.04] used to carry: one nice tick, "0"
    assertThat(LayoutChecker.check(figure(g -> {
      cleanParts(g);
      SvgGroups.paint(g, SvgGroups.COLOUR_BAR, bar -> {
        bar.draw(new Rectangle2D.Double(110, 80, 10, 30));
        SvgGroups.paint(bar, SvgGroups.COLOUR_BAR_TICKS,
            t -> TextAnchor.drawMiddle(t, "0", Typography.tick(), 124, 110, TextAnchor.Align.START));
      });
    }))).singleElement().asString().isEqualTo("colour bar 2 labels 1 tick(s), needs at least 2");
  }

  /** A chart's frame (20..70 × 25..65) in its plot-area group. */
  private static void frame(Graphics2D g) {
    SvgGroups.paint(g, SvgGroups.PLOT_AREA, f -> f.draw(new Rectangle2D.Double(20, 25, 50, 40)));
  }

  private static void legend(Graphics2D g, double x, double y) {
    SvgGroups.paint(g, SvgGroups.LEGEND, l -> {
      l.fill(new Rectangle2D.Double(x, y - 3, 8, 6));
      TextAnchor.drawMiddle(l, "train", Typography.tick(), x + 11, y, TextAnchor.Align.START);
    });
  }

  @Test
  void legendInsideOrOutsideThePlotFramePasses() {
    assertThat(LayoutChecker.check(figure(g -> {
      cleanParts(g);
      frame(g);
      legend(g, 24, 33); // a free corner inside the frame
    }))).isEmpty();
  }

  @Test
  void legendAcrossThePlotFrameIsReported() {
    // what training-curves used to show: the legend box over the frame's right edge
    assertThat(LayoutChecker.check(figure(g -> {
      cleanParts(g);
      frame(g);
      legend(g, 60, 40);
    }))).singleElement().asString().startsWith("legend 1 [x 60.0..").contains("lies across the border of plot frame 1 "
        + "[x 20.0..70.0, y 25.0..65.0]");
  }

  @Test
  void textAcrossThePlotFrameIsReported() {
    assertThat(LayoutChecker.check(figure(g -> {
      cleanParts(g);
      frame(g);
      TextAnchor.drawMiddle(g, "0.97", Typography.tick(), 40, 25, TextAnchor.Align.CENTRE); // on the top edge
    }))).singleElement().asString().startsWith("text '0.97'").contains("across the border of plot frame 1");
  }

  @Test
  void colourBarTicksAreGroupedInTheSvg() {
    String svg = new String(new SvgEncoder().encode(figure(LayoutCheckerTest::cleanParts), "{}"),
        StandardCharsets.UTF_8);
    assertThat(svg).contains("class=\"" + SvgGroups.COLOUR_BAR + "\"")
        .contains("class=\"" + SvgGroups.COLOUR_BAR_TICKS + "\"");
  }
}
