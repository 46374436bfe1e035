package org.deepfig.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.deepfig.Preflight;
import org.deepfig.analysis.AnalysisKinds;
import org.deepfig.analysis.audit.Predictions;
import org.deepfig.config.CardConfig;
import org.deepfig.config.ConfigLoader;
import org.deepfig.config.ExperimentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model card: its fields as the user wrote them (escaped in HTML, as text in the PDF), the fields left out named
 * in a warning and shown as "not given", and the measured numbers filled in from the test predictions.
 */
class ModelCardTest {
  static final String PAYLOAD = "<script>document.documentElement.dataset.pwned='1'</script>\"><img src=x "
      + "onerror=\"alert(1)\"> & more";
  static final ConfigLoader LOADER = new ConfigLoader(AnalysisKinds.specTypes());

  /** The classification table of ClassMetricsTest: accuracy 5/8, macro F1 28/45. */
  static final Predictions TABLE = Predictions.ofRows(new int[] {0, 0, 0, 1, 1, 2, 2, 2}, new double[][] {
      {0.7, 0.2, 0.1}, {0.5, 0.4, 0.1}, {0.3, 0.6, 0.1}, {0.2, 0.7, 0.1}, {0.6, 0.3, 0.1},
      {0.1, 0.1, 0.8}, {0.1, 0.5, 0.4}, {0.25, 0.15, 0.6}});

  static CardConfig card(String intended, String licence) {
    return new CardConfig(intended, PAYLOAD + " out of scope", "training\nsecond line", "evaluation", "ethics",
        "caveats", List.of("team a", "team b"), licence);
  }

  @Test
  void theMeasuredNumbersComeFromTheTestPredictions() {
    CardView v = CardView.of(card("use", "MIT"), TABLE);
    // 15 bins: confidences 0.7, 0.7 (both right) in (0.667, 0.733]: gap 0.3; 0.5 (right), 0.5 (wrong) in
    // (0.467, 0.533]: gap 0; 0.6 ×3 (one right) in (0.6, 0.667] (0.6f is a hair above 0.6): gap 0.6 − 1/3;
    // 0.8 (right): gap 0.2. ECE = 2/8 · 0.3 + 3/8 · 0.2667 + 1/8 · 0.2 = 0.075 + 0.1 + 0.025 = 0.2
    assertThat(v.measured()).containsExactly(new ReportView.Row("Test accuracy", "62.5%"),
        new ReportView.Row("Macro-averaged F1", "0.622"),
        new ReportView.Row("Expected calibration error (15 bins)", "20.00%"), new ReportView.Row("Test images", "8"));
    assertThat(v.missing()).isEmpty();
    assertThat(v.fields()).extracting(CardView.Field::name).containsExactly("Intended use", "Out-of-scope uses",
        "Training data", "Evaluation data", "Ethical considerations", "Caveats and recommendations", "Owners",
        "Licence");
    assertThat(v.fields().get(6).text()).isEqualTo("team a, team b");
  }

  @Test
  void theCardIsAtTheTopOfTheReportWithUserTextEscaped(@TempDir Path dir) throws IOException {
    CardView card = CardView.of(card(PAYLOAD + " intended", null), TABLE);
    ReportView view = new ReportView("t", "s", List.of(new ReportView.Row("Model", "m")), List.of(), List.of(),
        List.of(), "62.5%", "style.css", null, null, card);
    new ReportWriter(new Templates(null)).write(dir, view);
    String html = Files.readString(dir.resolve("index.html"));
    assertThat(html).doesNotContain("<script>document").doesNotContain("<img src=x")
        .contains("&lt;script&gt;document.documentElement.dataset.pwned=&#39;1&#39;&lt;/script&gt;&quot;&gt;&lt;img "
            + "src=x onerror=&quot;alert(1)&quot;&gt; &amp; more intended");
    // first in the page's content, before the experiment summary; the licence left out says so
    assertThat(html.indexOf("id=\"model-card\"")).isPositive().isLessThan(html.indexOf("id=\"summary-h\""));
    assertThat(html).contains("<dt>Licence</dt><dd class=\"not-given\">not given</dd>");
    assertThat(html).contains("<dt>Expected calibration error (15 bins)</dt><dd>20.00%</dd>");
    try (PDDocument pdf = Loader.loadPDF(dir.resolve(ReportWriter.PDF).toFile())) {
      // cover, card, contents, provenance
      String card2 = new PDFTextStripper() {
        {
          setStartPage(2);
          setEndPage(2);
        }
      }.getText(pdf).replaceAll("\\s+", " ");
      assertThat(card2).contains("Model card").contains(PAYLOAD + " intended").contains("Licence not given")
          .contains("Test accuracy 62.5%");
    }
  }

  @Test
  void missingFieldsAreNamedInAWarningAtTheCardsLine(@TempDir Path dir) throws IOException {
    Path cfg = dir.resolve("c.yaml");
    Files.writeString(cfg, "title: t\ncard:\n  intended_use: demos\n  training_data: shapes\n  caveats: \"  \"\n"
        + "  owners: []\n");
    ExperimentConfig c = LOADER.load(cfg);
    assertThat(Preflight.warnings(cfg, c)).containsExactly(cfg + ":2:1: the model card lacks out_of_scope_uses, "
        + "evaluation_data, ethical_considerations, caveats, owners, licence — the report shows them as \"not "
        + "given\"; add them under card:");
    Files.writeString(cfg, "title: t\n");
    assertThat(Preflight.warnings(cfg, LOADER.load(cfg))).as("no card, nothing to warn about").isEmpty();
    Files.writeString(cfg, "title: t\ncard: {intended_use: a, out_of_scope_uses: b, training_data: c, "
        + "evaluation_data: d, ethical_considerations: e, caveats: f, owners: [g], licence: h}\n");
    assertThat(Preflight.warnings(cfg, LOADER.load(cfg))).as("a complete card").isEmpty();
  }
}
