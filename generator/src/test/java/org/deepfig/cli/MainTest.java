package org.deepfig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Tag("slow")
class MainTest {
  @TempDir Path dir;

  record Outcome(int code, String out, String err) {}

  /** The command line that runs deepfig in a child JVM with this test's classpath and the given heap ("1g"). */
  static java.util.List<String> childJvm(String heap, String... args) {
    java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap,
        "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(java.util.List.of(args));
    return cmd;
  }

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
    for (String cmd : new String[] {"run", "site", "validate", "verify", "diff", "schema", "kinds"}) {
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

  @Test
  void outOfMemorySaysHowToGiveDeepfigMoreMemory() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.handle(new OutOfMemoryError("Java heap space"),
        new java.io.PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    assertThat(code).isEqualTo(1);
    String message = err.toString(StandardCharsets.UTF_8);
    assertThat(message).contains("out of memory").contains("DEEPFIG_JAVA_OPTS=-Xmx").contains("deepfig-crash-");
    assertThat(message.strip().lines().count()).isEqualTo(1);
  }

  @CommandLine.Command(name = "exhaust")
  static final class Exhaust implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new OutOfMemoryError("Java heap space");
    }
  }

  @Test
  void outOfMemoryInACommandIsHandledNotARawStackTrace() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    CommandLine cli = Main.commandLine(new PrintStream(new ByteArrayOutputStream()), errStream);
    cli.addSubcommand(new Exhaust());
    assertThat(Main.execute(cli, new String[] {"exhaust"})).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("DEEPFIG_JAVA_OPTS");
  }

  /** Shared by the tests that train the same tiny model, so it is trained once. */
  @TempDir static Path trainedCache;

  static final String TINY = "title: x\ndata: {train_size: 200, test_size: 100}\ntrain: {epochs: 1}\nfigures:\n";

  Outcome runTiny(String name, String figures) throws IOException {
    Path cfg = dir.resolve(name);
    Files.writeString(cfg, TINY + figures);
    return run("run", cfg.toString(), "--out", dir.resolve("out").toString(), "--cache", trainedCache.toString());
  }

  @Test
  void unknownGradCamLayerIsAUserErrorAtItsKey() throws IOException {
    Outcome o = runTiny("gradcam.yaml", "  - kind: saliency\n    images: [0]\n    methods: [Grad-CAM]\n"
        + "    gradcam_layer: nope\n    sanity_check: false\n    score_images: 0\n");
    assertThat(o.code()).as(o.err()).isEqualTo(2);
    // refused before training by the pre-flight check, at the key's position
    assertThat(o.err().strip()).startsWith("error: " + dir.resolve("gradcam.yaml") + ":8:5: ").contains("'nope'")
        .contains("use one of: ").contains("conv2");
    assertThat(o.err().strip().lines()).hasSize(1);
  }

  @Test
  void optionErrorWhileRunningNamesTheFiguresEntryInTheConfig() throws IOException {
    Path cfg = dir.resolve("filters.yaml");
    Outcome o = runTiny("filters.yaml", "  - kind: filters\n    layer: conv2\n    channel: 9999\n");
    assertThat(o.code()).as(o.err()).isEqualTo(2);
    assertThat(o.err().strip()).isEqualTo("error: " + cfg + ":7:5: channel 9999 does not exist: "
        + "conv2 has 16 output channels (0–15) — set channel between 0 and 15");
  }
}
