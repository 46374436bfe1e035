package org.deepfig.analysis.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepfig.UserError;
import org.deepfig.analysis.AnalysisKinds;
import org.deepfig.analysis.Table;
import org.deepfig.cli.Main;
import org.deepfig.config.ConfigLoader;
import org.deepfig.config.DataConfig;
import org.deepfig.data.ArrayImageSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** data.slices: a CSV of file,slice or the brightness rule; an unknown file in the CSV stops before training. */
@Tag("slow")
class SlicesTest {
  static final ConfigLoader LOADER = new ConfigLoader(AnalysisKinds.specTypes());

  static DataConfig data(Path dir, String slicesYaml) throws IOException {
    Path cfg = dir.resolve("c.yaml");
    Files.writeString(cfg, "data:\n  source: shapes\n  train_size: 40\n  test_size: 8\n  slices: " + slicesYaml + "\n");
    return LOADER.load(cfg).data();
  }

  static ArrayImageSet images(float... brightness) {
    float[] px = new float[brightness.length * 4];
    for (int i = 0; i < brightness.length; i++) java.util.Arrays.fill(px, i * 4, i * 4 + 4, brightness[i]);
    return new ArrayImageSet(1, 2, 2, px, new int[brightness.length], null);
  }

  @Test
  void aCsvNamesTestImagesByIndexAndTheTablesCompareEachSliceWithTheWhole(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("s.csv"), "file,slice\n0,day\n1,day\n2,day\n3,day\n4,night\n5,night\n6,night\n"
        + "7,night\n");
    Slices s = Slices.of(data(dir, "{csv: s.csv}"), dir, images(0, 0, 0, 0, 0, 0, 0, 0));
    assertThat(s.names()).containsExactly("day", "night");
    assertThat(s.members(1)).containsExactly(4, 5, 6, 7);
    // ClassMetricsTest's table: images 0–3 hold 3 right (75%), 4–7 hold 2 (50%); the whole 5 of 8 (62.5%)
    Table t = Metrics.bySlice(ClassMetricsTest.TABLE, s);
    assertThat(t.rows().get(1)).startsWith("day", "4", "75.0%", "+12.5");
    assertThat(t.rows().get(2)).startsWith("night", "4", "50.0%", "-12.5");
  }

  @Test
  void theBrightnessRuleSplitsIntoEquallyLargeGroupsDarkestFirst(@TempDir Path dir) throws IOException {
    Slices s = Slices.of(data(dir, "{rule: brightness, groups: [dark, mid, bright]}"), dir,
        images(0.9f, 0.1f, 0.5f, 0.2f, 0.8f, 0.4f));
    assertThat(s.names()).containsExactly("dark", "mid", "bright");
    assertThat(s.of()).containsExactly(2, 0, 1, 0, 2, 1);
  }

  @Test
  void anUnknownFileInTheCsvIsAOneLineErrorWithExitCode2(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("s.csv"), "3,a\n25,b\n");
    Path cfg = dir.resolve("c.yaml");
    Files.writeString(cfg, "device: cpu\ndata:\n  source: shapes\n  train_size: 40\n  test_size: 8\n"
        + "  slices: {csv: s.csv}\nmodel: {arch: mlp}\ntrain: {epochs: 1}\n");
    String expected = "error: " + dir.resolve("s.csv") + ":2: unknown file '25': the test set has images 0 to 7 — "
        + "give a test image index below 8";
    for (String[] args : List.of(new String[] {"validate", cfg.toString()}, new String[] {"run", cfg.toString(),
        "--out", dir.resolve("out").toString(), "--cache", dir.resolve("cache").toString()})) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
          StandardCharsets.UTF_8));
      String message = err.toString(StandardCharsets.UTF_8);
      assertThat(code).as(args[0] + ": " + message).isEqualTo(2);
      assertThat(message.strip()).as(args[0]).isEqualTo(expected);
      assertThat(out.toString(StandardCharsets.UTF_8)).as("nothing trained").doesNotContain("epoch 1/");
    }
    assertThat(dir.resolve("cache/train")).as("nothing cached").doesNotExist();
  }

  @Test
  void aFolderDatasetsCsvNamesFilesUnderDataPath(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("imgs/test/cat"));
    Files.writeString(dir.resolve("imgs/test/cat/001.png"), "not read here");
    Path cfg = dir.resolve("c.yaml");
    Files.writeString(dir.resolve("s.csv"), "test/cat/001.png,indoor\ntest/cat/002.png,outdoor\n");
    Files.writeString(cfg, "data:\n  source: folder\n  path: imgs\n  slices: {csv: s.csv}\n");
    DataConfig data = LOADER.load(cfg).data();
    assertThatThrownBy(() -> Slices.check(data, dir, 10)).isInstanceOf(UserError.class)
        .hasMessageContaining("unknown file 'test/cat/002.png'")
        .extracting(e -> ((UserError) e).where()).isEqualTo(dir.resolve("s.csv") + ":2");
    Files.writeString(dir.resolve("s.csv"), "../outside.png,x\n");
    Files.writeString(dir.resolve("outside.png"), "x");
    assertThatThrownBy(() -> Slices.check(data, dir, 10)).as("a file outside data.path")
        .hasMessageContaining("unknown file '../outside.png'");
  }

  @Test
  void slicesNeedACsvOrARule(@TempDir Path dir) {
    assertThatThrownBy(() -> data(dir, "{groups: [a, b]}")).isInstanceOf(UserError.class)
        .hasMessageContaining("exactly one of csv, rule and folder_level");
    assertThatThrownBy(() -> data(dir, "{rule: brightness, folder_level: 1}")).isInstanceOf(UserError.class)
        .hasMessageContaining("exactly one of csv, rule and folder_level");
  }

  /** A grey 4×4 PNG at {@code file}. */
  static void png(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_BYTE_GRAY),
        "png", file.toFile());
  }

  /**
   * A hand-made folder dataset: test/cat/c.png lies directly in its class folder, test/cat/indoor/a.png,
   * test/cat/outdoor/b.png, test/dog/indoor/d.png one level below and test/dog/outdoor/deep/e.png two.
   */
  static Path folder(Path dir, int level) throws IOException {
    for (String f : List.of("test/cat/c.png", "test/cat/indoor/a.png", "test/cat/outdoor/b.png",
        "test/dog/indoor/d.png", "test/dog/outdoor/deep/e.png", "train/cat/x.png", "train/dog/y.png",
        "train/dog/indoor/z.png", "train/dog/.hidden/h.png")) {
      png(dir.resolve("imgs").resolve(f));
    }
    Path cfg = dir.resolve("c.yaml");
    Files.writeString(cfg, "device: cpu\ndata:\n  source: folder\n  path: imgs\n  image_size: 8\n  channels: 1\n"
        + "  slices: {folder_level: " + level + "}\nmodel: {arch: mlp}\ntrain: {epochs: 1}\n");
    return cfg;
  }

  @Test
  void aSubFolderLevelOfAFolderDatasetNamesTheSlices(@TempDir Path dir) throws IOException {
    DataConfig data = LOADER.load(folder(dir, 1)).data();
    org.deepfig.data.Dataset d = org.deepfig.data.Datasets.load(data, dir, 1);
    // images in sub-folders of a class folder are that class's (hidden folders skipped), sorted by path:
    // cat: c.png, indoor/a.png, outdoor/b.png; dog: indoor/d.png, outdoor/deep/e.png
    assertThat(d.train().size()).isEqualTo(3);
    assertThat(d.test().size()).isEqualTo(5);
    assertThat(d.test().file(1).toString()).endsWith("test/cat/indoor/a.png");
    Slices s = Slices.of(data, dir, d.test());
    assertThat(s.names()).containsExactly("indoor", "outdoor");
    assertThat(s.of()).containsExactly(-1, 0, 1, 0, 1); // c.png lies in no sub-folder: in no slice
    Slices deep = Slices.of(LOADER.load(folder(dir, 2)).data(), dir, d.test());
    assertThat(deep.names()).containsExactly("deep");
    assertThat(deep.of()).containsExactly(-1, -1, -1, -1, 0);
    Slices.check(data, dir, 5, "here"); // the levels the folder has pass
  }

  @Test
  void aFolderLevelTooDeepOrOutOfRangeOrOnOtherDataIsAOneLineError(@TempDir Path dir) throws IOException {
    Path cfg = folder(dir, 3);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.execute(new String[] {"validate", cfg.toString()}, new PrintStream(out, true,
        StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    String message = err.toString(StandardCharsets.UTF_8).strip();
    assertThat(code).as(message).isEqualTo(2);
    assertThat(message).startsWith("error: " + cfg + ":7:").doesNotContain("\n")
        .contains("no test image lies 3 folders below its class folder in " + dir.resolve("imgs")
            + " (the deepest lie 2 below) — set folder_level to at most 2");
    assertThatThrownBy(() -> LOADER.load(folder(dir, 0))).isInstanceOf(UserError.class)
        .hasMessageContaining("folder_level must be between 1 and 8, got 0");
    assertThatThrownBy(() -> data(dir, "{folder_level: 1}")).isInstanceOf(UserError.class)
        .hasMessageContaining("slices.folder_level needs folder data, not shapes");
  }
}
