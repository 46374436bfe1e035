package org.deepfig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.deepfig.Pipeline;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two deepfig processes run the same config against one cache at the same time: both train, both finish with a
 * report, the first complete cache entry wins and the other run continues with it (before, the second run deleted
 * the entry the first was reading: NoSuchFileException on {@code initial.params}, about one run in five).
 */
@Tag("slow")
class ConcurrentRunsTest {
  @TempDir Path dir;

  static final String CONFIG = """
      title: "concurrent"
      seed: 5
      device: cpu
      data: {source: shapes, train_size: 800, test_size: 200, image_size: 16}
      model: {arch: lenet5}
      train: {epochs: 2, batch_size: 64, optimizer: adam, learning_rate: 0.003}
      figures:
        - kind: training-curves
        - kind: confusion
      """;

  record Finished(int code, List<String> lines) {}

  @Test
  void twoRunsSharingACacheBothFinishAndTheFirstCompleteEntryWins() throws Exception {
    Path cfg = dir.resolve("concurrent.yaml");
    Files.writeString(cfg, CONFIG);
    Path cache = dir.resolve("cache");
    CompletableFuture<Finished> a = start(cfg, dir.resolve("out-a"), cache);
    CompletableFuture<Finished> b = start(cfg, dir.resolve("out-b"), cache);
    Finished ra = a.get(10, TimeUnit.MINUTES);
    Finished rb = b.get(10, TimeUnit.MINUTES);

    assertThat(ra.code()).as(String.join("\n", ra.lines())).isZero();
    assertThat(rb.code()).as(String.join("\n", rb.lines())).isZero();
    List<String> both = new ArrayList<>(ra.lines());
    both.addAll(rb.lines());
    assertThat(both).as("the premise: both runs trained at the same time, neither found the other's entry")
        .noneMatch(l -> l.startsWith("training: cached"));
    assertThat(both.stream().filter(l -> l.startsWith("training: done, cached as")))
        .as("one run stored the training, the other found it stored and kept it: " + both).hasSize(1);
    assertThat(both.stream().filter(l -> l.startsWith("training: done; another run cached the same training first")))
        .hasSize(1);
    assertThat(InterruptedRunTest.completeEntries(cache.resolve("train"))).hasSize(1);
    try (var s = Files.list(cache.resolve("train"))) {
      assertThat(s.map(p -> p.getFileName().toString())).as("no temporary folders left").hasSize(1);
    }
    JsonNode ma = Pipeline.manifestMapper().readTree(dir.resolve("out-a/manifest.json").toFile());
    JsonNode mb = Pipeline.manifestMapper().readTree(dir.resolve("out-b/manifest.json").toFile());
    assertThat(ma.path("checkpoint")).as("both reports describe the one cached network").isEqualTo(
        mb.path("checkpoint"));
    assertThat(ma.path("figures")).isEqualTo(mb.path("figures"));
  }

  /** Starts deepfig in a child JVM; the future completes with its exit code and output lines. */
  static CompletableFuture<Finished> start(Path cfg, Path out, Path cache) throws Exception {
    List<String> cmd = MainTest.childJvm("1g", "run", cfg.toString(), "--out", out.toString(), "--cache",
        cache.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    return CompletableFuture.supplyAsync(() -> {
      List<String> lines = new ArrayList<>();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) lines.add(line);
        return new Finished(p.waitFor(), lines);
      } catch (Exception e) {
        p.destroyForcibly();
        throw new IllegalStateException(e);
      }
    });
  }
}
