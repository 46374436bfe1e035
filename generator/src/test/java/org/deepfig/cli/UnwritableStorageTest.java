package org.deepfig.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.deepfig.provenance.Hashes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache or an output folder that cannot be written (read-only, full, or a file where a folder should be) never
 * costs the training: the output is checked before training (exit 2, one line), a cache that cannot take new
 * entries is used without storing (one warning line), and a disk that fills up while the report is written is a
 * user error that leaves the previous report as it was. The full and read-only disks are small tmpfs mounts, so
 * those tests run only as root (root ignores file permissions, so chmod would prove nothing).
 */
@Tag("slow")
class UnwritableStorageTest {
  @TempDir static Path shared;
  @TempDir Path dir;
  private final List<Path> mounts = new ArrayList<>();

  static final String CONFIG = """
      title: "storage"
      seed: 11
      device: cpu
      data: {source: shapes, train_size: 200, test_size: 100, image_size: 16}
      model: {arch: lenet5}
      train: {epochs: 1, batch_size: 64, optimizer: adam, learning_rate: 0.003}
      figures:
        - kind: confusion
      """;
  static Path config;
  /** A cache holding this config's training and figure, and the report made with it. */
  static Path warmCache;
  static Path warmReport;

  @BeforeAll
  static void warmUp() throws IOException {
    config = shared.resolve("storage.yaml");
    Files.writeString(config, CONFIG);
    warmCache = shared.resolve("cache");
    warmReport = shared.resolve("report");
    MainTest.Outcome o = run(warmReport, warmCache);
    assertThat(o.code()).as(o.out() + o.err()).isZero();
  }

  @AfterEach
  void unmount() throws Exception {
    for (int i = mounts.size() - 1; i >= 0; i--) {
      new ProcessBuilder("umount", "-l", mounts.get(i).toString()).inheritIO().start().waitFor();
    }
  }

  @Test
  void aCacheThatIsAFileIsReportedBeforeTrainingAndTheRunFinishesWithoutIt() throws IOException {
    Path file = Files.writeString(dir.resolve("cache"), "not a folder");
    Path out = dir.resolve("out");
    MainTest.Outcome o = run(out, file);
    assertThat(o.code()).as(o.out() + o.err()).isZero();
    List<String> lines = o.out().lines().toList();
    assertThat(warnings(lines)).as(o.out()).hasSize(1).first().asString().contains(file.toString())
        .contains("--cache");
    assertThat(indexOf(lines, "warning:")).as("warned before training").isLessThan(indexOf(lines, "epoch 1/"));
    assertThat(out.resolve("index.html")).isRegularFile();
    assertThat(Files.readString(file)).isEqualTo("not a folder");
  }

  @Test
  void aReadOnlyCacheIsReadButNotWrittenAndTheRunFinishes() throws Exception {
    Path cache = mountTmpfs(dir.resolve("cache"), "size=4m");
    copyTree(warmCache, cache);
    remountReadOnly(cache);
    Path cfg = Files.writeString(dir.resolve("more.yaml"), CONFIG + "  - kind: training-curves\n");
    Path out = dir.resolve("out");
    MainTest.Outcome o = MainTest.run("run", cfg.toString(), "--out", out.toString(), "--cache", cache.toString());
    assertThat(o.code()).as(o.out() + o.err()).isZero();
    List<String> lines = o.out().lines().toList();
    assertThat(warnings(lines)).as(o.out()).hasSize(1).first().asString().contains(cache.toString());
    assertThat(lines).anyMatch(l -> l.startsWith("training: cached"))
        .anyMatch(l -> l.startsWith("figure confusion: cached"))
        .anyMatch(l -> l.startsWith("figure training-curves: computed"));
    assertThat(out.resolve("figures/training-curves.svg")).isRegularFile();
  }

  @Test
  void aCacheWriteFailingOnAFullDiskWarnsAndTheTrainingStillReachesTheReport() throws Exception {
    Path cache = mountTmpfs(dir.resolve("cache"), "size=128k"); // room for a probe, not for the trained network
    Path out = dir.resolve("out");
    MainTest.Outcome o = run(out, cache);
    assertThat(o.code()).as(o.out() + o.err()).isZero();
    List<String> lines = o.out().lines().toList();
    assertThat(warnings(lines)).as(o.out()).hasSize(1).first().asString().contains(cache.toString())
        .contains("No space left on device");
    assertThat(indexOf(lines, "warning:")).as("warned after training").isGreaterThan(indexOf(lines, "epoch 1/"));
    assertThat(out.resolve("index.html")).isRegularFile();
    assertThat(InterruptedRunTest.completeEntries(cache.resolve("train"))).isEmpty();
    try (Stream<Path> s = Files.walk(cache)) {
      assertThat(s.filter(Files::isRegularFile)).as("no half-written entry left").isEmpty();
    }
  }

