package org.deepfig.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

/**
 * Figures at a paper size: the PDF and SVG are exactly the size's width, text is at the size's font and never under
 * 6 pt, tick labels stay text in both formats, and layouts reflow (grids wrap, charts narrow) instead of shrinking.
 */
class PhysicalSizeTest {
  static final FigureStyle COLUMN = style(252, 8, false);
  static final FigureStyle SLIDE = style(720, 18, false);

  static FigureStyle style(double width, double font, boolean letters) {
    return new FigureStyle("test", width, font, FontFaces.dejaVuSans(), Palette.DEFAULT, null, letters, false);
  }

  /** Builds and encodes the drawing with the style in force, as the figure stage does. */
  static byte[] pdf(FigureStyle style, Supplier<Drawing> drawing) {
    return style.apply(() -> new PdfEncoder().encode(Sized.of(drawing.get(), style), "{}"));
  }

  static byte[] svg(FigureStyle style, Supplier<Drawing> drawing) {
    return style.apply(() -> new SvgEncoder().encode(Sized.of(drawing.get(), style), "{}"));
  }

  /** Every glyph's size in points as PDFBox places it (font size times every transform in force). */
  static List<Float> textSizes(byte[] pdf) throws IOException {
    List<Float> sizes = new ArrayList<>();
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDFTextStripper stripper = new PDFTextStripper() {
        @Override
        protected void processTextPosition(TextPosition text) {
          sizes.add(text.getYScale());
          super.processTextPosition(text);
        }
      };
      stripper.getText(doc);
    }
    return sizes;
  }

  static float pageWidth(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return doc.getPage(0).getMediaBox().getWidth();
    }
  }

  static String pdfText(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc);
    }
  }

  @Test
  void aColumnFigureIsThreeAndAHalfInchesWideWithTextAtEightPoints() throws IOException {
    byte[] pdf = pdf(COLUMN, SampleDrawings::lossCurves);
    assertThat(pageWidth(pdf)).isCloseTo(252f, org.assertj.core.data.Offset.offset(0.01f));
    List<Float> sizes = textSizes(pdf);
    assertThat(sizes).isNotEmpty().allSatisfy(s -> assertThat(s).isGreaterThanOrEqualTo(5.99f));
    // axis titles are labels: 9 pt laid out, 8 pt on paper; the title 11 pt, 9.8 on paper
    assertThat(sizes).anySatisfy(s -> assertThat(s).isBetween(7.99f, 8.01f));
    assertThat(sizes.stream().mapToDouble(Float::doubleValue).max().getAsDouble()).isBetween(9.7, 9.8);
  }

  @Test
  void aSlideFigureIsTenInchesWideWithEighteenPointLabels() throws IOException {
    byte[] pdf = pdf(SLIDE, SampleDrawings::lossCurves);
    assertThat(pageWidth(pdf)).isCloseTo(720f, org.assertj.core.data.Offset.offset(0.01f));
    assertThat(textSizes(pdf)).anySatisfy(s -> assertThat(s).isBetween(17.99f, 18.01f));
    assertThat(textSizes(pdf).stream().mapToDouble(Float::doubleValue).max().getAsDouble()).isBetween(21.9, 22.1);
  }

  @Test
  void tickLabelsAreTextInThePdfAndTheSvg() throws IOException {
    String text = pdfText(pdf(COLUMN, SampleDrawings::lossCurves));
    String svg = new String(svg(COLUMN, SampleDrawings::lossCurves), StandardCharsets.UTF_8);
    List<String> ticks = new ArrayList<>();
    Matcher m = Pattern.compile("<text[^>]*>([0-9][0-9.]*)</text").matcher(svg);
    while (m.find()) ticks.add(m.group(1));
    assertThat(ticks).as("numeric <text> in the SVG").hasSizeGreaterThanOrEqualTo(4);
    for (String t : ticks) assertThat(text).as("pdftotext-style extraction finds tick " + t).contains(t);
  }

  @Test
  void everySampleDrawingIsCleanAtColumnSize() {
    for (var e : java.util.Map.<String, Supplier<Drawing>>of("confusion", SampleDrawings::confusion, "loss",
        SampleDrawings::lossCurves, "bars", SampleDrawings::perClassAccuracy, "scatter", SampleDrawings::embedding,
        "tiles", SampleDrawings::tiles).entrySet()) {
      byte[] svg = svg(COLUMN, e.getValue());
      assertThat(LayoutChecker.check(svg)).as(e.getKey()).isEmpty();
      assertThat(new String(svg, StandardCharsets.UTF_8)).contains("width=\"252pt\"");
    }
  }

  @Test
  void aConfusionMatrixShrinksItsCellsToFitAColumnInsteadOfShrinkingItsText() {
    double natural = SampleDrawings.confusion().width();
    Drawing atColumn = COLUMN.apply(SampleDrawings::confusion);
    assertThat(natural).isGreaterThan(COLUMN.layoutWidth());
    assertThat(atColumn.width()).isLessThanOrEqualTo(COLUMN.layoutWidth());
    assertThat(((Sized) COLUMN.apply(() -> Sized.of(SampleDrawings.confusion(), COLUMN))).scale())
        .isEqualTo(COLUMN.scale());
  }

  @Test
  void aVeryLongClassNameIsCutInTheMatrixSoTheCellsKeepTheirSize() {
    List<String> names = new ArrayList<>(SampleDrawings.DIGITS);
    names.set(3, "<script>document.documentElement.dataset.pwned='1'</script> and a long tail of words");
    int[][] counts = new int[10][10];
    for (int i = 0; i < 10; i++) counts[i][i] = 50;
    HeatmapDrawing long_ = HeatmapDrawing.confusionMatrix(counts, names);
    HeatmapDrawing plain = HeatmapDrawing.confusionMatrix(counts, SampleDrawings.DIGITS);
    assertThat(long_.width()).isLessThan(plain.width() + 2 * HeatmapDrawing.MAX_LABEL);
    String svg = new String(new SvgEncoder().encode(long_, "{}"), StandardCharsets.UTF_8);
    assertThat(svg).contains("…").doesNotContain("long tail of words");
    assertThat(LayoutChecker.check(svg.getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  @Test
  void tenTilesThatFitSevenToARowWrapIntoTwoRowsOfFive() {
    List<TileGrid.Tile> tiles = new ArrayList<>();
    for (int i = 0; i < 10; i++) tiles.add(new TileGrid.Tile(Rasters.ofImage(new float[16], 1, 4, 4), null));
    // seven 56-pt tiles with 6-pt gaps and 6-pt margins need 446 pt
    FigureStyle seven = style(446 * 8 / 9.0 + 1, 8, false);
    TileGrid grid = seven.apply(() -> TileGrid.wrapped("t", tiles, 10, 56));
    assertThat(grid.rows()).isEqualTo(2);
    assertThat(grid.width()).isLessThan(seven.layoutWidth());
    assertThat(FigureStyle.screen().apply(() -> TileGrid.wrapped("t", tiles, 10, 56)).rows()).isEqualTo(1);
  }

  @Test
  void panelsWrapIntoBalancedRowsAndCarryLettersWhenAsked() {
    List<Drawing> parts = new ArrayList<>();
    for (int i = 0; i < 5; i++) parts.add(box(100, 50));
    FigureStyle narrow = style(320 * 8 / 9.0, 8, true); // 320 layout points: three 100-pt panels with 10-pt gaps
    Panels.PanelGrid grid = narrow.apply(() -> Panels.grid(10, parts));
    assertThat(grid.columns()).isEqualTo(3);
    assertThat(grid.origin(3)[0]).isEqualTo(0);
    assertThat(grid.origin(3)[1]).isGreaterThan(50);
    byte[] svg = narrow.apply(() -> new SvgEncoder().encode(Panels.grid(10, parts), "{}"));
    String text = new String(svg, StandardCharsets.UTF_8);
    assertThat(text).contains(">(a)<", ">(b)<", ">(e)<").doesNotContain(">(f)<");
    assertThat(Panels.letter(0)).isEqualTo("(a)");
    assertThat(Panels.letter(25)).isEqualTo("(z)");
    assertThat(Panels.letter(26)).isEqualTo("(aa)");
  }

  @Test
  void narrowTallBarsKeepTheirValueLabelsTurnedInsideTheBar() {
    List<String> layers = List.of("relu1", "relu2", "relu3", "relu4", "relu5", "relu6");
    byte[] svg = svg(COLUMN, () -> Charts.bar(new Charts.Frame(null, "layer", "% dead", 420, 230), layers,
        List.of(new Charts.Bars("before", new double[] {0, 0, 0.8, 1.2, 0.5, 0.1}),
            new Charts.Bars("after", new double[] {0, 0, 27.5, 21.4, 33.3, 12.5})),
        v -> String.format(java.util.Locale.ROOT, "%.1f", v)));
    String text = new String(svg, StandardCharsets.UTF_8);
    assertThat(text).contains(">27.5<", ">21.4<", ">33.3<", ">12.5<");
    assertThat(LayoutChecker.check(svg)).isEmpty();
  }

  @Test
  void textThatWouldEndUnderSixPointsIsRaisedToSix() {
    FigureStyle column = COLUMN;
    float tiny = column.apply(() -> Typography.regular(5f).getSize2D());
    assertThat(tiny * column.scale()).isCloseTo(6.0, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(FigureStyle.screen().apply(() -> Typography.regular(7f).getSize2D())).isEqualTo(7f);
  }

  @Test
  void theDefaultPaletteIsColourBlindSafeUpToTenClasses() {
    assertThat(Palette.of(Palette.Choice.AUTO, 8).name()).isEqualTo("okabe-ito");
    assertThat(Palette.of(Palette.Choice.AUTO, 10).name()).isEqualTo("tol-muted");
    assertThat(Palette.of(Palette.Choice.AUTO, 20).name()).isEqualTo("tab20");
    assertThat(Palette.of(Palette.Choice.AUTO, 3).colour(0)).isEqualTo(new Color(0x0072B2));
    FigureStyle tab10 = new FigureStyle("screen", 0, 9, FontFaces.dejaVuSans(), Palette.of(Palette.Choice.TAB10, 3),
        null, false, true);
    assertThat(tab10.apply(() -> Palette.categorical(1))).isEqualTo(new Color(0xff7f0e));
  }

  @Test
  void aChosenSequentialMapReplacesEveryFiguresOwn() {
    FigureStyle magma = new FigureStyle("screen", 0, 9, FontFaces.dejaVuSans(), Palette.DEFAULT, ColourMap.magma(),
        false, true);
    assertThat(magma.apply(() -> ColourMap.sequential(ColourMap.inferno())).name()).isEqualTo("magma");
    assertThat(ColourMap.sequential(ColourMap.inferno()).name()).isEqualTo("inferno");
  }

  @Test
  void anInstalledFamilyIsFoundAndEmbeddedInThePdf() throws IOException {
    java.nio.file.Path serif = java.nio.file.Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf");
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(serif), "fonts-dejavu-core");
    FontFaces faces = FontFinder.find("DejaVu Serif", java.nio.file.Path.of("."));
    assertThat(faces.regularSource().file()).isEqualTo(serif);
    assertThat(faces.boldSource().file().getFileName().toString()).isEqualTo("DejaVuSerif-Bold.ttf");
    FigureStyle serifColumn = new FigureStyle("column", 252, 8, faces, Palette.DEFAULT, null, false, false);
    byte[] pdf = pdf(serifColumn, SampleDrawings::lossCurves);
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      List<String> fonts = new ArrayList<>();
      var resources = doc.getPage(0).getResources();
      collectFonts(resources, fonts);
      assertThat(fonts).anySatisfy(f -> assertThat(f).contains("DejaVuSerif"));
    }
    byte[] svg = svg(serifColumn, SampleDrawings::lossCurves);
    assertThat(new String(svg, StandardCharsets.UTF_8)).contains("DejaVu Serif");
  }

  @Test
  void aMissingFamilyOrFileIsAOneLineErrorNamingWhatIsInstalled() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FontFinder.find("Comic Nonexistent",
        java.nio.file.Path.of("."))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Comic Nonexistent' is not installed").hasMessageNotContaining("\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FontFinder.find("fonts/missing.ttf",
        java.nio.file.Path.of("/tmp"))).hasMessageContaining("font file not found: /tmp/fonts/missing.ttf");
  }

  private static void collectFonts(org.apache.pdfbox.pdmodel.PDResources resources, List<String> out)
      throws IOException {
    for (var name : resources.getFontNames()) out.add(resources.getFont(name).getName());
    for (var name : resources.getXObjectNames()) {
      if (resources.getXObject(name) instanceof org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject form
          && form.getResources() != null) {
        collectFonts(form.getResources(), out);
      }
    }
  }

  private static Drawing box(double w, double h) {
    return Drawing.of(w, h, g -> {
      g.setColor(Color.GRAY);
      g.fill(new java.awt.geom.Rectangle2D.Double(0, 0, w, h));
    });
  }
}
