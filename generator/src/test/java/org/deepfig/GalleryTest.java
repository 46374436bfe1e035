package org.deepfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.deepfig.analysis.AnalysisKinds;
import org.deepfig.config.ConfigLoader;
import org.deepfig.config.ExperimentConfig;
import org.deepfig.config.FigureSpec;
import org.deepfig.provenance.Hashes;
import org.deepfig.provenance.StageCache;
import org.deepfig.provenance.Versions;
import org.deepfig.render.Drawing;
import org.deepfig.render.PngEncoder;
import org.deepfig.render.Typography;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's gallery, {@code figures/gallery/}: one picture of every figure kind, taken from the example configs
 * (shapes with LeNet-5, its saliency companion, Fashion-MNIST), and the collage of them that
 * opens the README. The user guide's kind pages show the same pictures.
 *
 * <p>The test regenerates every picture from its config (only the figure kinds the gallery takes from it: a figure's
 * bytes depend on its own inputs only) and compares them byte for byte with the files in the repository, so a change
 * that alters a figure fails until the gallery is regenerated: {@code scripts/gallery.sh} runs this test with
 * {@code -Ddeepfig.updateGallery=true}. Byte identity holds on one platform; {@code gallery.json} records the JDK,
 * libtorch and oneDNN kernel cap, and the test is skipped where any of them differs.
 */
