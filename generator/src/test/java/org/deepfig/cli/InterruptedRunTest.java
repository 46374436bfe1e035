package org.deepfig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of training, then in the middle of the figures, then a normal run: no report appears before
 * a run finishes, no broken cache entry is ever taken, the training finished by the second attempt is reused, and
 * the report that finally appears is reproduced byte for byte by {@code deepfig verify}.
 */
@Tag("slow")
class InterruptedRunTest {
  @TempDir Path dir;

  static final String CONFIG = """
      title: "interrupted"
      seed: 3
      device: cpu
      data: {source: shapes, train_size: 3000, test_size: 400, image_size: 16}
      model: {arch: lenet5}
      train: {epochs: 3, batch_size: 64, optimizer: adam, learning_rate: 0.003}
      figures:
        - kind: confusion
        - kind: tsne
          points: 300
          iterations: 300
          compare_untrained: false
      """;

  @Test
  void killedRunsLeaveNoReportAndNoCorruptCacheAndTheNextRunFinishes() throws Exception {
    Path cfg = dir.resolve("interrupted.yaml");
    Files.writeString(cfg, CONFIG);
    Path out = dir.resolve("out");
    Path cache = dir.resolve("cache");
    String[] args = {"run", cfg.toString(), "--out", out.toString(), "--cache", cache.toString()};

    List<String> first = runAndKill(args, line -> line.startsWith("epoch 2/"));
    assertThat(first).as("killed during training").anyMatch(l -> l.startsWith("epoch 2/"));
    assertThat(out).as("no report from a killed run").doesNotExist();
    assertThat(completeEntries(cache.resolve("train"))).as("no finished training entry").isEmpty();

    List<String> second = runAndKill(args, line -> line.startsWith("figure confusion"));
    assertThat(second).as("training finished, then killed among the figures")
        .anyMatch(l -> l.startsWith("training: done")).noneMatch(l -> l.startsWith("training: cached"));
    assertThat(out).doesNotExist();
    assertThat(completeEntries(cache.resolve("train"))).hasSize(1);

    MainTest.Outcome third = MainTest.run(args);
    assertThat(third.code()).as(third.err()).isZero();
    assertThat(third.out()).contains("training: cached").contains("figure tsne: computed");
    assertThat(out.resolve("index.html")).isRegularFile();

    MainTest.Outcome verify = MainTest.run("verify", out.toString());
    assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).contains("files identical").doesNotContain("DIFFERS");
  }

  /** Starts deepfig in a child JVM and kills it (SIGKILL) at the first output line that {@code when} accepts. */
  static List<String> runAndKill(String[] args, java.util.function.Predicate<String> when) throws Exception {
    List<String> cmd = MainTest.childJvm("2g", args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        lines.add(line);
        if (when.test(line)) {
          p.destroyForcibly();
          break;
        }
      }
    } finally {
      p.destroyForcibly();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(p.exitValue()).as("killed, not finished: " + lines).isEqualTo(137);
    return lines;
  }

  static List<Path> completeEntries(Path stage) throws IOException {
    if (!Files.isDirectory(stage)) return List.of();
    try (Stream<Path> s = Files.list(stage)) {
      return s.filter(d -> Files.exists(d.resolve("COMPLETE"))).toList();
    }
  }
}
