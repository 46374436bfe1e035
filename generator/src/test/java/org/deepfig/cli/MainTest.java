package org.deepfig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path dir;

  record Outcome(int code, String out, String err) {}

  static Outcome run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void misspelledKeyExitsTwoWithFileLineColumnAndSuggestion() throws IOException {
    Path cfg = dir.resolve("bad.yaml");
    Files.writeString(cfg, "title: x\ntrain:\n  epochs: 1\n  batch_szie: 32\n");
    Outcome o = run("validate", cfg.toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err().strip()).isEqualTo("error: " + cfg + ":4:3: unknown key 'train.batch_szie' — did you mean "
        + "'batch_size'?");
  }

  @Test
  void runWithABadConfigExitsTwoAndWritesNothing() throws IOException {
    Path cfg = dir.resolve("bad.yaml");
    Files.writeString(cfg, "title: x\ndevise: cpu\n");
    Path out = dir.resolve("out");
    Outcome o = run("run", cfg.toString(), "--out", out.toString(), "--cache", dir.resolve("cache").toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains(cfg + ":2:1").contains("did you mean 'device'?");
    assertThat(o.err().strip().lines().count()).isEqualTo(1);
    assertThat(out).doesNotExist();
  }

  @Test
  void validConfigValidates() throws IOException {
    Path cfg = dir.resolve("ok.yaml");
    Files.writeString(cfg, "title: x\nfigures:\n  - kind: confusion\n");
    Outcome o = run("validate", cfg.toString());
    assertThat(o.code()).isZero();
    assertThat(o.out()).contains("ok.yaml: ok");
  }

  @Test
  void missingConfigFileIsAUserError() {
    Outcome o = run("validate", dir.resolve("nope.yaml").toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("nope.yaml: config file not found");
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertThat(run("run", "--bogus").code()).isEqualTo(2);
  }

  @Test
  void everyCommandHasHelp() {
    for (String cmd : new String[] {"run", "site", "validate", "verify", "schema", "kinds"}) {
      Outcome o = run(cmd, "--help");
      assertThat(o.code()).as(cmd).isZero();
      assertThat(o.out()).as(cmd).contains("Usage: deepfig " + cmd);
    }
  }

  @Test
  void internalErrorsExitOneWithALogFile() {
    int code = Main.handle(new IllegalStateException("boom"), new java.io.PrintWriter(new ByteArrayOutputStream()));
    assertThat(code).isEqualTo(1);
  }
}