  @Test
  void anOutputFolderUnderAFileIsAUserErrorBeforeTraining() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "x");
    MainTest.Outcome o = run(file.resolve("out"), dir.resolve("cache"));
    assertThat(o.code()).as(o.out() + o.err()).isEqualTo(2);
    assertThat(o.err().strip().lines()).hasSize(1).first().asString().startsWith("error: --out")
        .contains(file.toString());
    assertThat(o.out()).doesNotContain("epoch");
  }

  @Test
  void aReadOnlyOutputDiskIsAUserErrorBeforeTraining() throws Exception {
    Path disk = mountTmpfs(dir.resolve("disk"), "ro,size=1m");
    MainTest.Outcome o = run(disk.resolve("out"), dir.resolve("cache"));
    assertThat(o.code()).as(o.out() + o.err()).isEqualTo(2);
    assertThat(o.err().strip().lines()).hasSize(1).first().asString().contains(disk.resolve("out").toString())
        .contains("Read-only file system");
    assertThat(o.out()).doesNotContain("epoch");
  }

  @Test
  void aFullOutputDiskIsAUserErrorBeforeTrainingAndThePreviousReportIsUntouched() throws Exception {
    Path disk = mountTmpfs(dir.resolve("disk"), "size=" + 2 * treeSize(warmReport));
    Path out = disk.resolve("out");
    MainTest.Outcome first = run(out, warmCache);
    assertThat(first.code()).as(first.out() + first.err()).isZero();
    Map<String, String> before = hashes(out);
    fill(disk);

    MainTest.Outcome o = run(out, dir.resolve("empty-cache"));
    assertThat(o.code()).as(o.out() + o.err()).isEqualTo(2);
    assertThat(o.err().strip().lines()).hasSize(1).first().asString().contains(out.toString())
        .contains("No space left on device");
    assertThat(o.out()).doesNotContain("epoch");
    assertThat(hashes(out)).isEqualTo(before);
    assertThat(namesIn(disk)).containsExactlyInAnyOrder("out", "filler");
  }

  @Test
  void anOutputDiskFillingUpWhileTheReportIsWrittenIsAUserErrorAndLeavesNothingHalfWritten() throws Exception {
    Path disk = mountTmpfs(dir.resolve("disk"), "size=" + treeSize(warmReport) / 2);
    Path out = disk.resolve("out");
    MainTest.Outcome o = run(out, warmCache);
    assertThat(o.code()).as(o.out() + o.err()).isEqualTo(2);
    assertThat(o.out()).as("got as far as the report").contains("figure confusion: cached");
    assertThat(o.err().strip().lines()).hasSize(1).first().asString().contains(out.toString())
        .contains("No space left on device");
    assertThat(namesIn(disk)).as("no report, no staging folder").isEmpty();
  }

  static MainTest.Outcome run(Path out, Path cache) {
    return MainTest.run("run", config.toString(), "--out", out.toString(), "--cache", cache.toString());
  }

  static List<String> warnings(List<String> lines) {
    return lines.stream().filter(l -> l.startsWith("warning:") && !l.contains("DNNL_MAX_CPU_ISA")).toList();
  }

  static int indexOf(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix) && !lines.get(i).contains("DNNL_MAX_CPU_ISA")) return i;
    }
    return -1;
  }

  /** Mounts a fresh tmpfs at {@code at} (skipping the test unless this runs as root and may mount). */
  private Path mountTmpfs(Path at, String options) throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "mounting a small tmpfs needs root");
    Files.createDirectories(at);
    Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", at.toString())
        .redirectErrorStream(true).start();
    String said = new String(p.getInputStream().readAllBytes());
    assumeTrue(p.waitFor() == 0, "cannot mount a tmpfs here: " + said);
    mounts.add(at);
    return at;
  }

  private static void remountReadOnly(Path at) throws Exception {
    Process p = new ProcessBuilder("mount", "-o", "remount,ro", at.toString()).inheritIO().start();
    assertThat(p.waitFor()).isZero();
  }

  /** Writes a file until the disk holding {@code folder} is full. */
  private static void fill(Path folder) throws IOException {
    byte[] block = new byte[4096];
    try (OutputStream o = Files.newOutputStream(folder.resolve("filler"))) {
      while (true) o.write(block);
    } catch (IOException full) {
      assertThat(full).hasMessageContaining("No space left on device");
    }
  }

  static long treeSize(Path folder) throws IOException {
    try (Stream<Path> s = Files.walk(folder)) {
      long bytes = 0;
      for (Path p : s.filter(Files::isRegularFile).toList()) bytes += (Files.size(p) + 4095) / 4096 * 4096;
      return bytes;
    }
  }

  static Map<String, String> hashes(Path folder) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(folder)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) out.put(folder.relativize(p).toString(), Hashes.sha256(p));
    }
    return out;
  }

  static List<String> namesIn(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target);
      }
    }
  }
}
