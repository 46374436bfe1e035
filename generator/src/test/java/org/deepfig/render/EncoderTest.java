package org.deepfig.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.PNGTranscoder;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class EncoderTest {
  private static final Map<String, String> PROVENANCE =
      Map.of("run", "mnist-lenet", "seed", "42", "analysis", "confusion", "note", "ünïcode → ok");

  @TempDir Path dir;

  private final FigureWriter writer = new FigureWriter();

  @Test
  void svgKeepsTextAsTextElements() throws Exception {
    Path svg = write(SampleDrawings.mixed(), FigureFormat.SVG);
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document doc = f.newDocumentBuilder().parse(svg.toFile());
    NodeList texts = doc.getElementsByTagNameNS("*", "text");
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < texts.getLength(); i++) strings.add(texts.item(i).getTextContent().strip());
    assertThat(strings).contains("Saliency", "epoch 7");
    assertThat(doc.getDocumentElement().getAttribute("viewBox")).isEqualTo("0 0 200 120");
    assertThat(Files.readString(svg)).contains("font-family:'DejaVu Sans'").contains("font-weight:bold");
  }

  @Test
  void svgTranscodedByBatikLooksLikeThePngBackend() throws Exception {
    Drawing d = SampleDrawings.confusion();
    Path svg = write(d, FigureFormat.SVG);
    PNGTranscoder t = new PNGTranscoder();
    t.addTranscodingHint(PNGTranscoder.KEY_WIDTH, (float) d.width());
    t.addTranscodingHint(PNGTranscoder.KEY_BACKGROUND_COLOR, java.awt.Color.WHITE);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    t.transcode(new TranscoderInput(svg.toUri().toString()), new TranscoderOutput(png));
    BufferedImage fromSvg = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
    BufferedImage direct = PngEncoder.render(d, 72);

    assertThat(fromSvg.getWidth()).isEqualTo(direct.getWidth());
    assertThat(fromSvg.getHeight()).isEqualTo(direct.getHeight());
    assertThat(Pixels.meanAbsoluteDifference(fromSvg, direct)).isLessThan(4.0);
  }

  @Test
  void pdfIsOnePageOfTheDrawingsSizeWithEmbeddedExtractableText() throws Exception {
    Drawing d = SampleDrawings.mixed();
    Path pdf = write(d, FigureFormat.PDF);
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      assertThat(doc.getNumberOfPages()).isEqualTo(1);
      PDPage page = doc.getPage(0);
      assertThat(page.getMediaBox().getWidth()).isEqualTo(200f);
      assertThat(page.getMediaBox().getHeight()).isEqualTo(120f);
      assertThat(new PDFTextStripper().getText(doc)).contains("Saliency").contains("epoch 7");
      List<PDFont> fonts = fontsOf(page);
      assertThat(fonts).isNotEmpty();
      assertThat(fonts).allSatisfy(font -> assertThat(font.isEmbedded()).as(font.getName()).isTrue());
      assertThat(fonts).extracting(PDFont::getName).anyMatch(n -> n.endsWith("DejaVuSans-Bold"));
      assertThat(doc.getDocumentInformation().getCreationDate()).isNull();
      assertThat(doc.getDocumentInformation().getModificationDate()).isNull();
    }
  }

  @Test
  void pngHasTheRequestedResolution() throws Exception {
    Path png = dir.resolve("p.png");
    writer.write(SampleDrawings.mixed(), dir, "p", EnumSet.of(FigureFormat.PNG), 144, PROVENANCE);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(400);
    assertThat(image.getHeight()).isEqualTo(240);
    assertThat(image.getRGB(1, 1) & 0xffffff).isEqualTo(0xffffff);
  }

  @Test
  void everyFormatIsByteIdenticalWhenWrittenTwice() throws Exception {
    for (FigureFormat format : FigureFormat.values()) {
      Path first = dir.resolve("first");
      Path second = dir.resolve("second");
      WrittenFile a = writer.write(SampleDrawings.confusion(), first, "cm", EnumSet.of(format), 150, PROVENANCE).get(0);
      WrittenFile b = writer.write(SampleDrawings.confusion(), second, "cm", EnumSet.of(format), 150, PROVENANCE).get(0);
      assertThat(Files.readAllBytes(b.path())).as(format.name()).isEqualTo(Files.readAllBytes(a.path()));
      assertThat(b.sha256()).isEqualTo(a.sha256()).hasSize(64);
    }
  }

  @Test
  void differentProvenanceGivesDifferentBytes() {
    WrittenFile a = writer.write(SampleDrawings.mixed(), dir.resolve("a"), "f", EnumSet.of(FigureFormat.PDF), 72,
        Map.of("seed", "1")).get(0);
    WrittenFile b = writer.write(SampleDrawings.mixed(), dir.resolve("b"), "f", EnumSet.of(FigureFormat.PDF), 72,
        Map.of("seed", "2")).get(0);
    assertThat(a.sha256()).isNotEqualTo(b.sha256());
  }

  @Test
  void provenanceRoundTripsThroughEveryFormat() {
    List<WrittenFile> files = writer.write(SampleDrawings.mixed(), dir, "fig", EnumSet.allOf(FigureFormat.class), 96,
        PROVENANCE);
    assertThat(files).extracting(WrittenFile::format).containsExactly(FigureFormat.SVG, FigureFormat.PDF,
        FigureFormat.PNG);
    for (WrittenFile f : files) {
      assertThat(FigureMetadata.read(f.path())).as(f.format().name()).isEqualTo(PROVENANCE);
    }
  }

  @Test
  void pdfSubjectCarriesTheSortedJsonToo() throws Exception {
    Path pdf = write(SampleDrawings.mixed(), FigureFormat.PDF);
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      assertThat(doc.getDocumentInformation().getSubject())
          .isEqualTo("{\"analysis\":\"confusion\",\"note\":\"ünïcode → ok\",\"run\":\"mnist-lenet\",\"seed\":\"42\"}");
    }
  }

  @Test
  void writingLeavesNoTemporaryFilesBehind() throws Exception {
    writer.write(SampleDrawings.mixed(), dir, "fig", EnumSet.allOf(FigureFormat.class), 72, PROVENANCE);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("fig.svg", "fig.pdf",
          "fig.png");
    }
  }

  private Path write(Drawing d, FigureFormat format) {
    return writer.write(d, dir, "fig", EnumSet.of(format), 72, PROVENANCE).get(0).path();
  }

  private static List<PDFont> fontsOf(PDPage page) throws Exception {
    List<PDFont> fonts = new ArrayList<>();
    collectFonts(page.getResources(), fonts);
    return fonts;
  }

  private static void collectFonts(org.apache.pdfbox.pdmodel.PDResources res, List<PDFont> out) throws Exception {
    if (res == null) return;
    for (COSName n : res.getFontNames()) out.add(res.getFont(n));
    for (COSName n : res.getXObjectNames()) {
      if (res.getXObject(n) instanceof org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject form) {
        collectFonts(form.getResources(), out);
      }
    }
  }
}
