package org.deepfig.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.deepfig.Progress;
import org.deepfig.UserError;
import org.deepfig.analysis.activations.ActivationMaps;
import org.deepfig.analysis.activations.ActivationsSpec;
import org.deepfig.config.ConfigLoader;
import org.deepfig.config.ExperimentConfig;
import org.deepfig.config.ImageChoice;
import org.deepfig.config.ModelConfig.Arch;
import org.deepfig.data.ArrayImageSet;
import org.deepfig.data.Dataset;
import org.deepfig.data.Datasets;
import org.deepfig.model.ModelZoo;
import org.deepfig.model.Net;
import org.deepfig.probe.Probe;
import org.deepfig.train.Evaluation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** images: by index, by class, by a rule on the test predictions, and by file path. */
@Tag("slow")
class ImageSelectionTest {
  @TempDir Path dir;

  // a hand-made prediction table: 8 test images of 3 classes
  //   image:       0     1     2     3     4     5     6     7
  static final int[] LABELS = {0, 0, 1, 1, 2, 0, 2, 1};
  static final int[] PREDICTED = {0, 1, 1, 0, 2, 0, 1, 1};
  static final float[] CONFIDENCE = {0.90f, 0.80f, 0.99f, 0.95f, 0.40f, 0.97f, 0.60f, 0.99f};

  static int[] pick(String rule, int cls, int count) {
    return ImageSelection.pick(rule, cls, count, LABELS, PREDICTED, CONFIDENCE, 7);
  }

  @Test
  void eachRuleOnAHandMadePredictionTable() {
    // right predictions by probability: 2 and 7 (0.99, the lower index first), 5 (0.97), 0, 4
    assertThat(pick("most-confident", -1, 3)).containsExactly(2, 7, 5);
    // wrong predictions by the probability of the wrong class: 3 (0.95), 1 (0.80), 6 (0.60)
    assertThat(pick("most-confident-wrong", -1, 2)).containsExactly(3, 1);
    assertThat(pick("most-confident-wrong", -1, 10)).containsExactly(3, 1, 6);
    // all by ascending probability of the predicted class
    assertThat(pick("least-confident", -1, 2)).containsExactly(4, 6);
    // within a class
    assertThat(pick("most-confident", 1, 5)).containsExactly(2, 7);
    assertThat(pick("most-confident-wrong", 0, 5)).containsExactly(1);
    assertThat(pick("least-confident", 0, 1)).containsExactly(1);
    // no rule: the first of the class in test order
    assertThat(pick(null, 2, 5)).containsExactly(4, 6);
    assertThat(pick(null, 0, 2)).containsExactly(0, 1);
  }

  @Test
  void randomIsASeededDrawInTestOrder() {
    int[] a = ImageSelection.pick("random", -1, 3, LABELS, PREDICTED, CONFIDENCE, 11);
    assertThat(a).hasSize(3).doesNotHaveDuplicates().isSorted();
    assertThat(java.util.Arrays.stream(a).boxed().toList()).allMatch(i -> i >= 0 && i < 8);
    assertThat(ImageSelection.pick("random", -1, 3, LABELS, PREDICTED, CONFIDENCE, 11)).isEqualTo(a);
    boolean differs = false;
    for (long seed = 12; seed < 20; seed++) {
      differs |= !java.util.Arrays.equals(a, ImageSelection.pick("random", -1, 3, LABELS, PREDICTED, CONFIDENCE,
          seed));
    }
    assertThat(differs).as("another seed draws other images").isTrue();
    assertThat(java.util.Arrays.stream(ImageSelection.pick("random", 0, 2, LABELS, PREDICTED, CONFIDENCE, 11))
        .boxed().toList()).hasSize(2).allMatch(i -> LABELS[i] == 0);
    assertThat(ImageSelection.pick("random", 2, 9, LABELS, PREDICTED, CONFIDENCE, 11)).containsExactly(4, 6);
  }

