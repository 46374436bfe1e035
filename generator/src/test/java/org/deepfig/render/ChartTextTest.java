package org.deepfig.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * Tick labels, legend entries and titles of every chart stay text: each is a {@code <text>} element of the SVG and
 * extracts from the PDF, so a reader can search and copy them (a chart that paints glyph outlines fails). Upright
 * labels only: PDFBox extracts text turned 90° letter group by letter group.
 */
class ChartTextTest {

  @Test
  void lineChartTicksAndLegendAreText() throws IOException {
    assertTextEverywhere(SampleDrawings.lossCurves(), List.of("5", "10", "0", "1", "2", "train", "test", "epoch",
        "LeNet-5 on MNIST"));
  }

  @Test
  void barChartCategoriesAndTicksAreText() throws IOException {
    List<String> expected = new ArrayList<>(SampleDrawings.DIGITS);
    expected.addAll(List.of("0.0", "0.5", "1.0", "class"));
    assertTextEverywhere(SampleDrawings.perClassAccuracy(), expected);
  }

  @Test
  void scatterTicksAndClassLegendAreText() throws IOException {
    List<String> expected = new ArrayList<>(SampleDrawings.DIGITS);
    expected.addAll(List.of("-10", "0", "10"));
    assertTextEverywhere(SampleDrawings.embedding(), expected);
  }

  private static void assertTextEverywhere(Drawing chart, List<String> labels) throws IOException {
    String svg = new String(new SvgEncoder().encode(chart, "{}"), StandardCharsets.UTF_8);
    List<String> texts = new ArrayList<>();
    Matcher m = Pattern.compile("<text[^>]*>([^<]*)</text").matcher(svg);
    while (m.find()) texts.add(m.group(1).trim());
    String pdfText;
    try (PDDocument pdf = Loader.loadPDF(new PdfEncoder().encode(chart, "{}"))) {
      pdfText = new PDFTextStripper().getText(pdf);
    }
    List<String> pdfLines = pdfText.lines().map(String::trim).toList();
    for (String label : labels) {
      assertThat(texts).as("SVG <text> elements").contains(label);
      assertThat(pdfLines.stream().anyMatch(l -> List.of(l.split("\\s+")).contains(label) || l.equals(label)
          || l.contains(label) && label.contains(" "))).as("PDF text %s contains '%s'", pdfLines, label).isTrue();
    }
  }
}
