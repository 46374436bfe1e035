package org.deepfig.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class DrawingsTest {
  private static final String NO_PROVENANCE = "{}";

  @Test
  void heatmapWritesEveryClassNameOnBothAxesAndTheAxisTitles() throws Exception {
    String text = pdfText(SampleDrawings.confusion());
    for (String name : SampleDrawings.DIGITS) {
      assertThat(text.split(java.util.regex.Pattern.quote(name), -1).length - 1)
          .as(name).isGreaterThanOrEqualTo(2);
    }
    assertThat(text).contains("Trueclass", "Predictedclass", "Confusionmatrix", "count", "981");
  }

  @Test
  void heatmapCellTextContrastsWithItsFill() {
    assertThat(HeatmapDrawing.textOn(ColourMap.viridis().rgb(0))).isEqualTo(Color.WHITE);
    assertThat(HeatmapDrawing.textOn(ColourMap.viridis().rgb(1))).isEqualTo(Color.BLACK);
  }

  @Test
  void heatmapFitsOnItsPage() {
    // nothing painted in the outermost ring of pixels: no label runs off the figure
    BufferedImage img = PngEncoder.render(SampleDrawings.confusion(), 144);
    for (int x = 0; x < img.getWidth(); x++) {
      assertThat(img.getRGB(x, 0) & 0xffffff).isEqualTo(0xffffff);
      assertThat(img.getRGB(x, img.getHeight() - 1) & 0xffffff).isEqualTo(0xffffff);
    }
    for (int y = 0; y < img.getHeight(); y++) {
      assertThat(img.getRGB(0, y) & 0xffffff).isEqualTo(0xffffff);
      assertThat(img.getRGB(img.getWidth() - 1, y) & 0xffffff).isEqualTo(0xffffff);
    }
  }

  @Test
  void heatmapCellsTakeTheirColourFromTheMap() {
    double[][] values = {{0, 1}, {1, 0}};
    HeatmapDrawing d = HeatmapDrawing.builder(values).setRowLabels(List.of("a", "b")).setColumnLabels(List.of("c", "d"))
        .optShowValues(false).optCellSize(40).build();
    BufferedImage img = PngEncoder.render(d, 72);
    List<Integer> seen = new ArrayList<>();
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) seen.add(img.getRGB(x, y) & 0xffffff);
    }
    assertThat(seen).contains(0x440154, 0xfde725);
  }

  @Test
  void chartsKeepTheirTitlesAsText() throws Exception {
    assertThat(pdfText(SampleDrawings.lossCurves())).contains("LeNet-5onMNIST", "epoch", "cross-entropyloss");
    assertThat(pdfText(SampleDrawings.perClassAccuracy())).contains("Accuracyperclass");
    assertThat(pdfText(SampleDrawings.embedding())).contains("t-SNEofpenultimatelayer");
  }

  @Test
  void scatterPaintsEachClassInItsPaletteColour() {
    BufferedImage img = PngEncoder.render(SampleDrawings.embedding(), 144);
    for (int c = 0; c < 10; c++) {
      int want = Palette.categorical(c).getRGB() & 0xffffff;
      boolean found = false;
      for (int y = 0; y < img.getHeight() && !found; y++) {
        for (int x = 0; x < img.getWidth() && !found; x++) found = (img.getRGB(x, y) & 0xffffff) == want;
      }
      assertThat(found).as("class %d colour #%06x", c, want).isTrue();
    }
  }

  @Test
  void tileGridCaptionsEveryTileAndGrowsColumnsForLongCaptions() throws Exception {
    BufferedImage img = Rasters.ofMap(new float[] {0, 1, 1, 0}, 2, 2, ColourMap.viridis());
    List<TileGrid.Tile> tiles = new ArrayList<>();
    for (int i = 0; i < 5; i++) tiles.add(new TileGrid.Tile(img, "filter " + i));
    tiles.add(new TileGrid.Tile(img, "a much longer caption here"));
    TileGrid grid = new TileGrid("conv1 filters", tiles, 3, 30);
    assertThat(grid.rows()).isEqualTo(2);
    assertThat(grid.width()).isGreaterThan(3 * Typography.width(Typography.caption(), "a much longer caption here"));
    assertThat(pdfText(grid)).contains("conv1filters", "filter0", "filter4", "amuchlongercaptionhere");
  }

  @Test
  void barsThatAreAllEqualStillGetAnAxis() {
    // a trained ResNet has no dead ReLU unit: every bar 0, an empty value range, and XChart drew them at NaN,
    // which the PDF report's SVG renderer refuses ("Couldn't draw SVG")
    Charts.Frame frame = new Charts.Frame("Dead ReLU units", "layer", "% of units", 300, 200);
    List<String> layers = List.of("relu1", "relu2", "relu3");
    for (double v : new double[] {0, 5, -2}) {
      ChartDrawing bars = Charts.bar(frame, layers, List.of(new Charts.Bars("before", new double[] {v, v, v}),
          new Charts.Bars("after", new double[] {v, v, v})));
      assertThat(svg(bars)).as("bars at %s", v).doesNotContain("NaN").doesNotContain("Infinity");
    }
  }

  @Test
  void boldTextIsDrawnFromTheBoldFileWithoutExtraEmboldening() {
    // synthetic emboldening would widen strokes; the bold face's own advance must match what layout measured
    double measured = Typography.width(Typography.title(), "Confusion matrix");
    java.awt.font.TextLayout layout =
        new java.awt.font.TextLayout("Confusion matrix", Typography.title(), Typography.MEASURE);
    assertThat(layout.getAdvance()).isCloseTo((float) measured, org.assertj.core.api.Assertions.within(0.01f));
    assertThat(Typography.title().getFontName()).isEqualTo("DejaVu Sans Bold");
    assertThat(Typography.label().getFontName()).isEqualTo("DejaVu Sans");
  }

  private static String svg(Drawing d) {
    return new String(new SvgEncoder().encode(d, NO_PROVENANCE), java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * PDFTextStripper reads rotated strings (axis titles, 45° column labels) one glyph run per line; whitespace is
   * dropped so those still compare as words.
   */
  private static String pdfText(Drawing d) throws Exception {
    try (PDDocument doc = Loader.loadPDF(new PdfEncoder().encode(d, NO_PROVENANCE))) {
      return new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
    }
  }
}
