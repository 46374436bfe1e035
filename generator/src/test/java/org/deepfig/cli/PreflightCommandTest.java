package org.deepfig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.deepfig.cli.MainTest.Outcome;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * What `deepfig run` refuses, `deepfig validate` refuses too, with the same one line: the pre-flight check runs in
 * both, and in `run` before any training (nothing is trained, cached or written).
 */
@Tag("slow")
class PreflightCommandTest {
  @TempDir Path dir;

  static final String SHAPES = """
      title: t
      device: cpu
      data: {source: shapes, train_size: 200, test_size: 20}
      train: {epochs: 1}
      """;

  /** A config mistake only the pre-flight can see: its YAML, the position it must name, a fragment of the message. */
  static Stream<Arguments> configMistakes() {
    return Stream.of(
        Arguments.of("output-dir", SHAPES + "output:\n  dir: ../elsewhere\n", "6:3", "outside the working directory"),
        Arguments.of("templates", SHAPES + "output:\n  templates: no-such-folder\n", "6:3",
            "templates folder not found"),
        Arguments.of("model-file", SHAPES + "model:\n  file: missing.pt\n", "6:3", "model file not found"),
        Arguments.of("class-names", """
            title: t
            device: cpu
            data:
              source: shapes
              train_size: 200
              test_size: 20
              class_names: [a, b, c]
            train: {epochs: 1}
            """, "7:3", "class_names lists 3 names but shapes has 10 classes"),
        Arguments.of("image-index", SHAPES + "figures:\n  - kind: confusion\n  - kind: activations\n"
            + "    images: [0, 25]\n", "8:17", "test image 25 does not exist (the test set has 20)"),
        Arguments.of("saliency-image", SHAPES + "figures:\n  - kind: saliency\n    images: [20]\n", "7:14",
            "test image 20 does not exist"),
        Arguments.of("activations-layer", SHAPES + "figures:\n  - kind: activations\n    layers: [relu1, conv9]\n",
            "7:21", "no layer named 'conv9'"),
        Arguments.of("tsne-layer", SHAPES + "figures:\n  - kind: tsne\n    points: 50\n    perplexity: 5\n"
            + "    layers: [input, pool7]\n", "9:21", "no layer named 'pool7'"),
        Arguments.of("top-patches-layer", SHAPES + "figures:\n  - kind: top-patches\n    layers: [fc1]\n", "7:14",
            "'fc1' is not a spatial layer"),
        Arguments.of("filters-layer", SHAPES + "figures:\n  - kind: filters\n    layer: relu1\n", "7:5",
            "'relu1' is not a convolution layer"),
        Arguments.of("filters-channel", SHAPES + "figures:\n  - kind: filters\n    layer: conv2\n    channel: 16\n",
            "8:5", "conv2 has 16 output channels"),
        Arguments.of("actmax-units", SHAPES + "figures:\n  - kind: activation-max\n    steps: 1\n"
            + "    units: [0, 10]\n", "8:16", "unit 10 does not exist"),
        Arguments.of("actmax-layer", SHAPES + "figures:\n  - kind: activation-max\n    target: channel\n"
            + "    layer: fc1\n", "8:5", "'fc1' is not a spatial layer"),
        Arguments.of("saliency-target", SHAPES + "figures:\n  - kind: saliency\n    target: dog\n", "7:5",
            "no class named 'dog'"),
        Arguments.of("image-path", SHAPES + "figures:\n  - kind: saliency\n    images: [0, {path: missing.png}]\n",
            "7:18", "image file not found"),
        Arguments.of("image-class", SHAPES + "figures:\n  - kind: activations\n    images:\n"
            + "      - {class: zebra, count: 2}\n", "8:10", "no class named 'zebra'"),
        Arguments.of("patch-channels", SHAPES + "figures:\n  - kind: top-patches\n    layers: [conv1]\n"
            + "    channels: [2, 7]\n", "8:19", "channel 7 does not exist: conv1 has 6 channels"),
        Arguments.of("gradcam-layer", SHAPES + "figures:\n  - kind: saliency\n    gradcam_layer: conv7\n", "7:5",
            "no layer named 'conv7'"),
        Arguments.of("transfer-split", SHAPES + "figures:\n  - kind: transfer\n    split: [circle, hexagon]\n",
            "7:21", "no class named 'hexagon'"),
        Arguments.of("transfer-cut", SHAPES + "figures:\n  - kind: transfer\n    cuts: [1, 5]\n", "7:15",
            "cut 5 does not exist: this model has 4 blocks below its classifier"),
        Arguments.of("weights-layer", SHAPES + "figures:\n  - kind: weights\n    layer: conv9\n", "7:5",
            "no layer named 'conv9' in this model"),
        Arguments.of("metrics-class", SHAPES + "figures:\n  - kind: metrics\n    classes: [circle, hexagon]\n",
            "7:23", "no class named 'hexagon'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configMistakes")
  void validateAndRunRefuseTheSameMistakeBeforeTraining(String name, String yaml, String lineColumn, String message)
      throws IOException {
    Path cfg = dir.resolve(name + ".yaml");
    Files.writeString(cfg, yaml);

    Outcome v = MainTest.run("validate", cfg.toString());
    assertThat(v.code()).as(v.err()).isEqualTo(2);
    assertThat(v.err().strip()).startsWith("error: " + cfg + ":" + lineColumn + ": ").contains(message)
        .doesNotContain("\n");

    Path out = dir.resolve("out");
    Path cache = dir.resolve("cache");
    Outcome r = name.equals("output-dir") // --out would override the mistake
        ? MainTest.run("run", cfg.toString(), "--cache", cache.toString())
        : MainTest.run("run", cfg.toString(), "--out", out.toString(), "--cache", cache.toString());
    refusedBeforeTraining(v, r, out, cache);
  }

  /** {@code run} stopped with validate's one-line error (exit 2) before training: nothing cached, nothing written. */
  static void refusedBeforeTraining(Outcome validate, Outcome run, Path out, Path cache) {
    assertThat(run.code()).as(run.err()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo(validate.err().strip());
    assertThat(run.out()).as("nothing trained").doesNotContain("epoch 1/");
    assertThat(cache.resolve("train")).as("nothing cached").doesNotExist();
    assertThat(out).doesNotExist();
  }

  /** Each kind's own check (AnalysisKind.check) names the nearest layer for a typo, and nothing is trained. */
  @Test
  void aMisspelledLayerAndAnImageBeyondTheTestSetAreNamedWithTheirFixBeforeTraining() throws IOException {
    Path typo = dir.resolve("typo.yaml");
    Files.writeString(typo, SHAPES + "figures:\n  - kind: activations\n    layers: [relu1, rleu2]\n");
    Outcome v = MainTest.run("validate", typo.toString());
    assertThat(v.code()).as(v.err()).isEqualTo(2);
    assertThat(v.err().strip()).isEqualTo("error: " + typo + ":7:21: no layer named 'rleu2' in this model — did "
        + "you mean 'relu2'?");

    Path beyond = dir.resolve("beyond.yaml");
    Files.writeString(beyond, SHAPES + "figures:\n  - kind: saliency\n    images: [3, 19, 20]\n");
    Path cache = dir.resolve("cache");
    Outcome r = MainTest.run("run", beyond.toString(), "--out", dir.resolve("out").toString(), "--cache",
        cache.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("error: " + beyond + ":7:21: test image 20 does not exist (the test set "
        + "has 20) — use indices below 20, or raise data.test_size");
    assertThat(r.out()).as("nothing trained").doesNotContain("epoch 1/");
    assertThat(cache.resolve("train")).as("nothing cached").doesNotExist();
  }

  @Test
  void corruptImageInAFolderDatasetIsNamedBeforeTraining() throws IOException {
    for (int i = 0; i < 4; i++) {
      png(dir.resolve("imgs/a/" + i + ".png"));
      png(dir.resolve("imgs/b/" + i + ".png"));
    }
    byte[] good = Files.readAllBytes(dir.resolve("imgs/b/0.png"));
    Files.write(dir.resolve("imgs/b/truncated.png"), java.util.Arrays.copyOf(good, 20));
    Path cfg = folderConfig();

    assertRefusedBeforeTraining(cfg, "truncated.png", "not a readable PNG or JPEG image");
    Files.delete(dir.resolve("imgs/b/truncated.png"));
    Files.writeString(dir.resolve("imgs/a/noise.jpg"), "not a jpeg at all");
    assertRefusedBeforeTraining(cfg, "noise.jpg", "not a readable PNG or JPEG image");
  }

  @Test
  void aClassOnlyInTheTestFolderIsRefused() throws IOException {
    for (String split : new String[] {"train", "test"}) {
      for (int i = 0; i < 3; i++) {
        png(dir.resolve("imgs/" + split + "/a/" + i + ".png"));
        png(dir.resolve("imgs/" + split + "/b/" + i + ".png"));
      }
    }
    png(dir.resolve("imgs/test/zebra/0.png"));
    assertRefusedBeforeTraining(folderConfig(), dir.resolve("imgs/test").toString(), "'zebra'");
  }

  @Test
  void idxHeaderCountingMoreImagesThanTheFileHoldsIsAUserError() throws IOException {
    Path idx = Files.createDirectories(dir.resolve("idx"));
    Files.write(idx.resolve("train-images-idx3-ubyte"), idx(0x803, Integer.MAX_VALUE, new int[] {2, 2}, 12));
    Files.write(idx.resolve("train-labels-idx1-ubyte"), idx(0x801, 3, new int[0], 3));
    Files.write(idx.resolve("t10k-images-idx3-ubyte"), idx(0x803, 2, new int[] {2, 2}, 8));
    Files.write(idx.resolve("t10k-labels-idx1-ubyte"), idx(0x801, 2, new int[0], 2));
    Path cfg = dir.resolve("idx.yaml");
    Files.writeString(cfg, "device: cpu\ndata: {source: idx, name: mnist, path: idx}\nmodel: {arch: mlp}\n"
        + "train: {epochs: 1}\n");
    assertRefusedBeforeTraining(cfg, "train-images-idx3-ubyte", "count");
  }

  @Test
  void aModelThatOutputsNanStopsWithOneLineInsteadOfReportingAnAccuracy() throws IOException {
    Path cfg = dir.resolve("diverges.yaml");
    Files.writeString(cfg, """
        device: cpu
        data: {source: shapes, train_size: 200, test_size: 20}
        model: {arch: mlp}
        train: {epochs: 1, optimizer: sgd, learning_rate: 1.0e+30}
        """);
    Outcome r = MainTest.run("run", cfg.toString(), "--out", dir.resolve("out").toString(), "--cache",
        dir.resolve("cache").toString());
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip()).contains("NaN").contains("learning_rate").doesNotContain("\n");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  private void assertRefusedBeforeTraining(Path cfg, String file, String message) {
    Outcome v = MainTest.run("validate", cfg.toString());
    assertThat(v.code()).as(v.err()).isEqualTo(2);
    assertThat(v.err().strip()).contains(file).contains(message).doesNotContain("\n");
    Path cache = dir.resolve("cache");
    Outcome r = MainTest.run("run", cfg.toString(), "--out", dir.resolve("out").toString(), "--cache",
        cache.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo(v.err().strip());
    assertThat(r.out()).as("nothing trained").doesNotContain("epoch 1/");
    assertThat(cache.resolve("train")).as("nothing cached").doesNotExist();
  }

  private Path folderConfig() throws IOException {
    Path cfg = dir.resolve("folder.yaml");
    Files.writeString(cfg, "device: cpu\ndata: {source: folder, path: imgs, image_size: 8, test_fraction: 0.3}\n"
        + "model: {arch: mlp}\ntrain: {epochs: 1}\n");
    return cfg;
  }

  private static void png(Path p) throws IOException {
    Files.createDirectories(p.getParent());
    BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    img.setRGB(3, 3, 0xFF8800);
    ImageIO.write(img, "png", p.toFile());
  }

  /** An IDX file whose header claims {@code count} items of {@code dims} but that holds {@code bytes} bytes of data. */
  private static byte[] idx(int magic, int count, int[] dims, int bytes) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(b);
    out.writeInt(magic);
    out.writeInt(count);
    for (int d : dims) out.writeInt(d);
    for (int i = 0; i < bytes; i++) out.writeByte(i % 10);
    return b.toByteArray();
  }
}
