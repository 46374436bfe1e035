package org.deepfig.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files a report's pages show: which image of a figure, at what resolution, and the shared hover sprites. */
@Tag("slow")
class ReportFilesTest {
  private static BuiltReports built;

  @BeforeAll
  static void build() throws IOException {
    built = BuiltReports.get();
  }

  @Test
  void everyPngComesWithATwiceAsSharpCopyAndSmallSvgsAreShownAsSuch() throws IOException {
    BufferedImage one = ImageIO.read(built.report.resolve("figures/confusion.png").toFile());
    BufferedImage two = ImageIO.read(built.report.resolve("figures/confusion@2x.png").toFile());
    assertThat(two.getWidth()).isBetween(2 * one.getWidth() - 1, 2 * one.getWidth() + 1);
    assertThat(two.getHeight()).isBetween(2 * one.getHeight() - 1, 2 * one.getHeight() + 1);
    String index = Files.readString(built.report.resolve("index.html"));
    assertThat(index).contains("<img src=\"figures/confusion.svg\"").contains("<img src=\"figures/training-curves.svg\"");
    assertThat(Files.readString(built.report.resolve("figures/confusion.html")))
        .contains("<img src=\"../figures/confusion.svg\"");
    // the manifest lists (and verify checks) the 2× copy as one of the figure's files
    assertThat(Files.readString(built.report.resolve("manifest.json"))).contains("figures/confusion@2x.png");
  }

  @Test
  void aLargeSvgGivesWayToThePngWithItsTwiceAsSharpCopy(@TempDir Path dir) throws IOException {
    Path figs = Files.createDirectories(dir.resolve("figures"));
    Files.writeString(figs.resolve("big.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100pt\" "
        + "height=\"50pt\" viewBox=\"0 0 100 50\"><!--" + "x".repeat(300_000) + "--><text font-size=\"8\">a</text></svg>");
    Files.copy(built.report.resolve("figures/confusion.png"), figs.resolve("big.png"));
    Files.copy(built.report.resolve("figures/confusion@2x.png"), figs.resolve("big@2x.png"));
    FigureView fig = new FigureView("big", "tsne", "Big", "A big one.", List.of(), "figures/big.png",
        "figures/big@2x.png", "figures/big.svg", null, false, 160, 80, Double.NaN, List.of(), List.of(), null, null);
    ReportView view = new ReportView("t", "s", List.of(), List.of(), List.of(fig), List.of(), "1%", "style.css", null,
        null);
    new ReportWriter(new Templates(null), new ReportWriter.Options(false, null)).write(dir, view);
    assertThat(Files.readString(dir.resolve("index.html")))
        .contains("<img src=\"figures/big.png\" srcset=\"figures/big.png 1x, figures/big@2x.png 2x\"");
    assertThat(Files.readString(dir.resolve("figures/big.html")))
        .contains("<img src=\"../figures/big.png\" srcset=\"../figures/big.png 1x, ../figures/big@2x.png 2x\"");
  }

  @Test
  void hoverSpritesAreOneFileThatBothPagesLinkAndTheSingleFileInlines() throws IOException {
    Path sprite = built.handMade.resolve("figures/confusion" + ReportWriter.SPRITE_SUFFIX);
    assertThat(ImageIO.read(sprite.toFile()).getWidth()).isEqualTo(4); // two 2×2 cells side by side
    assertThat(Files.readString(built.handMade.resolve("index.html")))
        .contains(".fig-0 .hotspot.thumb::before { background-image: url('figures/confusion.thumbs.png'); }").doesNotContain("data:image/png");
    assertThat(Files.readString(built.handMade.resolve("figures/confusion.html")))
        .contains(".fig-0 .hotspot.thumb::before { background-image: url('../figures/confusion.thumbs.png'); }").doesNotContain("data:image/png");
    assertThat(Files.readString(built.handMade.resolve(ReportWriter.SINGLE_FILE)))
        .contains("background-image: url('" + BuiltReports.THUMBS + "')");
  }

  @Test
  void theProvenanceNamesTheGitCommitTheVerifyCommandAndTheConfig() throws IOException {
    String index = Files.readString(built.report.resolve("index.html"));
    assertThat(index).contains("<dt>Git commit</dt>").contains(ReportViews.verifyCommand())
        .contains("Config (defaults filled in)").contains("seed: 3");
  }

  @Test
  void theCompactConfigYamlReadsBackAsTheSameConfig() throws IOException {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var tree = json.readTree("{\"title\": \"a: b # c\", \"seed\": 3, \"data\": {\"mean\": [0.5, 0.25], "
        + "\"class_names\": [\"true\", \"x y\", \"\", \"-1\"], \"path\": null}, \"figures\": [{\"kind\": "
        + "\"tsne\", \"layers\": [\"fc1\"], \"points\": 800}, {\"kind\": \"filters\", \"normalise\": false}], "
        + "\"output\": {\"formats\": [\"svg\"], \"templates\": {\"dir\": \"t/\"}}}");
    String yaml = ReportViews.yaml(tree);
    assertThat(yaml).contains("- {kind: filters, normalise: false}").contains("mean: [0.5, 0.25]");
    assertThat(new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(yaml)).isEqualTo(tree);
  }

  @Test
  void theVerifyCommandNamesNoPathSoTheReportDoesNotDependOnWhereItWasWritten() {
    Path cwd = Path.of("").toAbsolutePath();
    // the report names no path: re-run elsewhere (verify, a site), it must still be byte-identical
    assertThat(ReportViews.verifyCommand()).startsWith("deepfig verify ").doesNotContain(cwd.toString());
  }
}
