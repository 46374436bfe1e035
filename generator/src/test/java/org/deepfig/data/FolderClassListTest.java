package org.deepfig.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.deepfig.UserError;
import org.deepfig.config.ConfigLoader;
import org.deepfig.config.DataConfig;
import org.deepfig.analysis.AnalysisKinds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ImageNet-style folder: sub-folders named after some of a model's classes, listed in data.class_names_file,
 * and the resize-then-centre-crop preprocessing (data.resize).
 */
class FolderClassListTest {
  @TempDir Path dir;

  /** A 20×10 picture: red columns 0–4, green 5–14, blue 15–19. */
  static void stripes(Path file) throws Exception {
    BufferedImage img = new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(0, 0, 5, 10);
    g.setColor(Color.GREEN);
    g.fillRect(5, 0, 10, 10);
    g.setColor(Color.BLUE);
    g.fillRect(15, 0, 5, 10);
    g.dispose();
    Files.createDirectories(file.getParent());
    ImageIO.write(img, "png", file.toFile());
  }

  Path folder() throws Exception {
    for (String split : List.of("train", "test")) {
      for (String c : List.of("goldfish", "great white shark")) {
        for (int i = 0; i < 2; i++) stripes(dir.resolve("imgs/" + split + "/" + c + "/" + i + ".png"));
      }
    }
    return dir.resolve("imgs");
  }

  @Test
  void subFoldersTakeTheLabelOfTheirNameInTheClassList() throws Exception {
    List<String> classes = List.of("tench", "goldfish", "great white shark", "tiger shark");
    Dataset d = FolderDataset.load(folder(), 8, 3, 0.5, 1, 0, 0, classes, 0);
    assertThat(d.numClasses()).isEqualTo(4);
    assertThat(d.classNames()).isEqualTo(classes);
    assertThat(d.test().size()).isEqualTo(4);
    assertThat(List.of(d.test().label(0), d.test().label(1), d.test().label(2), d.test().label(3)))
        .containsExactly(1, 1, 2, 2);
  }

  @Test
  void aFolderTheListDoesNotNameIsRefusedByName() throws Exception {
    Path imgs = folder();
    assertThatThrownBy(() -> FolderDataset.load(imgs, 8, 3, 0.5, 1, 0, 0, List.of("tench", "goldfish"), 0))
        .isInstanceOf(UserError.class).hasMessageContaining("great white shark")
        .hasMessageContaining("names no class of data.class_names_file");
  }

  @Test
  void resizeScalesTheShorterSideThenCropsTheCentre() throws Exception {
    Path imgs = folder();
    // 20×10 → shorter side 8: 16×8, centre 8×8 = original columns 5–14, all green
    float[] cropped = new float[3 * 64];
    FolderDataset.load(imgs, 8, 3, 0.5, 1, 0, 0, null, 8).test().copyImages(0, 1, cropped, 0);
    for (int p = 0; p < 64; p++) {
      assertThat(cropped[p]).as("red at %d", p).isLessThan(0.05f);
      assertThat(cropped[64 + p]).as("green at %d", p).isGreaterThan(0.95f);
      assertThat(cropped[128 + p]).as("blue at %d", p).isLessThan(0.05f);
    }
    // without resize the whole picture is squashed into the square: red on the left, blue on the right
    float[] squashed = new float[3 * 64];
    FolderDataset.load(imgs, 8, 3, 0.5, 1, 0, 0, null, 0).test().copyImages(0, 1, squashed, 0);
    assertThat(squashed[0]).isGreaterThan(0.9f);
    assertThat(squashed[128 + 7]).isGreaterThan(0.9f);
  }

  @Test
  void anImageNamedByPathIsResizedAndCroppedLikeTheDatasetsOwn() throws Exception {
    Path imgs = folder();
    Dataset d = FolderDataset.load(imgs, 8, 3, 0.5, 1, 0, 0, null, 8);
    float[] own = new float[3 * 64];
    d.test().copyImages(0, 1, own, 0);
    Path file = imgs.resolve("test/goldfish/0.png");
    assertThat(ImageFiles.read(file, d.test(), 8)).containsExactly(own);
    // without the dataset's resize the picture would be squashed: red in the top-left corner
    assertThat(ImageFiles.read(file, d.test(), 0)[0]).isGreaterThan(0.9f);
  }

  @Test
  void theConfigReadsTheClassNamesFileBesideIt() throws Exception {
    Path imgs = folder();
    Files.writeString(dir.resolve("classes.txt"), "tench\ngoldfish\ngreat white shark\n");
    ConfigLoader loader = new ConfigLoader(AnalysisKinds.specTypes());
    DataConfig data = loader.parse("""
        data: {source: folder, path: imgs, image_size: 8, resize: 10, class_names_file: classes.txt}
        """, "c.yaml", "c").data();
    Dataset d = Datasets.load(data, dir, 1);
    assertThat(d.classNames()).containsExactly("tench", "goldfish", "great white shark");
    Files.writeString(dir.resolve("classes.txt"), "tench\ngoldfish\ntench\n");
    assertThatThrownBy(() -> Datasets.load(data, dir, 1)).isInstanceOf(UserError.class)
        .hasMessageContaining("'tench' repeats").satisfies(e -> assertThat(((UserError) e).where()).endsWith("classes.txt:3"));
    assertThat(imgs).isDirectory();
  }
}
