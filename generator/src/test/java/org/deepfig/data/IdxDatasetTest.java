package org.deepfig.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.deepfig.UserError;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxDatasetTest {
  @TempDir Path dir;

  static byte[] images(int magic, int n, int rows, int cols, int extraBytes) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(magic);
    out.writeInt(n);
    out.writeInt(rows);
    out.writeInt(cols);
    for (int i = 0; i < n * rows * cols + extraBytes; i++) out.writeByte((i * 37) & 0xFF);
    return bytes.toByteArray();
  }

  static byte[] labels(int n, int max) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x801);
    out.writeInt(n);
    for (int i = 0; i < n; i++) out.writeByte(i % (max + 1));
    return bytes.toByteArray();
  }

  void write(String name, byte[] data, boolean gzip) throws IOException {
    try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(dir.resolve(name + ".gz")))
        : Files.newOutputStream(dir.resolve(name))) {
      out.write(data);
    }
  }

  void writeAll(boolean gzip) throws IOException {
    write("train-images-idx3-ubyte", images(0x803, 3, 2, 2, 0), gzip);
    write("train-labels-idx1-ubyte", labels(3, 9), gzip);
    write("t10k-images-idx3-ubyte", images(0x803, 2, 2, 2, 0), gzip);
    write("t10k-labels-idx1-ubyte", labels(2, 9), gzip);
  }

  @Test
  void readsGzippedAndRawFilesWithExactPixels() throws IOException {
    for (boolean gzip : new boolean[] {true, false}) {
      for (Path p : Files.list(dir).toList()) Files.delete(p);
      writeAll(gzip);
      Dataset d = IdxDataset.load(dir, "mnist", 0, 0);
      assertThat(d.train().size()).isEqualTo(3);
      assertThat(d.test().size()).isEqualTo(2);
      assertThat(d.train().height()).isEqualTo(2);
      // image 1 holds bytes 4..7 of the pixel stream: (i·37) mod 256 / 255
      assertThat(d.train().image(1)).containsExactly(148 / 255f, 185 / 255f, 222 / 255f, 3 / 255f);
      assertThat(d.train().label(2)).isEqualTo(2);
      assertThat(d.classNames()).hasSize(10);
      assertThat(d.sourceFiles()).hasSize(4);
    }
  }

  @Test
  void limitTakesTheFirstImages() throws IOException {
    writeAll(true);
    Dataset d = IdxDataset.load(dir, "fashion-mnist", 2, 1);
    assertThat(d.train().size()).isEqualTo(2);
    assertThat(d.test().size()).isEqualTo(1);
    assertThat(d.classNames().get(9)).isEqualTo("Ankle boot");
  }

  @Test
  void wrongMagicNamesTheFile() throws IOException {
    writeAll(true);
    write("train-images-idx3-ubyte", images(0x802, 3, 2, 2, 0), true);
    assertThatThrownBy(() -> IdxDataset.load(dir, "mnist", 0, 0)).isInstanceOf(UserError.class)
        .satisfies(e -> assertThat(((UserError) e).oneLine())
            .contains("train-images-idx3-ubyte.gz").contains("magic number 0x00000802"));
  }

  @Test
  void truncatedFileIsReported() throws IOException {
    writeAll(false);
    byte[] full = images(0x803, 3, 2, 2, 0);
    Files.write(dir.resolve("train-images-idx3-ubyte"), java.util.Arrays.copyOf(full, full.length - 3));
    assertThatThrownBy(() -> IdxDataset.load(dir, "mnist", 0, 0)).isInstanceOf(UserError.class)
        .hasMessageContaining("truncated");
  }

  /** The first {@code keep} bytes of a file whose header claims {@code count} items. */
  static byte[] withCount(byte[] file, int count, int keep) {
    byte[] out = java.util.Arrays.copyOf(file, keep);
    java.nio.ByteBuffer.wrap(out).putInt(4, count);
    return out;
  }

  @Test
  void headerCountBeyondTheFileSizeIsReportedBeforeAnythingIsAllocated() throws IOException {
    for (boolean gzip : new boolean[] {false, true}) {
      for (Path p : Files.list(dir).toList()) Files.delete(p);
      writeAll(gzip);
      write("train-images-idx3-ubyte", withCount(images(0x803, 3, 2, 2, 0), Integer.MAX_VALUE, 16 + 12), gzip);
      String name = "train-images-idx3-ubyte" + (gzip ? ".gz" : "");
      assertThatThrownBy(() -> IdxDataset.load(dir, "mnist", 0, 0)).isInstanceOf(UserError.class)
          .hasMessageContaining("count " + Integer.MAX_VALUE).hasMessageContaining("file size")
          .satisfies(e -> assertThat(((UserError) e).where()).endsWith(name));
      assertThatThrownBy(() -> IdxDataset.summarise(dir, "mnist", 0, 0)).isInstanceOf(UserError.class)
          .hasMessageContaining("count " + Integer.MAX_VALUE);

      writeAll(gzip);
      write("train-labels-idx1-ubyte", withCount(labels(3, 9), Integer.MAX_VALUE, 8 + 3), gzip);
      assertThatThrownBy(() -> IdxDataset.load(dir, "mnist", 0, 0)).isInstanceOf(UserError.class)
          .hasMessageContaining("count " + Integer.MAX_VALUE)
          .satisfies(e -> assertThat(((UserError) e).where()).contains("train-labels-idx1-ubyte"));
    }
  }

  @Test
  void summaryReadsOnlyTheHeaders() throws IOException {
    writeAll(true);
    DataSummary s = IdxDataset.summarise(dir, "fashion-mnist", 2, 0);
    assertThat(s.trainSize()).isEqualTo(2);
    assertThat(s.testSize()).isEqualTo(2);
    assertThat(List.of(s.channels(), s.height(), s.width())).containsExactly(1, 2, 2);
    assertThat(s.classNames()).hasSize(10);
  }

  @Test
  void mismatchedCountsAndBadLabelsAreReported() throws IOException {
    writeAll(true);
    write("train-labels-idx1-ubyte", labels(4, 9), true);
    assertThatThrownBy(() -> IdxDataset.load(dir, "mnist", 0, 0)).hasMessageContaining("3 images but");
    write("train-labels-idx1-ubyte", new byte[] {0, 0, 8, 1, 0, 0, 0, 3, 0, 1, 12}, false);
    Files.delete(dir.resolve("train-labels-idx1-ubyte.gz"));
    assertThatThrownBy(() -> IdxDataset.load(dir, "mnist", 0, 0)).hasMessageContaining("outside 0..9");
  }

  @Test
  void missingFolderSuggestsTheDebianPackage() {
    assertThatThrownBy(() -> IdxDataset.load(dir.resolve("none"), "fashion-mnist", 0, 0))
        .isInstanceOf(UserError.class)
        .satisfies(e -> assertThat(((UserError) e).fix()).contains("apt-get install dataset-fashion-mnist"));
  }

  @Test
  void realFashionMnistLoadsWhenInstalled() {
    Path real = Path.of("/usr/share/datasets/fashion-mnist");
    Assumptions.assumeTrue(Files.isDirectory(real), "dataset-fashion-mnist is not installed");
    Dataset d = IdxDataset.load(real, "fashion-mnist", 0, 0);
    assertThat(d.train().size()).isEqualTo(60000);
    assertThat(d.test().size()).isEqualTo(10000);
    for (int i = 0; i < 100; i++) assertThat(d.test().label(i)).isBetween(0, 9);
  }
}
