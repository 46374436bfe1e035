package org.deepfig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.deepfig.cli.MainTest.Outcome;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
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

  /**
   * A config mistake only the pre-flight can see (listed in preflight-mistakes.yaml beside this class): the lines that
   * follow {@link #SHAPES} or a whole config, the line:column the error must name, a fragment of its message.
   */
  record Mistake(String name, String add, String config, String at, String message) {
    String yaml() {
      return config != null ? config : SHAPES + add;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static List<Mistake> configMistakes() throws IOException {
    try (InputStream in = PreflightCommandTest.class.getResourceAsStream("preflight-mistakes.yaml")) {
      return new ObjectMapper(new YAMLFactory()).readValue(in, new TypeReference<List<Mistake>>() {});
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configMistakes")
  void validateAndRunRefuseTheSameMistakeBeforeTraining(Mistake mistake) throws IOException {
    Path cfg = dir.resolve(mistake.name() + ".yaml");
    Files.writeString(cfg, mistake.yaml());

    Outcome v = MainTest.run("validate", cfg.toString());
    assertThat(v.code()).as(v.err()).isEqualTo(2);
    assertThat(v.err().strip()).startsWith("error: " + cfg + ":" + mistake.at() + ": ").contains(mistake.message())
        .doesNotContain("\n");

    Path out = dir.resolve("out");
    Path cache = dir.resolve("cache");
    Outcome r = mistake.name().equals("output-dir") // --out would override the mistake
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
