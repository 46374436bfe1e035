package org.deepfig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deepfig.cli.MainTest.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image-only figure kinds on toy2d points are refused by validate, in one line naming the entry and the reason. */
@Tag("slow")
class Toy2dValidateTest {
  @TempDir Path dir;

  static String config(String figure) {
    return """
        data: {source: toy2d, name: xor, train_size: 40, test_size: 20}
        model: {arch: mlp, hidden: [4], activation: tanh}
        train: {epochs: 1}
        figures:
          - kind: training-curves
          - %s
        """.formatted(figure);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "filters|{kind: filters}|convolution filters",
      "activations|{kind: activations}|activation maps over images",
      "top-patches|{kind: top-patches}|image patches",
      "activation-max|{kind: activation-max}|synthesises input images",
      "saliency|{kind: saliency}|saliency maps",
      "tsne|{kind: tsne}|image grid",
      "mistakes|{kind: mistakes}|mistaken images",
      "weights|{kind: weights}|shape of the input image"})
  void imageOnlyKindsAreRefused(String kind, String entry, String reason) throws IOException {
    Path cfg = Files.writeString(dir.resolve(kind + ".yaml"), config(entry));
    Outcome v = MainTest.run("validate", cfg.toString());
    assertThat(v.code()).as(v.err()).isEqualTo(2);
    assertThat(v.err().strip()).startsWith("error: " + cfg + ":6:5: figure kind '" + kind + "' cannot draw toy2d data")
        .contains(reason).contains("not images").doesNotContain("\n");
  }

  @Test
  void thePlaygroundRefusesImagesAndToy2dRefusesConvolutionalModels() throws IOException {
    Path images = Files.writeString(dir.resolve("images.yaml"), """
        data: {source: shapes, train_size: 40, test_size: 20}
        model: {arch: mlp}
        figures:
          - kind: playground
        """);
    Outcome v = MainTest.run("validate", images.toString());
    assertThat(v.code()).as(v.err()).isEqualTo(2);
    assertThat(v.err().strip()).startsWith("error: " + images + ":4:5: figure kind 'playground' needs toy2d data")
        .doesNotContain("\n");
    Path lenet = Files.writeString(dir.resolve("lenet.yaml"), config("{kind: confusion}")
        .replace("{arch: mlp, hidden: [4], activation: tanh}", "{arch: lenet5}"));
    Outcome w = MainTest.run("validate", lenet.toString());
    assertThat(w.code()).as(w.err()).isEqualTo(2);
    assertThat(w.err().strip()).startsWith("error: " + lenet + ":2:").contains("only the mlp architecture");
  }

  @Test
  void kindsThatNeedNoImagesPass() throws IOException {
    Path cfg = Files.writeString(dir.resolve("ok.yaml"), config("{kind: confusion}"));
    Outcome v = MainTest.run("validate", cfg.toString());
    assertThat(v.code()).as(v.err()).isZero();
  }
}