  @Test
  void resolvedChoicesKeepTheirOrderDropRepeatsAndSayWhatWasShort() {
    ExperimentConfig cfg = config("data: {source: shapes, test_size: 8}\n");
    ArrayImageSet test = new ArrayImageSet(1, 4, 4, new float[8 * 16], LABELS, null);
    Dataset data = new Dataset("table", List.of("a", "b", "c"), test, test, List.of());
    Evaluation eval = new Evaluation(0, 0.625, new long[3][3], PREDICTED, CONFIDENCE, null);
    RunContext ctx = new RunContext(cfg, dir, data, null, null, null, eval, Device.cpu(), null, Progress.SILENT);
    List<ImageChoice> choices = List.of(ImageChoice.index(3), selector(null, null, "most-confident", 2),
        selector(null, "a", "most-confident-wrong", 3), ImageChoice.index(2));
    ImageSelection s = ImageSelection.resolve("saliency.images", choices, ctx);
    assertThat(s.items().stream().map(ImageSelection.Item::testIndex)).containsExactly(3, 2, 7, 1);
    assertThat(s.items().stream().map(ImageSelection.Item::id)).containsExactly("3", "2", "7", "1");
    assertThat(s.item(0).name()).isEqualTo("test image #3");
    assertThat(s.item(0).predicted()).isEqualTo(0);
    assertThat(s.label(3)).isEqualTo(0);
    assertThat(s.note()).isEqualTo("most-confident-wrong among the test images of class a: 3 asked for, 1 found "
        + "(only 1 of them are classified wrong).");
    assertThatThrownBy(() -> ImageSelection.resolve("saliency.images", List.of(selector(null, "zebra", null, 1)),
        ctx)).isInstanceOf(UserError.class).hasMessageContaining("no class named 'zebra'");
  }

  @Test
  void anImageByPathIsDecodedLikeTheDatasetAndPredictedByTheModel() throws IOException {
    folderDataset(dir.resolve("imgs"));
    halves(dir.resolve("imgs/b/probe.png"));
    for (int channels : new int[] {3, 1}) {
      ExperimentConfig cfg = config("data: {source: folder, path: imgs, image_size: 16, channels: " + channels
          + ", test_fraction: 0.5}\n");
      try (NDManager m = NDManager.newBaseManager("PyTorch")) {
        Dataset d = Datasets.load(cfg.data(), dir, 1);
        Net net = ModelZoo.create(Arch.MLP, new Shape(channels, 16, 16), d.classNames(), new float[] {0.5f},
            new float[] {0.5f});
        net.initialize(m, DataType.FLOAT32, new Shape(1, channels, 16, 16));
        Evaluation eval = Evaluation.of(net, m, d.test(), 2, 8, null);
        RunContext ctx = new RunContext(cfg, dir, d, net, null, null, eval, Device.cpu(), m, Progress.SILENT);
        ImageSelection s = ImageSelection.resolve("activations.images", List.of(selector("imgs/b/probe.png", null,
            null, null), selector("imgs/b/probe.png", "a", null, null)), ctx);
        assertThat(s.size()).as("the same file twice is one image").isEqualTo(1);
        ImageSelection.Item it = s.item(0);
        assertThat(it.testIndex()).isEqualTo(-1);
        assertThat(it.id()).isEqualTo("file-probe");
        assertThat(it.label()).as("the class is its folder's name").isEqualTo(1);
        float[] x = s.image(0);
        assertThat(x).hasSize(channels * 16 * 16);
        // left half red, right half blue, resized 32 → 16 as the folder dataset does; grey by the luma weights
        if (channels == 3) {
          assertThat(new float[] {x[0], x[256], x[512]}).containsExactly(1f, 0f, 0f);
          assertThat(new float[] {x[15], x[256 + 15], x[512 + 15]}).containsExactly(0f, 0f, 1f);
        } else {
          assertThat(x[0]).isCloseTo(0.299f, org.assertj.core.data.Offset.offset(1e-6f));
          assertThat(x[15]).isCloseTo(0.114f, org.assertj.core.data.Offset.offset(1e-6f));
        }
        float[] logits = new Probe(net, m).logits(x, new Shape(1, channels, 16, 16));
        int best = logits[1] > logits[0] ? 1 : 0;
        double p = 1 / (1 + Math.exp(-Math.abs(logits[1] - logits[0])));
        assertThat(it.predicted()).isEqualTo(best);
        assertThat((double) it.confidence()).isCloseTo(p, org.assertj.core.data.Offset.offset(1e-5));
        ImageSelection given = ImageSelection.resolve("activations.images",
            List.of(selector("imgs/b/probe.png", "a", null, null)), ctx);
        assertThat(given.item(0).label()).as("class: given wins over the folder").isEqualTo(0);

        if (channels == 3) {
          ActivationsSpec spec = org.deepfig.config.Declared.create(ActivationsSpec.class,
              List.of(selector("imgs/b/probe.png", null, null, null)), null, null, null, null);
          Figure f = new ActivationMaps().run(spec, ctx).get(0);
          assertThat(f.id()).isEqualTo("activations-file-probe");
          assertThat(f.title()).isEqualTo("Activations of imgs/b/probe.png");
          assertThat(f.caption()).startsWith("Activations of imgs/b/probe.png (b, predicted "
              + d.classNames().get(best) + ")");
        }
      }
    }
  }

