package org.deepfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.deepfig.analysis.AnalysisKinds;
import org.deepfig.config.ConfigLoader;
import org.deepfig.config.DataConfig;
import org.deepfig.config.DataSource;
import org.deepfig.config.ExperimentConfig;
import org.deepfig.data.Datasets;
import org.deepfig.provenance.Hashes;
import org.deepfig.provenance.StageCache;
import org.deepfig.report.ReportWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example in {@code configs/} runs end to end, so none can break unnoticed: the configs are discovered (a new
 * {@code *.yaml} is covered without touching this test), shrunk to seconds, and run through the whole
 * {@link Pipeline} into a temporary folder; the report's index.html, its report.pdf (every figure's title in the text)
 * and every figure file the manifest lists must exist and hold something.
 *
 * <p>Shrinking is the one place this test departs from the examples. {@link #SHRINK} is merged into each config and
 * {@link #SHRINK_FIGURE} into each {@code figures:} entry of that kind (a JSON merge patch, RFC 7396: objects merge
 * key by key, anything else replaces): small data, one epoch, and the few options whose cost grows with their value
 * (t-SNE points and iterations, activation-max steps, top-patches channels and patches, saliency images, samples and
 * scored images, transfer's cuts, runs and epochs). Every figure entry and every other option stays as the example
 * wrote it. The shrunk text goes through {@link ConfigLoader}, so an override naming an option that no longer exists
 * fails here rather than being ignored.
 *
 * <p>Examples that need what a machine may lack are skipped with the reason: an IDX or folder dataset that is not
 * installed ({@code scripts/install-deps.sh} installs Fashion-MNIST), and a TorchScript model when Debian's
 * {@code /usr/bin/python3} cannot import torch. Where it can, the model is made by the example's own script next to
 * its {@code model.file}, into a temporary folder and from a small slice of the training set.
 */
@Tag("slow")
class ExampleConfigsTest {
  static final Path CONFIGS = GalleryTest.ROOT.resolve("configs");
  static final Path PYTHON = Path.of("/usr/bin/python3");

  /** Merged into every example: data and training small enough to run in seconds. */
  static final String SHRINK = "{data: {train_size: 300, test_size: 100}, train: {epochs: 1}}";

  /** Merged into every figures: entry of the kind: the options whose cost grows with their value, made small. */
  static final Map<String, String> SHRINK_FIGURE = Map.of(
      "tsne", "{points: 60, perplexity: 10, iterations: 150, image_grid: 6}",
      "activation-max", "{steps: 8}",
      "top-patches", "{channels: 2, k: 4}",
      "lesion", "{curve_points: 3, top: 2}",
      "saliency", "{images: [0], smoothgrad_samples: 2, ig_steps: 4, score_images: 2}",
      "transfer", "{cuts: [2], repeats: 1, epochs: 1}",
      "playground", "{resolution: 20}",
      "evolution", "{points: 60, iterations: 150}");

  /**
   * Merged into the 224-px real-model examples after {@link #SHRINK}: their scripts make {@link #REAL_TEST_IMAGES}
   * test images, and at 224 px each image costs 0.1–0.5 s through the network, so the scored and repeated passes
   * shrink further (saliency scores on one image, activation maximisation on its first units only).
   */
  static final String SHRINK_REAL_MODEL = "{data: {test_size: 10}}";

  /** Merged into the real models' figures after {@link #SHRINK_FIGURE}: 16 occlusion positions, one scored image. */
  static final Map<String, String> SHRINK_REAL_MODEL_FIGURE = Map.of(
      "saliency", "{occlusion_stride: 56, score_images: 1}",
      "activation-max", "{steps: 4}");

  /** Test images the real-model scripts make for the shrunk run (ten classes, one each). */
  static final int REAL_TEST_IMAGES = 10;

  /** Training rows the example's model script learns from (its own default is the whole training set). */
  static final int TORCHSCRIPT_TRAIN_SIZE = 1000;

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final ConfigLoader LOADER = new ConfigLoader(AnalysisKinds.specTypes());

  @TempDir static Path dir;
  static StageCache cache;

  @BeforeAll
  static void sharedCache() {
    // shapes-lenet and shapes-saliency share data, model and training: shrunk alike, they train once
    cache = new StageCache(dir.resolve("cache"), false);
  }

  /** {@code configs/*.yaml} (what {@code deepfig site configs/} builds) and {@code configs/models/*.yaml} (examples
   * that need a model made first). */
  static Stream<Path> examples() throws IOException {
    List<Path> out = new java.util.ArrayList<>();
    for (Path folder : List.of(CONFIGS, CONFIGS.resolve("models"))) {
      try (Stream<Path> s = Files.list(folder)) {
        s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().forEach(out::add);
      }
    }
    return out.stream();
  }

  @Test
  void everyExampleIsDiscovered() throws IOException {
    assertThat(examples().map(p -> p.getFileName().toString()))
        .contains("shapes-lenet.yaml", "shapes-resnet.yaml", "shapes-saliency.yaml", "torchscript-example.yaml");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void exampleRunsEndToEnd(Path config) throws Exception {
    String name = config.getFileName().toString().replaceFirst("\\.yaml$", "");
    ExperimentConfig original = LOADER.load(config);
    // -Ddeepfig.examples=a,b runs only those (by file name without .yaml), to try one example while working on it
    String only = System.getProperty("deepfig.examples", "");
    assumeTrue(only.isBlank() || List.of(only.split(",")).contains(name), "not in -Ddeepfig.examples");
    boolean realModel = original.data().imageSize() >= 224;
    if (!realModel) assumeDataInstalled(original.data(), config.getParent());
    ObjectNode tree = shrunk(config);
    if (realModel) {
      merge(tree, YAML.readTree(SHRINK_REAL_MODEL));
      for (JsonNode figure : tree.path("figures")) {
        String patch = SHRINK_REAL_MODEL_FIGURE.get(figure.path("kind").asText());
        if (patch != null) merge((ObjectNode) figure, YAML.readTree(patch));
      }
    }
    if (original.model().file() != null) {
      // the 224-px real models (ResNet-50, ViT-B/16) make their image folder with the model: a small one of their own
      Path images = realModel ? dir.resolve("images-" + name) : null;
      ((ObjectNode) tree.with("model")).put("file",
          torchScriptModel(original, config.getParent(), name, images).toString());
      if (images != null) ((ObjectNode) tree.with("data")).put("path", images.toString());
    }
    ExperimentConfig small = LOADER.parse(YAML.writeValueAsString(tree), config + " (shrunk)", name);
    assertThat(small.figures()).hasSameSizeAs(original.figures());

    Path out = dir.resolve("out-" + name);
    new Pipeline(LOADER, cache, logged(name)).run(config, small, out);

    assertThat(Files.readString(out.resolve("index.html"))).contains("<html").contains(htmlEscaped(small.title()));
    JsonNode manifest = Pipeline.manifestMapper().readTree(out.resolve("manifest.json").toFile());
    assertThat(manifest.path("figures").size()).as("figures in the manifest").isGreaterThanOrEqualTo(
        original.figures().size());
    String pdfText;
    try (PDDocument pdf = Loader.loadPDF(out.resolve(ReportWriter.PDF).toFile())) {
      assertThat(pdf.getNumberOfPages()).isGreaterThan(2);
      pdfText = flat(new PDFTextStripper().getText(pdf));
    }
    for (JsonNode figure : manifest.path("figures")) {
      String title = figure.path("title").asText();
      assertThat(pdfText).as("report.pdf shows figure %s", figure.path("id").asText()).contains(flat(title));
      for (JsonNode file : figure.path("files")) assertFigureFile(out, file);
    }
    assertThat(manifest.path("figures").findValues("path")).as("figure files").hasSizeGreaterThan(
        2 * original.figures().size());
    // every figure laid out cleanly: nothing off the canvas, no overlapping text, no text under 6 pt, labelled bars
    assertThat(ExampleFiguresLayoutTest.problems(out.resolve("figures"))).as("layout of " + name).isEmpty();
  }

  /**
   * The default example at {@code output.size: column} (with panel letters): every figure's PDF is exactly 3.5 in
   * wide, its smallest text at least 6 pt as PDFBox places the glyphs, every number the SVG holds as {@code <text>}
   * (tick labels, colour-bar limits) is found as text in the PDF, and the layout checker finds nothing. Shares the
   * training of {@code shapes-lenet} through the cache, so only the figures are drawn again.
   */
  @Test
  void theDefaultExampleAtColumnSizeFitsAPaperColumn() throws Exception {
    ObjectNode tree = shrunk(CONFIGS.resolve("shapes-lenet.yaml"));
    merge(tree, YAML.readTree("{output: {size: column, panel_letters: true}}"));
    ExperimentConfig small = LOADER.parse(YAML.writeValueAsString(tree), "shapes-lenet.yaml (column)", "column");
    Path out = dir.resolve("out-column");
    new Pipeline(LOADER, cache, logged("column")).run(CONFIGS.resolve("shapes-lenet.yaml"), small, out);
    List<Path> pdfs;
    try (Stream<Path> s = Files.list(out.resolve("figures"))) {
      pdfs = s.filter(p -> p.toString().endsWith(".pdf")).sorted().toList();
    }
    assertThat(pdfs).hasSizeGreaterThanOrEqualTo(small.figures().size());
    java.util.regex.Pattern number = java.util.regex.Pattern.compile("<text[^>]*>(-?[0-9][0-9.,]*)</text");
    int numbers = 0;
    for (Path pdf : pdfs) {
      String name = pdf.getFileName().toString();
      List<Float> sizes = new java.util.ArrayList<>();
      String text;
      try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
        assertThat(doc.getPage(0).getMediaBox().getWidth()).as("width of " + name)
            .isCloseTo(252f, org.assertj.core.data.Offset.offset(0.01f));
        text = new PDFTextStripper() {
          @Override
          protected void processTextPosition(org.apache.pdfbox.text.TextPosition t) {
            sizes.add(t.getYScale());
            super.processTextPosition(t);
          }
        }.getText(doc);
      }
      // (a figure may hold no text at all at a paper size: the t-SNE image grid without its title)
      assertThat(sizes).as("text of " + name)
          .allSatisfy(v -> assertThat(v).as("a glyph of " + name).isGreaterThanOrEqualTo(5.99f));
      String svg = Files.readString(out.resolve("figures").resolve(name.replace(".pdf", ".svg")));
      assertThat(svg).contains("width=\"252pt\"");
      // as a reader's tools see it too: poppler's pdftotext, where installed (scripts/install-deps.sh installs it)
      String poppler = pdftotext(pdf);
      java.util.regex.Matcher m = number.matcher(svg);
      while (m.find()) {
        // PDFBox splits upright (rotated) text into spaced pieces ("23 .3"), poppler does not
        assertThat(text.replaceAll("\\s", "")).as(name + " has the SVG's number " + m.group(1) + " as text")
            .contains(m.group(1));
        if (poppler != null) assertThat(poppler).as("pdftotext of " + name + " finds " + m.group(1)).contains(m.group(1));
        numbers++;
      }
    }
    assertThat(numbers).as("tick labels and bar limits found").isGreaterThan(40);
    assertThat(ExampleFiguresLayoutTest.problems(out.resolve("figures"))).as("layout at column size").isEmpty();
  }

  /** The text {@code pdftotext} (poppler-utils) extracts from {@code pdf}, or null where it is not installed. */
  static String pdftotext(Path pdf) throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of("/usr/bin/pdftotext"))) return null;
    Process p = new ProcessBuilder("/usr/bin/pdftotext", "-layout", pdf.toString(), "-").redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("pdftotext " + pdf.getFileName()).isZero();
    return out;
  }

  /** Each stage's line ("figure tsne: computed (3.1 s)") in the test's output, to see what a slow example spends. */
  static Progress logged(String name) {
    return Progress.lines(line -> System.out.println(name + ": " + line));
  }

  /** The example's config with {@link #SHRINK} and {@link #SHRINK_FIGURE} merged in. */
  static ObjectNode shrunk(Path config) throws IOException {
    ObjectNode tree = (ObjectNode) YAML.readTree(config.toFile());
    merge(tree, YAML.readTree(SHRINK));
    for (JsonNode figure : tree.path("figures")) {
      String patch = SHRINK_FIGURE.get(figure.path("kind").asText());
      if (patch != null) merge((ObjectNode) figure, YAML.readTree(patch));
    }
    return tree;
  }

  /** RFC 7396 merge of {@code patch} into {@code target}. */
  static void merge(ObjectNode target, JsonNode patch) {
    patch.fields().forEachRemaining(e -> {
      JsonNode old = target.get(e.getKey());
      if (old instanceof ObjectNode o && e.getValue().isObject()) merge(o, e.getValue());
      else target.set(e.getKey(), e.getValue());
    });
  }

  static void assertFigureFile(Path out, JsonNode record) throws IOException {
    String path = record.path("path").asText();
    Path file = out.resolve(path);
    assertThat(file).as(path).isRegularFile();
    assertThat(Hashes.sha256(file)).as("sha256 of %s", path).isEqualTo(record.path("sha256").asText());
    if (path.endsWith(org.deepfig.analysis.ValueMaps.SUFFIX)) {
      // the values behind a figure's pictures: readable, with at least one map
      assertThat(org.deepfig.analysis.ValueMaps.read(Files.readAllBytes(file)).maps()).as(path).isNotEmpty();
      return;
    }
    if (path.endsWith(".json")) {
      // a figure's data (confusion.json: a few hundred bytes for ten classes) is checked for its content, not size
      assertThat(new ObjectMapper().readTree(file.toFile()).path("counts").isArray()).as(path).isTrue();
      return;
    }
    assertThat(Files.size(file)).as("size of %s", path).isGreaterThan(500);
    if (path.endsWith(".png")) {
      BufferedImage img = ImageIO.read(file.toFile());
      assertThat(img).as(path).isNotNull();
      assertThat(img.getWidth() * img.getHeight()).as("pixels of %s", path).isGreaterThan(1000);
    } else if (path.endsWith(".svg")) {
      assertThat(Files.readString(file)).as(path).contains("<svg").containsPattern("</svg\\s*>\\s*$");
    } else if (path.endsWith(".pdf")) {
      try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
        assertThat(pdf.getNumberOfPages()).as(path).isEqualTo(1);
      }
    }
  }

  /** Skips an example whose dataset lives in a folder this machine does not have. */
  static void assumeDataInstalled(DataConfig data, Path configDir) {
    Path folder;
    if (data.path() != null) folder = configDir.resolve(data.path());
    else if (data.source() == DataSource.IDX && data.name().equals("fashion-mnist")) folder = Datasets.FASHION_MNIST;
    else return;
    assumeTrue(Files.isDirectory(folder), folder + " is not installed: run scripts/install-deps.sh");
  }

  /**
   * The example's model, made by the Python script named after its {@code model.file}, beside it or in
   * {@code scripts/} ({@code scripts/fashion_cnn.py} makes {@code models/fashion-cnn.pt},
   * {@code configs/models/resnet50.py} {@code resnet50.pt}), written to a temporary folder.
   */
  static Path torchScriptModel(ExperimentConfig config, Path configDir, String name) throws Exception {
    return torchScriptModel(config, configDir, name, null);
  }

  /** @param images where a real-model script makes its (small) image folder, or null for scripts that make none */
  static Path torchScriptModel(ExperimentConfig config, Path configDir, String name, Path images) throws Exception {
    assumeTrue(Files.isExecutable(PYTHON) && run(PYTHON.toString(), "-c", "import torch").exitValue() == 0,
        PYTHON + " cannot import torch: run scripts/install-deps.sh (installs python3-torch)");
    Path model = configDir.resolve(config.model().file()).normalize();
    String scriptName = model.getFileName().toString().replaceFirst("\\.pt$", "").replace('-', '_') + ".py";
    Path script = Files.isRegularFile(model.resolveSibling(scriptName)) ? model.resolveSibling(scriptName)
        : GalleryTest.ROOT.resolve("scripts").resolve(scriptName);
    assertThat(script).as("the script that makes " + model).isRegularFile();
    Path madeFile = Files.createDirectories(dir.resolve("model-" + name)).resolve(model.getFileName());
    List<String> command = new java.util.ArrayList<>(List.of(PYTHON.toString(), script.toString(), "1",
        "--train-size", Integer.toString(TORCHSCRIPT_TRAIN_SIZE), "--out", madeFile.toString()));
    if (images != null) {
      command.addAll(List.of("--test-images", Integer.toString(REAL_TEST_IMAGES), "--images", images.toString()));
    }
    Finished made = run(command.toArray(String[]::new));
    assertThat(made.exitValue()).as(made.log()).isZero();
    assertThat(madeFile).as(made.log()).isRegularFile();
    return madeFile;
  }

  record Finished(int exitValue, String log) {}

  static Finished run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", String.join(" ", command)).isTrue();
    return new Finished(p.exitValue(), log);
  }

  static String htmlEscaped(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  static String flat(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }
}