@Tag("slow")
class GalleryTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path GALLERY = ROOT.resolve("figures/gallery");
  static final boolean UPDATE = Boolean.getBoolean("deepfig.updateGallery");

  /** A figure in the gallery: from which config, which figure id; {@code file} is its name in the gallery. */
  record Pick(String file, String config, String kind, String figure, String label) {}

  static final List<Pick> PICKS = table("""
      file                | config               | kind            | figure                 | label
      architecture.png    | shapes-lenet         | architecture    | architecture           | architecture · LeNet-5
      filters.png         | shapes-lenet         | filters         | filters-conv1          | filters · first layer
      activations.png     | shapes-lenet         | activations     | activations-0          | activation maps
      top-patches.png     | fashion-lenet        | top-patches     | top-patches-conv2      | top-9 patches · Fashion-MNIST
      lesion.png          | fashion-lenet        | lesion          | lesion-conv2           | lesion study · Fashion-MNIST
      activation-max.png  | shapes-lenet         | activation-max  | activation-max-classes | activation maximisation
      saliency.png        | shapes-saliency      | saliency        | saliency               | saliency · nine methods
      tsne.png            | fashion-lenet        | tsne            | tsne                   | t-SNE by layer · Fashion-MNIST
      tsne-image-grid.png | fashion-lenet        | tsne            | tsne-image-grid        | t-SNE image grid
      tsne-neurons.png    | fashion-lenet        | tsne            | tsne-neurons           | neuron projections · units by class
      confusion.png       | fashion-lenet        | confusion       | confusion              | confusion · Fashion-MNIST
      training-curves.png | fashion-lenet        | training-curves | training-curves        | training curves · Fashion-MNIST
      dead-units.png      | shapes-lenet         | dead-units      | dead-units             | dead ReLU units
      architecture-3d.png | shapes-lenet         | architecture    | architecture-3d        | architecture · 3-D
      metrics.png         | fashion-audit        | metrics         | metrics                | per-class metrics · Fashion-MNIST
      calibration.png     | fashion-audit        | calibration     | calibration            | calibration · Fashion-MNIST
      mistakes.png        | fashion-audit        | mistakes        | mistakes               | most confident mistakes · Grad-CAM
      transfer.png        | fashion-transfer     | transfer        | transfer               | layer transferability · Fashion-MNIST
      playground.png      | playground-spiral    | playground      | playground             | playground · spiral by epoch
      histograms.png      | fashion-mlp-training | histograms      | histograms             | weights, gradients, activations by epoch
      weights.png         | fashion-mlp-training | weights         | weights-fc1            | perceptron weights by epoch
      evolution.png       | fashion-mlp-training | evolution       | evolution-relu1        | t-SNE by epoch
      """);

  /** The rows of a table whose columns are a {@link Pick}'s, between bars, under a header line. */
  static List<Pick> table(String text) {
    return text.lines().skip(1).map(l -> l.split("\\|")).map(c -> new Pick(c[0].strip(), c[1].strip(), c[2].strip(),
        c[3].strip(), c[4].strip())).toList();
  }

  @TempDir Path dir;

  @Test
  void galleryIsRegeneratedByteForByte() throws IOException {
    Path record = GALLERY.resolve("gallery.json");
    if (!UPDATE) {
      assertThat(record).as("run scripts/gallery.sh").exists();
      JsonNode made = Pipeline.manifestMapper().readTree(record.toFile());
      Map<String, String> here = org.deepfig.probe.ConvKernels.versions();
      for (String key : new String[] {"java", "pytorch", Versions.ONEDNN_ISA}) {
        String then = made.path("versions").path(key).asText();
        Assumptions.assumeTrue(then.equals(here.get(key)), "the gallery was made with " + key + " " + then
            + ", this is " + here.get(key) + "; byte identity is only promised on the same platform");
      }
      // libtorch's CPU kernels round differently on other CPU models: the trained weights differ in their last bits
      String cpu = made.path("cpu").asText("");
      Assumptions.assumeTrue(cpu.isEmpty() || cpu.equals(cpu()), "the gallery was made on a " + cpu + ", this is a "
          + cpu() + "; byte identity is only promised on the same platform");
    }
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")),
        "Fashion-MNIST is not installed (scripts/install-deps.sh installs it)");

    Map<String, Path> produced = regenerate();
    byte[] collage = collage(produced);
    if (UPDATE) {
      write(produced, collage);
      return;
    }
    for (Pick p : PICKS) {
      assertThat(Hashes.sha256(produced.get(p.file()))).as(p.file() + " (from " + p.config() + ", figure "
          + p.figure() + ") differs from the gallery: run scripts/gallery.sh")
          .isEqualTo(Hashes.sha256(GALLERY.resolve(p.file())));
    }
    assertThat(collage).as("collage.png differs: run scripts/gallery.sh")
        .isEqualTo(Files.readAllBytes(GALLERY.resolve("collage.png")));
  }

  @Test
  void everyFigureKindHasAPictureAndTheGalleryStaysSmall() throws IOException {
    Set<String> kinds = new LinkedHashSet<>();
    PICKS.forEach(p -> kinds.add(p.kind()));
    assertThat(kinds).containsExactlyInAnyOrderElementsOf(AnalysisKinds.names());
    for (String kind : AnalysisKinds.names()) {
      assertThat(GALLERY.resolve(kind + ".png")).as("the user guide's picture of " + kind).isRegularFile();
    }
    long bytes;
    try (var s = Files.walk(ROOT.resolve("figures"))) {
      bytes = s.filter(Files::isRegularFile).mapToLong(GalleryTest::size).sum();
    }
    assertThat(bytes).as("figures/ holds what the README shows, under 5 MB").isLessThan(5_000_000);
  }

  /** Runs each config with only the figure kinds the gallery takes from it; picture file → produced PNG. */
  private Map<String, Path> regenerate() {
    ConfigLoader loader = new ConfigLoader(AnalysisKinds.specTypes());
    StageCache cache = new StageCache(dir.resolve("cache"), false);
    Map<String, Path> produced = new LinkedHashMap<>();
    Set<String> configs = new LinkedHashSet<>();
    PICKS.forEach(p -> configs.add(p.config()));
    for (String name : configs) {
      Path file = ROOT.resolve("configs/" + name + ".yaml");
      ExperimentConfig config = loader.load(file);
      Set<String> kinds = new LinkedHashSet<>();
      PICKS.stream().filter(p -> p.config().equals(name)).forEach(p -> kinds.add(p.kind()));
      List<FigureSpec> figures = config.figures().stream()
          .filter(f -> kinds.contains(AnalysisKinds.forSpec(f).kind())).toList();
      Path out = dir.resolve("out").resolve(name);
      new Pipeline(loader, cache, Progress.SILENT).run(file, config.withFigures(figures), out);
      for (Pick p : PICKS) {
        if (!p.config().equals(name)) continue;
        Path png = out.resolve("figures/" + p.figure() + ".png");
        assertThat(png).as(name + " no longer makes figure " + p.figure()).isRegularFile();
        produced.put(p.file(), png);
      }
    }
    return produced;
  }

  private static void write(Map<String, Path> produced, byte[] collage) throws IOException {
    Files.createDirectories(GALLERY);
    ObjectNode json = Pipeline.manifestMapper().createObjectNode();
    json.putPOJO("versions", org.deepfig.probe.ConvKernels.versions());
    json.put("cpu", cpu());
    ArrayNode picks = json.putArray("pictures");
    for (Pick p : PICKS) {
      Files.copy(produced.get(p.file()), GALLERY.resolve(p.file()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      picks.addObject().put("file", p.file()).put("config", "configs/" + p.config() + ".yaml")
          .put("figure", p.figure()).put("sha256", Hashes.sha256(GALLERY.resolve(p.file())));
    }
    Files.write(GALLERY.resolve("collage.png"), collage);
    json.put("collage_sha256", Hashes.sha256(GALLERY.resolve("collage.png")));
    Pipeline.manifestMapper().writeValue(GALLERY.resolve("gallery.json").toFile(), json);
  }

  /** The CPU's model name (Linux's /proc/cpuinfo), or the JVM's architecture where there is none. */
  static String cpu() {
    try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst().orElse(System.getProperty("os.arch"));
    } catch (IOException | java.io.UncheckedIOException e) {
      return System.getProperty("os.arch");
    }
  }

  /** Every picture scaled into a cell of a 4-column grid with its label: the README's first picture. */
  static byte[] collage(Map<String, Path> produced) throws IOException {
    List<BufferedImage> images = new ArrayList<>();
    for (Pick p : PICKS) images.add(ImageIO.read(produced.get(p.file()).toFile()));
    int columns = 4;
    int rows = (PICKS.size() + columns - 1) / columns;
    double cellW = 300;
    double cellH = 220;
    double label = 18;
    double gap = 12;
    Drawing d = new Drawing() {
      @Override
      public double width() {
        return columns * cellW + (columns + 1) * gap;
      }

      @Override
      public double height() {
        return rows * (cellH + label) + (rows + 1) * gap;
      }

      @Override
      public void paint(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setFont(Typography.label());
        for (int i = 0; i < PICKS.size(); i++) {
          double x = gap + (i % columns) * (cellW + gap);
          double y = gap + (i / columns) * (cellH + label + gap);
          BufferedImage img = images.get(i);
          double s = Math.min(cellW / img.getWidth(), cellH / img.getHeight());
          double w = img.getWidth() * s;
          double h = img.getHeight() * s;
          g.drawImage(img, new java.awt.geom.AffineTransform(s, 0, 0, s, x + (cellW - w) / 2, y + (cellH - h) / 2),
              null);
          g.setColor(new Color(0xDDDDDD));
          g.draw(new java.awt.geom.Rectangle2D.Double(x - 0.5, y - 0.5, cellW + 1, cellH + 1));
          g.setColor(new Color(0x333333));
          String text = PICKS.get(i).label();
          g.drawString(text, (float) (x + (cellW - Typography.width(g.getFont(), text)) / 2),
              (float) (y + cellH + label - 5));
        }
      }
    };
    return new PngEncoder().encode(d, 144, "{\"gallery\":\"deepfig README collage, made by GalleryTest\"}");
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }
}