  @Test
  void aPathMayNotLeadOutOfTheConfigAndDatasetFolders() throws IOException {
    Path cfgDir = Files.createDirectories(dir.resolve("exp"));
    folderDataset(dir.resolve("imgs"));
    halves(dir.resolve("imgs/b/probe.png"));
    halves(dir.resolve("elsewhere/secret.png"));
    halves(cfgDir.resolve("mine.png"));
    Files.createSymbolicLink(cfgDir.resolve("link.png"), dir.resolve("elsewhere/secret.png"));
    ExperimentConfig cfg = config("data: {source: folder, path: ../imgs, image_size: 16}\n");
    Path data = dir.resolve("imgs");
    assertThat(org.deepfig.data.ImageFiles.resolve(cfgDir, cfg.data(), "mine.png"))
        .isEqualTo(cfgDir.resolve("mine.png").toRealPath());
    assertThat(org.deepfig.data.ImageFiles.resolve(cfgDir, cfg.data(), "../imgs/b/probe.png"))
        .as("the dataset's folder is allowed").isEqualTo(data.resolve("b/probe.png").toRealPath());
    assertThatThrownBy(() -> org.deepfig.data.ImageFiles.resolve(cfgDir, cfg.data(), "../elsewhere/secret.png"))
        .isInstanceOf(UserError.class).hasMessageContaining("lies outside the config file's folder and the "
            + "dataset's folder");
    assertThatThrownBy(() -> org.deepfig.data.ImageFiles.resolve(cfgDir, cfg.data(), "link.png"))
        .isInstanceOf(UserError.class).hasMessageContaining("a link to " + dir.resolve("elsewhere/secret.png")
            .toRealPath());
    assertThatThrownBy(() -> org.deepfig.data.ImageFiles.resolve(cfgDir, cfg.data(),
        dir.resolve("elsewhere/secret.png").toString())).isInstanceOf(UserError.class).hasMessageContaining("outside");
    assertThatThrownBy(() -> org.deepfig.data.ImageFiles.resolve(cfgDir, cfg.data(), "missing.png"))
        .isInstanceOf(UserError.class).hasMessageContaining("image file not found");
    Files.writeString(cfgDir.resolve("fake.png"), "not a png");
    assertThatThrownBy(() -> org.deepfig.data.ImageFiles.resolve(cfgDir, cfg.data(), "fake.png"))
        .isInstanceOf(UserError.class).hasMessageContaining("is not a readable PNG or JPEG image");
  }

  static ImageChoice selector(String path, String cls, String rule, Integer count) {
    return new ImageChoice(null, new ImageChoice.Selector(path, cls, rule == null ? null
        : ImageChoice.Rule.valueOf(rule.toUpperCase(java.util.Locale.ROOT).replace('-', '_')), count));
  }

  static ExperimentConfig config(String yaml) {
    return new ConfigLoader(AnalysisKinds.specTypes()).parse("device: cpu\n" + yaml, "t.yaml", "t");
  }

  /** A folder dataset of two classes, a and b, 4 images each. */
  static void folderDataset(Path root) throws IOException {
    for (int i = 0; i < 4; i++) {
      solid(root.resolve("a/" + i + ".png"), 0x202020 * (i + 1));
      solid(root.resolve("b/" + i + ".png"), 0xFF0000 >> (i * 4));
    }
  }

  static void solid(Path p, int rgb) throws IOException {
    Files.createDirectories(p.getParent());
    BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 8; y++) for (int x = 0; x < 8; x++) img.setRGB(x, y, rgb);
    ImageIO.write(img, "png", p.toFile());
  }

  /** 32×32: the left half pure red, the right half pure blue. */
  static void halves(Path p) throws IOException {
    Files.createDirectories(p.getParent());
    BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 32; y++) for (int x = 0; x < 32; x++) img.setRGB(x, y, x < 16 ? 0xFF0000 : 0x0000FF);
    ImageIO.write(img, "png", p.toFile());
  }
}
