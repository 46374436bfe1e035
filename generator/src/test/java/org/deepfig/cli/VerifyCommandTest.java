package org.deepfig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
  @TempDir Path dir;

  @Test
  void verifyPassesOnAFreshRunAndNamesAFigureWhoseFileWasEdited() throws IOException {
    Path cfg = dir.resolve("tiny.yaml");
    Files.writeString(cfg, """
        title: tiny
        seed: 3
        device: cpu
        data: {source: shapes, train_size: 300, test_size: 100}
        model: {arch: lenet5}
        train: {epochs: 1, batch_size: 32}
        """);
    Path out = dir.resolve("report");
    assertThat(MainTest.run("run", cfg.toString(), "--out", out.toString(), "--cache",
        dir.resolve("cache").toString()).code()).isZero();

    MainTest.Outcome ok = MainTest.run("verify", out.toString());
    assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out()).contains("identical").contains("figures/confusion.png")
        .contains("8 of 8 figure files byte-identical");

    Path png = out.resolve("figures/confusion.png");
    var image = javax.imageio.ImageIO.read(png.toFile());
    image.setRGB(5, 5, 0xFF0000);
    javax.imageio.ImageIO.write(image, "png", png.toFile());
    MainTest.Outcome bad = MainTest.run("verify", out.toString());
    assertThat(bad.code()).isEqualTo(3);
    assertThat(bad.out()).containsPattern("DIFFERS\\s+confusion\\s+figures/confusion.png — edited after the run")
        .contains("1 of ")
        .contains("7 of 8 figure files byte-identical");
  }

  @Test
  void aFolderWithoutManifestIsAUserError() {
    MainTest.Outcome o = MainTest.run("verify", dir.toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("no manifest.json");
  }
}
