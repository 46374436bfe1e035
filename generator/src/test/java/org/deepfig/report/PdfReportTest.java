package org.deepfig.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PDF report as a reader gets it: pages that show something, captions, page numbers, vector figures, fonts. */
@Tag("slow")
class PdfReportTest {
  private static BuiltReports built;
  private static Path pdf;

  @BeforeAll
  static void build() throws IOException {
    built = BuiltReports.get();
    pdf = built.report.resolve(ReportWriter.PDF);
  }

  @Test
  void everyPageRendersToSomethingVisible() throws Exception {
    Path pdftoppm = Path.of("/usr/bin/pdftoppm");
    Assumptions.assumeTrue(Files.isExecutable(pdftoppm), "pdftoppm not installed (poppler-utils)");
    Path out = Files.createDirectories(BuiltReports.ARTIFACTS.resolve("pdf"));
    try (Stream<Path> old = Files.list(out)) {
      for (Path p : old.toList()) Files.delete(p);
    }
    Process p = new ProcessBuilder(pdftoppm.toString(), "-png", "-r", "40", pdf.toString(),
        out.resolve("report").toString()).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(log).isZero();
    List<Path> pages;
    try (Stream<Path> s = Files.list(out)) {
      pages = s.sorted().toList();
    }
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      assertThat(pages).hasSize(doc.getNumberOfPages());
    }
    for (Path page : pages) {
      BufferedImage img = ImageIO.read(page.toFile());
      assertThat(inkFraction(img)).as("ink on %s", page.getFileName()).isGreaterThan(0.002);
    }
    // page 3 is the training curves: their drawing puts much more ink on it than its caption and table alone
    assertThat(inkFraction(ImageIO.read(pages.get(2).toFile()))).isGreaterThan(0.03);
  }

  @Test
  void textHasEveryCaptionAndTheContentsGiveTheRightPages() throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      String all = flat(new PDFTextStripper().getText(doc));
      assertThat(all).contains(flat("Mean training loss and accuracy over each epoch"))
          .contains(flat("Confusion matrix of the 200 test images: row = true class, column = predicted class"))
          // the payload title is plain text in the PDF, as typed
          .contains("<script>document.documentElement.dataset.pwned='1'</script>");
      // the training curves are an SVG of lines and glyph outlines: vector, so their page holds no raster image
      int curves = firstPageWithHeading(doc, "Training curves");
      assertThat(images(doc.getPage(curves - 1))).isZero();
      String contents = pageText(doc, 2);
      assertThat(contents).contains("Contents");
      for (String title : List.of("Training curves", "Confusion matrix")) {
        int page = firstPageWithHeading(doc, title);
        assertThat(contents).as(title).containsPattern(title + "[ .]*" + page + "\\b");
        assertThat(pageText(doc, page)).contains(page + " / " + doc.getNumberOfPages());
      }
    }
  }

  @Test
  void fontsAreEmbedded() throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      List<String> fonts = new ArrayList<>();
      for (PDPage page : doc.getPages()) {
        for (var name : page.getResources().getFontNames()) {
          PDFont f = page.getResources().getFont(name);
          assertThat(f.isEmbedded()).as(f.getName()).isTrue();
          fonts.add(f.getName());
        }
      }
      assertThat(fonts).anyMatch(n -> n.contains("DejaVuSans"));
    }
  }

  @Test
  void sameReportGivesTheSameBytes(@TempDir Path dir) throws IOException {
    ReportView view = new ReportView("t", "s", List.of(), List.of(), List.of(), List.of(), "1%", "style.css", null, null);
    new PdfReport(new Templates(null)).write(dir, view, dir.resolve("a.pdf"));
    new PdfReport(new Templates(null)).write(dir, view, dir.resolve("b.pdf"));
    assertThat(Files.readAllBytes(dir.resolve("a.pdf"))).isEqualTo(Files.readAllBytes(dir.resolve("b.pdf")));
  }

  @Test
  void aFigureThePdfCannotDrawFailsTheReport(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("figures"));
    Files.writeString(dir.resolve("figures/bad.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" "
        + "xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"100pt\" height=\"50pt\" viewBox=\"0 0 100 50\">"
        + "<image width=\"10\" height=\"10\" xlink:href=\"file:///etc/hostname\"/></svg>");
    FigureView fig = new FigureView("bad", "k", "Bad", "caption", List.of(), "figures/bad.png", null,
        "figures/bad.svg", null, true, 100, 50, Double.NaN, List.of(), List.of(), null, null);
    ReportView view = new ReportView("t", "s", List.of(), List.of(), List.of(fig), List.of(), "1%", "style.css", null, null);
    assertThatThrownBy(() -> new PdfReport(new Templates(null)).write(dir, view, dir.resolve("r.pdf")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("PDF report");
    assertThat(dir.resolve("r.pdf")).doesNotExist();
  }

  @Test
  void svgIsScaledToThePageWithoutItsProlog() {
    String svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC 'x' 'y'>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
        + "xmlns:xlink=\"http://www.w3.org/1999/xlink\" style=\"stroke-width:1\" "
        + "width=\"986pt\" viewBox=\"0 0 986 200\" height=\"200pt\"><image xlink:href=\"data:image/png;base64,AB\nCD\"/>"
        + "<rect stroke-width=\"3\" width=\"5\" height=\"6\"/></svg>";
    assertThat(PdfReport.rootSize(svg)).containsExactly(986, 200);
    String sized = PdfReport.scaled(svg, PdfReport.Placement.of(986, 200, Double.NaN).scale());
    // 986 pt wide on a 493.2 pt wide text column: scale 0.5; only the root's size changes
    assertThat(sized).startsWith("<svg ").doesNotContain("<?xml").doesNotContain("DOCTYPE")
        .contains("width=\"493.23pt\"").contains("height=\"100.05pt\"").contains("style=\"stroke-width:1\"")
        .contains("viewBox=\"0 0 986 200\"").contains("xlink:href=\"data:image/png;base64,ABCD\"")
        .contains("stroke-width=\"3\"").contains("width=\"5\"").contains("height=\"6\"");
    assertThat(PdfReport.rootSize(sized)).containsExactly(493.23, 100.05);
    assertThat(PdfReport.rootSize("<svg width=\"100%\" height=\"20pt\"/>")).isNull();
  }

  @Test
  void placementKeepsFigureTextAtSixPointsTurningWideFiguresToLandscape() {
    // the shapes-lenet t-SNE: 1037 pt wide with 8-pt labels would print at 3.8 pt on a portrait text column
    PdfReport.Placement tsne = PdfReport.Placement.of(1037, 372, 8);
    assertThat(tsne.landscape()).isTrue();
    assertThat(tsne.smallestTextPt()).isGreaterThanOrEqualTo(6);
    PdfReport.Placement curves = PdfReport.Placement.of(616, 220, 7.5);
    assertThat(curves.landscape()).isFalse();
    assertThat(curves.scale()).isCloseTo(PdfReport.CONTENT_WIDTH_PT / 616, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(PdfReport.Placement.of(300, 200, 7.5)).isEqualTo(new PdfReport.Placement(1, false, 7.5));
  }

  @Test
  void noTextOfTheReportOrOfItsFiguresIsUnderSixPoints() throws IOException {
    for (Path report : List.of(pdf, built.handMade.resolve(ReportWriter.PDF))) {
      try (PDDocument doc = Loader.loadPDF(report.toFile())) {
        List<Float> sizes = new ArrayList<>();
        PDFTextStripper sizesOf = new PDFTextStripper() {
          @Override
          protected void writeString(String text, List<org.apache.pdfbox.text.TextPosition> positions) {
            for (var t : positions) if (!t.getUnicode().isBlank()) sizes.add(t.getFontSizeInPt());
          }
        };
        sizesOf.getText(doc);
        assertThat(sizes).as(report.toString()).isNotEmpty().allSatisfy(s -> assertThat(s).isGreaterThanOrEqualTo(6f));
      }
    }
    // figures are drawn as glyph outlines: find where the wide figure's frame landed, and scale its smallest text
    try (PDDocument doc = Loader.loadPDF(built.handMade.resolve(ReportWriter.PDF).toFile())) {
      int page = firstPageWithHeading(doc, "Ten panels in a row") - 1;
      PDPage p = doc.getPage(page);
      assertThat(p.getMediaBox().getWidth()).as("a landscape page").isGreaterThan(p.getMediaBox().getHeight());
      java.awt.geom.Rectangle2D frame = FrameFinder.find(p, BuiltReports.FRAME.getRGB() & 0xffffff);
      assertThat(frame).as("the wide figure's red frame on page %d", page + 1).isNotNull();
      double scale = frame.getWidth() / (BuiltReports.WIDE_PT - 1);
      double smallest = SvgText.smallestFontPt(Files.readString(built.handMade.resolve("figures/wide.svg")));
      assertThat(smallest).isEqualTo(BuiltReports.WIDE_FONT_PT);
      assertThat(smallest * scale).as("smallest text of the wide figure as printed, pt").isGreaterThanOrEqualTo(6);
      assertThat(frame.getMaxX()).as("nothing clipped at the right margin").isLessThanOrEqualTo(
          p.getMediaBox().getWidth());
    }
  }

  @Test
  void smallFiguresShareAPageAndShortTablesStayWhole(@TempDir Path dir) throws IOException {
    Path figs = Files.createDirectories(dir.resolve("figures"));
    List<FigureView> views = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      List<List<String>> rows = new ArrayList<>();
      for (int r = 1; r <= 5; r++) rows.add(List.of("row " + r + " of table " + i, Integer.toString(r)));
      views.add(BuiltReports.panels(figs, "small-" + i, "Small figure " + i, 4, 150,
          List.of(new org.deepfig.analysis.Table("Table " + i, List.of("Row", "Value"), rows))));
    }
    ReportView view = new ReportView("t", "s", List.of(), List.of(), views, List.of(), "1%", "style.css", null, null);
    Path out = dir.resolve("r.pdf");
    new PdfReport(new Templates(null)).write(dir, view, out);
    try (PDDocument doc = Loader.loadPDF(out.toFile())) {
      assertThat(firstPageWithHeading(doc, "Small figure 2")).isEqualTo(firstPageWithHeading(doc, "Small figure 1"));
      for (int i = 1; i <= 3; i++) {
        assertThat(pageText(doc, pageWith(doc, "Table " + i))).as("table %d is whole on its page", i)
            .contains("row 1 of table " + i).contains("row 5 of table " + i);
      }
    }
  }

  @Test
  void paperSaysNothingOfHovering() throws IOException {
    try (PDDocument doc = Loader.loadPDF(built.handMade.resolve(ReportWriter.PDF).toFile())) {
      assertThat(new PDFTextStripper().getText(doc)).contains("caption.").doesNotContain("Hover a cell");
    }
  }

  @Test
  void theProvenancePageCarriesTheGitCommitTheVerifyCommandAndTheConfig() throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      PDFTextStripper fromProvenance = new PDFTextStripper();
      fromProvenance.setStartPage(pageWith(doc, "manifest.json beside this file"));
      String last = fromProvenance.getText(doc);
      assertThat(last).contains("Provenance").contains("Git commit").contains("Config sha256")
          .contains(ReportViews.verifyCommand()).contains("seed: 3").contains("arch:");
    }
  }

  private static int pageWith(PDDocument doc, String text) throws IOException {
    for (int i = 1; i <= doc.getNumberOfPages(); i++) if (pageText(doc, i).contains(text)) return i;
    throw new AssertionError("no page has " + text);
  }

  /** The bounding box, in page coordinates, of what is stroked in one colour on a page (null if nothing is). */
  private static final class FrameFinder extends org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine {
    private final int rgb;
    private java.awt.geom.Rectangle2D path;
    private java.awt.geom.Rectangle2D found;
    private java.awt.geom.Point2D current = new java.awt.geom.Point2D.Double();

    private FrameFinder(PDPage page, int rgb) {
      super(page);
      this.rgb = rgb;
    }

    static java.awt.geom.Rectangle2D find(PDPage page, int rgb) throws IOException {
      FrameFinder f = new FrameFinder(page, rgb);
      f.processPage(page);
      return f.found;
    }

    private void add(java.awt.geom.Point2D p) {
      if (path == null) path = new java.awt.geom.Rectangle2D.Double(p.getX(), p.getY(), 0, 0);
      else path.add(p);
      current = p;
    }

    @Override
    public void appendRectangle(java.awt.geom.Point2D p0, java.awt.geom.Point2D p1, java.awt.geom.Point2D p2,
        java.awt.geom.Point2D p3) {
      add(p0);
      add(p1);
      add(p2);
      add(p3);
    }

    @Override
    public void moveTo(float x, float y) {
      add(new java.awt.geom.Point2D.Float(x, y));
    }

    @Override
    public void lineTo(float x, float y) {
      add(new java.awt.geom.Point2D.Float(x, y));
    }

    @Override
    public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {
      add(new java.awt.geom.Point2D.Float(x3, y3));
    }

    @Override
    public java.awt.geom.Point2D getCurrentPoint() {
      return current;
    }

    @Override
    public void strokePath() throws IOException {
      if (path != null && getGraphicsState().getStrokingColor().toRGB() == rgb) {
        if (found == null) found = path;
        else found.add(path);
      }
      path = null;
    }

    @Override
    public void fillPath(int windingRule) {
      path = null;
    }

    @Override
    public void fillAndStrokePath(int windingRule) throws IOException {
      strokePath();
    }

    @Override
    public void endPath() {
      path = null;
    }

    @Override
    public void closePath() {}

    @Override
    public void clip(int windingRule) {}

    @Override
    public void drawImage(org.apache.pdfbox.pdmodel.graphics.image.PDImage pdImage) {}

    @Override
    public void shadingFill(org.apache.pdfbox.cos.COSName shadingName) {}
  }

  private static int images(PDPage page) throws IOException {
    int n = 0;
    for (var name : page.getResources().getXObjectNames()) {
      if (page.getResources().getXObject(name) instanceof org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject) n++;
    }
    return n;
  }

  private static int firstPageWithHeading(PDDocument doc, String title) throws IOException {
    for (int i = 3; i <= doc.getNumberOfPages(); i++) {
      if (java.util.regex.Pattern.compile("(?m)^\\d+\\. " + title + "\\s*$").matcher(pageText(doc, i)).find()) {
        return i;
      }
    }
    throw new AssertionError("no page starts with " + title);
  }

  private static String pageText(PDDocument doc, int page) throws IOException {
    PDFTextStripper s = new PDFTextStripper();
    s.setStartPage(page);
    s.setEndPage(page);
    return s.getText(doc);
  }

  private static String flat(String s) {
    return s.replaceAll("\\s+", " ");
  }

  /** Share of pixels that are not near-white. */
  static double inkFraction(BufferedImage img) {
    long ink = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (r + g + b < 3 * 235) ink++;
      }
    }
    return ink / (double) (img.getWidth() * img.getHeight());
  }
}
