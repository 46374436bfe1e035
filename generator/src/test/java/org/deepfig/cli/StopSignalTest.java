package org.deepfig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (what {@code timeout} and a CI runner send) while libtorch is busy: issue #15's run ended in SIGSEGV inside
 * {@code dnnl_primitive_execute} because the JVM exited under a running oneDNN kernel (reproduced with SIGTERM during
 * a ResNet-50 forward pass). deepfig now stops at the next batch boundary: exit code 143, one line, no JVM crash
 * report, no report folder.
 */
@Tag("slow")
class StopSignalTest {
  @TempDir Path dir;

  @Test
  void sigtermDuringTrainingStopsBetweenBatchesWithExitCode143() throws Exception {
    Path cfg = Files.writeString(dir.resolve("long.yaml"), """
        seed: 3
        device: cpu
        data: {source: shapes, train_size: 4000, test_size: 200, image_size: 32}
        model: {arch: vgg}
        train: {epochs: 50, batch_size: 32}
        figures: [{kind: confusion}]
        """);
    Path out = dir.resolve("out");
    List<String> cmd = MainTest.childJvm("1g", "run", cfg.toString(), "--out", out.toString(), "--cache",
        dir.resolve("cache").toString());
    // the JVM's crash report, if there were one, would go here
    cmd.add(1, "-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("DNNL_MAX_CPU_ISA", "AVX");
    Process p = pb.start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      boolean sent = false;
      while ((line = r.readLine()) != null) {
        lines.add(line);
        if (!sent && line.startsWith("epoch 1/")) {
          Thread.sleep(1500); // well inside the native work of the training batches
          new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
          sent = true;
        }
      }
    }
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String log = String.join("\n", lines);
    assertThat(p.exitValue()).as(log).isEqualTo(143);
    assertThat(log).contains("deepfig: SIGTERM received — stopping after the current batch")
        .contains("deepfig: stopped by SIGTERM between two batches; no report was written")
        .doesNotContain("A fatal error has been detected");
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("hs_err"));
    }
    assertThat(out).doesNotExist();
  }
}
