package org.deepfig.report.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deepfig.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report as the site sees it, read from a manifest written by hand. */
class ReportFolderTest {
  @TempDir Path dir;

  static final String MANIFEST = """
      {
        "title": "Fashion <LeNet>",
        "test_accuracy": 0.8125,
        "figures": [
          {"id": "training-curves", "kind": "training-curves", "title": "Training curves",
           "files": [{"path": "figures/training-curves.svg", "sha256": "a"},
                     {"path": "figures/training-curves.png", "sha256": "b"}]},
          {"id": "confusion", "kind": "confusion", "title": "Confusion matrix",
           "files": [{"path": "figures/confusion.svg", "sha256": "c"},
                     {"path": "figures/confusion.png", "sha256": "d"},
                     {"path": "figures/confusion@2x.png", "sha256": "e"}]},
          {"id": "metrics", "kind": "metrics", "title": "Metrics", "files": []}
        ]
      }
      """;

  @Test
  void theTitleAccuracyAndEachFiguresFirstPngAreRead() throws IOException {
    Files.writeString(dir.resolve("manifest.json"), MANIFEST);
    assertThat(ReportFolder.isReport(dir)).isTrue();
    ReportFolder r = ReportFolder.read("fashion", dir);
    assertThat(r.slug()).isEqualTo("fashion");
    assertThat(r.title()).isEqualTo("Fashion <LeNet>");
    assertThat(r.testAccuracy()).isEqualTo(0.8125);
    assertThat(r.figures()).containsExactly(
        new ReportFolder.FigureEntry("training-curves", "training-curves", "Training curves",
            "figures/training-curves.png"),
        new ReportFolder.FigureEntry("confusion", "confusion", "Confusion matrix", "figures/confusion.png"),
        new ReportFolder.FigureEntry("metrics", "metrics", "Metrics", null));
    // the card shows the model, not its training (curves look alike at thumbnail size)
    assertThat(r.thumbnail().id()).isEqualTo("confusion");
  }

  @Test
  void withOnlyTrainingCurvesTheyAreTheThumbnailAndWithoutATitleTheSlugIsUsed() throws IOException {
    Files.writeString(dir.resolve("manifest.json"), """
        {"figures": [{"id": "training-curves", "kind": "training-curves", "title": "Training curves",
                      "files": [{"path": "figures/training-curves.png", "sha256": "b"}]}],
         "test_accuracy": null}
        """);
    ReportFolder r = ReportFolder.read("run-7", dir);
    assertThat(r.title()).isEqualTo("run-7");
    assertThat(r.testAccuracy()).isNull();
    assertThat(r.thumbnail().id()).isEqualTo("training-curves");
  }

  @Test
  void aFolderWithoutManifestIsNoReportAndADamagedOneIsAUserErrorNamingIt() throws IOException {
    assertThat(ReportFolder.isReport(dir)).isFalse();
    Path manifest = Files.writeString(dir.resolve("manifest.json"), "{\"title\": \"x\",\n  \"figures\": [ }\n");
    assertThatThrownBy(() -> ReportFolder.isReport(dir)).isInstanceOf(UserError.class)
        .satisfies(e -> assertThat(((UserError) e).where()).isEqualTo(manifest + ":2:16"));
  }
}
