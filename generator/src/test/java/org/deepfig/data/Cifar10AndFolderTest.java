package org.deepfig.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.deepfig.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10AndFolderTest {
  @TempDir Path dir;

  /** A record whose pixel i of channel c is (c·100 + i) mod 256. */
  static byte[] records(int n, int label) {
    byte[] b = new byte[n * 3073];
    for (int r = 0; r < n; r++) {
      b[r * 3073] = (byte) label;
      for (int c = 0; c < 3; c++) {
        for (int i = 0; i < 1024; i++) b[r * 3073 + 1 + c * 1024 + i] = (byte) ((c * 100 + i) & 0xFF);
      }
    }
    return b;
  }

  void writeCifar(int perBatch) throws IOException {
    for (int i = 1; i <= 5; i++) Files.write(dir.resolve("data_batch_" + i + ".bin"), records(perBatch, i));
    Files.write(dir.resolve("test_batch.bin"), records(3, 7));
  }

  @Test
  void cifarRecordsAreReadPlaneByPlane() throws IOException {
    writeCifar(2);
    Dataset d = Cifar10Dataset.load(dir, 0, 0);
    assertThat(d.train().size()).isEqualTo(10);
    assertThat(d.test().size()).isEqualTo(3);
    assertThat(d.train().label(0)).isEqualTo(1);
    assertThat(d.train().label(9)).isEqualTo(5);
    float[] img = d.test().image(2);
    assertThat(img[0]).isEqualTo(0f);          // red plane, pixel 0
    assertThat(img[1024]).isEqualTo(100 / 255f); // green plane, pixel 0
    assertThat(img[2048 + 5]).isEqualTo(205 / 255f); // blue plane, pixel 5
    assertThat(d.classNames().get(0)).isEqualTo("airplane");
    assertThat(Cifar10Dataset.load(dir, 4, 1).train().size()).isEqualTo(4);
  }

  @Test
  void cifarFileOfTheWrongLengthIsCorrupt() throws IOException {
    writeCifar(1);
    Files.write(dir.resolve("data_batch_3.bin"), new byte[3073 + 10]);
    assertThatThrownBy(() -> Cifar10Dataset.load(dir, 0, 0)).isInstanceOf(UserError.class)
        .hasMessageContaining("3,073-byte records")
        .satisfies(e -> assertThat(((UserError) e).where()).endsWith("data_batch_3.bin"));
  }

  void png(Path p, int rgb, int size) throws IOException {
    Files.createDirectories(p.getParent());
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < size; y++) for (int x = 0; x < size; x++) img.setRGB(x, y, rgb);
    ImageIO.write(img, "png", p.toFile());
  }

  /** {@code n} solid {@code size}² images of colour {@code rgb}: imgs/{@code prefix}0.png, …. */
  void pngs(String prefix, int n, int rgb, int size) throws IOException {
    for (int i = 0; i < n; i++) png(dir.resolve("imgs/" + prefix + i + ".png"), rgb, size);
  }

  @Test
  void folderClassesAreSortedSubFoldersAndImagesAreResized() throws IOException {
    pngs("red/r", 5, 0xFF0000, 40);
    pngs("blue/b", 5, 0x0000FF, 20);
    Dataset d = FolderDataset.load(dir.resolve("imgs"), 8, 3, 0.4, 1);
    assertThat(d.classNames()).containsExactly("blue", "red");
    assertThat(d.train().size()).isEqualTo(6);
    assertThat(d.test().size()).isEqualTo(4);
    assertThat(d.train().height()).isEqualTo(8);
    for (int i = 0; i < d.train().size(); i++) {
      float[] img = d.train().image(i);
      boolean red = d.train().label(i) == 1;
      assertThat(img[0]).isEqualTo(red ? 1f : 0f);
      assertThat(img[2 * 64 + 7]).isEqualTo(red ? 0f : 1f);
    }
    Dataset grey = FolderDataset.load(dir.resolve("imgs"), 8, 1, 0.4, 1);
    assertThat(grey.train().channels()).isEqualTo(1);
  }

  @Test
  void trainAndTestSizesLimitAFolderToASeededSubset() throws IOException {
    pngs("red/r", 10, 0xFF0000, 8);
    pngs("blue/b", 10, 0x0000FF, 8);
    Dataset all = FolderDataset.load(dir.resolve("imgs"), 8, 3, 0.5, 1);
    Dataset some = FolderDataset.load(dir.resolve("imgs"), 8, 3, 0.5, 1, 4, 3);
    Dataset again = FolderDataset.load(dir.resolve("imgs"), 8, 3, 0.5, 1, 4, 3);
    assertThat(all.train().size()).isEqualTo(10);
    assertThat(some.train().size()).isEqualTo(4);
    assertThat(some.test().size()).isEqualTo(3);
    assertThat(some.sourceFiles()).hasSize(7).isSubsetOf(all.sourceFiles()).isEqualTo(again.sourceFiles());
    assertThat(FolderDataset.load(dir.resolve("imgs"), 8, 3, 0.5, 1, 0, 100).test().size())
        .as("0 and sizes above the split's mean all").isEqualTo(10);
  }

  @Test
  void corruptImageIsNamed() throws IOException {
    pngs("a/", 3, 0, 8);
    pngs("b/", 3, 0, 8);
    Files.writeString(dir.resolve("imgs/a/broken.png"), "not a png");
    Dataset d = FolderDataset.load(dir.resolve("imgs"), 8, 3, 0.3, 1);
    assertThatThrownBy(() -> {
      d.train().copyImages(0, d.train().size(), new float[d.train().size() * 192], 0);
      d.test().copyImages(0, d.test().size(), new float[d.test().size() * 192], 0);
    }).isInstanceOf(UserError.class).hasMessageContaining("not a readable PNG")
        .satisfies(e -> assertThat(((UserError) e).where()).endsWith("broken.png"));
  }

  @Test
  void aClassWithTestImagesButNoTrainingFolderIsRefused() throws IOException {
    for (String split : new String[] {"train", "test"}) {
      png(dir.resolve("imgs/" + split + "/a/0.png"), 0, 8);
      png(dir.resolve("imgs/" + split + "/b/0.png"), 0, 8);
    }
    png(dir.resolve("imgs/test/zebra/0.png"), 0, 8);
    assertThatThrownBy(() -> FolderDataset.load(dir.resolve("imgs"), 8, 3, 0.3, 1)).isInstanceOf(UserError.class)
        .hasMessageContaining("'zebra'")
        .satisfies(e -> assertThat(((UserError) e).where()).isEqualTo(dir.resolve("imgs/test").toString()));
  }

  @Test
  void headerCheckNamesTheFirstUnreadableImageWithoutDecodingAny() throws IOException {
    pngs("a/", 3, 0, 8);
    pngs("b/", 3, 0, 8);
    Dataset ok = FolderDataset.load(dir.resolve("imgs"), 8, 3, 0.3, 1);
    FolderDataset.checkHeaders(ok.sourceFiles());
    byte[] png = Files.readAllBytes(dir.resolve("imgs/a/0.png"));
    Files.write(dir.resolve("imgs/a/cut.png"), java.util.Arrays.copyOf(png, 20));
    Files.write(dir.resolve("imgs/b/empty.jpg"), new byte[0]);
    Dataset bad = FolderDataset.load(dir.resolve("imgs"), 8, 3, 0.3, 1);
    assertThatThrownBy(() -> FolderDataset.checkHeaders(bad.sourceFiles())).isInstanceOf(UserError.class)
        .hasMessageContaining("not a readable PNG or JPEG image")
        .satisfies(e -> assertThat(((UserError) e).where()).endsWith("cut.png"));
  }
}
