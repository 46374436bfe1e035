package org.deepfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deepfig.analysis.AnalysisKinds;
import org.deepfig.config.ConfigLoader;
import org.deepfig.model.LayerNode;
import org.deepfig.model.Resnet50Layers;
import org.deepfig.model.TorchScriptFixture;
import org.deepfig.model.TorchScriptSidecar;
import org.deepfig.provenance.StageCache;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every figure kind on the real architectures of issue #15 — torchvision's ResNet-50 and ViT-B/16 with 1,000 outputs,
 * random seeded weights — at 64 px so that CI can afford it (ViT-B/16 at 64 px: a 4×4 patch grid, 17 tokens):
 * exported once from Python through {@code configs/models/real_models.py} and {@code scripts/export_torchscript.py}
 * ({@code src/test/resources/torchscript/real_models_small.py}), then each audited through the {@link Pipeline} on ten
 * test images. Each kind either draws its figures or says in a sentence why not, as {@link #EXPECTED} lists. Skipped
 * when {@code /usr/bin/python3} cannot import torch. With the environment variable {@code DEEPFIG_KEEP_REAL=DIR} the
 * exports and reports are kept in DIR (and the exports re-used) for a person to look at.
 */
@Tag("slow")
class RealArchitecturesTest {

  static final Path PYTHON = Path.of("/usr/bin/python3");
  static final ConfigLoader LOADER = new ConfigLoader(AnalysisKinds.specTypes());

  /** Every figure kind, its cost-growing options small; the {@code %s} slots: activations, top-patches, tsne. */
  static final String FIGURES = """
      figures:
        - kind: training-curves
        - kind: confusion
        - kind: metrics
        - kind: calibration
        - kind: mistakes
        - kind: architecture
          collapse: true
        - kind: filters
        - kind: activations
          images: [0]
      %s
        - kind: dead-units
        - kind: top-patches
          channels: 2
          k: 4
      %s
        - kind: activation-max
          units: [1]
          steps: 4
        - kind: saliency
          images: [0]
          smoothgrad_samples: 2
          ig_steps: 4
          occlusion_stride: 16
          score_images: 0
          sanity_check: false
        - kind: tsne
          points: 50
          perplexity: 3
          iterations: 150
          image_grid: 0
      %s
        - kind: transfer
        - kind: histograms
        - kind: weights
        - kind: evolution
          points: 50
          perplexity: 3
          iterations: 150
      %s""";

  /**
   * A lesion study of ResNet-50's first bottleneck convolution (64 channels: 65 passes of the 10 images). The ViT has
   * none: every layer it exposes is 768 wide (769 passes of ViT-B), too slow for the suite; what lesion does on an
   * imported model is the same code path as here ({@code LesionTest} checks the TorchScript route on paper).
   */
  static final String LESION = "  - kind: lesion\n    layers: [layer1.0.conv1]\n    curve_points: 3\n    top: 2\n";

  /** Kinds that draw over the plane of toy2d points: validate refuses them on image data (Toy2dValidateTest). */
  static final List<String> POINTS_ONLY = List.of("playground");

  /**
   * What each kind gives on each model: the ids of its figures with files, and a sentence the report must hold (a
   * figure's note), or null. A kind with no figure ids must say why in its sentence.
   */
  record Expect(List<String> figures, String sentence) {}

  static final String NO_TRAINING = "The model was loaded, not trained, so there is no training history to plot.";
  static final String NO_GUIDED = "guided backprop, deconvnet, Guided Grad-CAM replace the backward pass of each "
      + "ReLU, which needs the model's layers as separate blocks; a TorchScript model runs as one graph, so they are "
      + "not shown";
  static final String NO_PROJECTIONS = "Guided-backprop projections are not drawn: they replace the backward pass of "
      + "each ReLU";

  /** Not in that model's config, for the reason {@link #LESION} gives. */
  static final Expect NOT_RUN = new Expect(List.of(), "not run on this model");

  static final Map<String, Map<String, Expect>> EXPECTED = Map.of(
      "resnet50", kinds(
          new Expect(List.of(), NO_TRAINING),
          new Expect(List.of("architecture-collapsed"), null),
          new Expect(List.of("filters-conv1"), null),
          new Expect(List.of("activations-0"), null),
          new Expect(List.of("dead-units"), null),
          new Expect(List.of("top-patches-layer1.0.conv1"), NO_PROJECTIONS),
          new Expect(List.of("saliency"), NO_GUIDED),
          new Expect(List.of("tsne", "tsne-scores"), null),
          new Expect(List.of("lesion-layer1.0.conv1", "lesion-layer1.0.conv1-classes",
              "lesion-layer1.0.conv1-patches"), null),
          new Expect(List.of("weights-conv1"), org.deepfig.train.Snapshots.NONE_NOTE),
          new Expect(List.of("evolution-avgpool", "evolution-patches-layer4.2.conv3"), org.deepfig.train.Snapshots.NONE_NOTE)),
      "vit", kinds(
          new Expect(List.of(), NO_TRAINING),
          new Expect(List.of("architecture-collapsed"), null),
          new Expect(List.of("filters-conv_proj"), null),
          new Expect(List.of(), "This model has no ReLU layer; name layers with the layers option."),
          new Expect(List.of(), "This model has no ReLU layer to count dead units in."),
          new Expect(List.of("top-patches-conv_proj"), null),
          new Expect(List.of("saliency"), NO_GUIDED),
          new Expect(List.of("tsne", "tsne-scores"), null),
          NOT_RUN,
          new Expect(List.of("weights-conv_proj"), org.deepfig.train.Snapshots.NONE_NOTE),
          new Expect(List.of("evolution-encoder.ln", "evolution-patches-conv_proj"), org.deepfig.train.Snapshots.NONE_NOTE)));

  /** The kinds that differ by model in the order given; the rest work alike on both. */
  static Map<String, Expect> kinds(Expect training, Expect architecture, Expect filters, Expect activations,
      Expect dead, Expect patches, Expect saliency, Expect tsne, Expect lesion, Expect weights, Expect evolution) {
    Map<String, Expect> m = new LinkedHashMap<>();
    m.put("training-curves", training);
    m.put("confusion", new Expect(List.of("confusion"), null));
    m.put("metrics", new Expect(List.of("metrics", "metrics-curves"), null));
    m.put("calibration", new Expect(List.of("calibration"), null));
    m.put("mistakes", new Expect(List.of("mistakes", "mistakes-pairs"), null));
    m.put("architecture", architecture);
    m.put("filters", filters);
    m.put("activations", activations);
    m.put("dead-units", dead);
    m.put("top-patches", patches);
    m.put("activation-max", new Expect(List.of("activation-max-classes"), null));
    m.put("saliency", saliency);
    m.put("tsne", tsne);
    m.put("lesion", lesion);
    m.put("transfer", new Expect(List.of(), org.deepfig.analysis.transfer.Transfer.NEEDS_ZOO));
    m.put("histograms", new Expect(List.of("histograms"), null));
    m.put("weights", weights);
    m.put("evolution", evolution);
    return m;
  }

  static Path dir;
  static final Map<String, Run> RUNS = new LinkedHashMap<>();

  /** One model's report: its manifest, its HTML page as text (entities decoded, tags removed), its folder. */
  record Run(Path out, JsonNode manifest, String text) {}

  @BeforeAll
  static void exportAndRun() throws Exception {
    assumeTrue(Files.isExecutable(PYTHON) && python("-c", "import torch, torchvision") == 0,
        PYTHON + " cannot import torch and torchvision: run scripts/install-deps.sh (python3-torchvision)");
    String keep = System.getenv("DEEPFIG_KEEP_REAL");
    dir = keep != null ? Files.createDirectories(Path.of(keep)) : Files.createTempDirectory("deepfig-real");
    if (!Files.exists(dir.resolve("vit-64.layers.json"))) {
      Path script = Path.of(RealArchitecturesTest.class.getResource("/torchscript/real_models_small.py").toURI());
      assertThat(python(script.toString(), TorchScriptFixture.exportScript().toString(), dir.toString())).isZero();
    }
    StageCache cache = new StageCache(dir.resolve("cache"), false);
    for (String[] m : new String[][] {
        {"resnet50", "resnet50-64.pt", "    layers: [relu, layer4.2.relu3]", "    layers: [layer1.0.conv1]",
            "    layers: [avgpool]", LESION},
        {"vit", "vit-64.pt", "", "", "", ""}}) { // the ViT with every default: no ReLU to show, tokens to lay out
      Path cfg = dir.resolve(m[0] + ".yaml");
      Files.writeString(cfg, "title: \"" + m[0] + " at 64 px\"\nseed: 1\ndevice: cpu\ndata:\n  source: folder\n"
          + "  path: images\n  class_names_file: imagenet-classes.txt\n  resize: 73\n  image_size: 64\n"
          + "  channels: 3\n  mean: [0.485, 0.456, 0.406]\n  std: [0.229, 0.224, 0.225]\nmodel:\n  file: " + m[1]
          + "\n  input_shape: [3, 64, 64]\n" + String.format(FIGURES, m[2], m[3], m[4], m[5]));
      Path out = dir.resolve("out-" + m[0]);
      new Pipeline(LOADER, cache, ExampleConfigsTest.logged(m[0])).run(cfg, LOADER.load(cfg), out);
      String html = Files.readString(out.resolve("index.html"));
      String text = html.replaceAll("<[^>]+>", " ").replace("&#39;", "'").replace("&quot;", "\"")
          .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replaceAll("\\s+", " ");
      RUNS.put(m[0], new Run(out, Pipeline.manifestMapper().readTree(out.resolve("manifest.json").toFile()), text));
    }
  }

  static int python(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(PYTHON.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(600, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("timed out: " + cmd);
    }
    if (p.exitValue() != 0 && args.length > 2) System.err.println(log);
    return p.exitValue();
  }

  static List<String> kindNames() {
    return new ArrayList<>(EXPECTED.get("resnet50").keySet());
  }

  @Test
  void everyRegisteredFigureKindHasAnExpectation() {
    assertThat(EXPECTED.get("vit").keySet()).containsExactlyElementsOf(EXPECTED.get("resnet50").keySet());
    assertThat(EXPECTED.get("resnet50").keySet()).as("add the new kind to FIGURES and EXPECTED")
        .containsExactlyInAnyOrderElementsOf(AnalysisKinds.all().keySet().stream()
            .filter(k -> !POINTS_ONLY.contains(k)).toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kindNames")
  void eachKindDrawsItsFiguresOrSaysWhyNot(String kind) {
    for (Map.Entry<String, Run> e : RUNS.entrySet()) {
      Expect want = EXPECTED.get(e.getKey()).get(kind);
      if (want == NOT_RUN) continue;
      Map<String, Integer> files = new LinkedHashMap<>();
      for (JsonNode f : e.getValue().manifest().path("figures")) {
        if (f.path("kind").asText().equals(kind)) files.put(f.path("id").asText(), f.path("files").size());
      }
      String what = e.getKey() + " " + kind;
      assertThat(files).as(what + ": its entries in the manifest").isNotEmpty();
      files.forEach((id, n) -> {
        if (want.figures().contains(id)) assertThat(n).as(what + ": files of " + id).isGreaterThanOrEqualTo(4);
        else assertThat(n).as(what + ": " + id + " is not expected to draw").isZero();
      });
      assertThat(files.keySet()).as(what).containsAll(want.figures());
      if (want.figures().isEmpty()) assertThat(want.sentence()).as(what + " must say why it draws nothing").isNotNull();
      if (want.sentence() != null) assertThat(e.getValue().text()).as(what).contains(want.sentence());
    }
  }

  @Test
  void everyFigureIsLaidOutCleanly() throws IOException {
    for (Map.Entry<String, Run> e : RUNS.entrySet()) {
      assertThat(ExampleFiguresLayoutTest.problems(e.getValue().out().resolve("figures"))).as(e.getKey()).isEmpty();
    }
  }

  @Test
  void theThousandClassConfusionKeepsTheWholeMatrixAsAFile() throws IOException {
    for (Map.Entry<String, Run> e : RUNS.entrySet()) {
      List<String> csv = Files.readAllLines(e.getValue().out().resolve("figures/confusion.csv"));
      assertThat(csv).as(e.getKey()).hasSize(1001); // a header and one row per class
      long counted = 0;
      for (String row : csv.subList(1, csv.size())) {
        String[] cells = row.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
        for (int i = cells.length - 1000; i < cells.length; i++) counted += Long.parseLong(cells[i]);
      }
      assertThat(counted).as(e.getKey() + ": every test image counted once").isEqualTo(10);
    }
  }

  @Test
  void resnet50IsDrawnAsItsStagesAndTheVitsGradCamUsesTheLastBlocksInput() {
    Run resnet = RUNS.get("resnet50");
    // 23 boxes: the 16 bottlenecks by name, none of their 158 layers
    assertThat(resnet.text()).contains("Residual blocks, found from the module names (layer1.0.*), are collapsed");
    Run vit = RUNS.get("vit");
    Matcher m = Pattern.compile("Grad-CAM on (\\S+) \\(its 16 patch tokens laid out as their 4×4 grid, the class "
        + "token left out; the input of the last block (\\S+),").matcher(vit.text());
    assertThat(m.find()).as(vit.text()).isTrue();
    assertThat(m.group(1)).isEqualTo("encoder.layers.encoder_layer_10");
    assertThat(m.group(2)).isEqualTo("encoder.layers.encoder_layer_11");
  }

  @Test
  void theSummaryCountsTheThousandClassesAndNamesTheTestImagesOnes() {
    for (Map.Entry<String, Run> e : RUNS.entrySet()) {
      assertThat(e.getValue().text()).as(e.getKey()).contains("Classes 1,000 (named by imagenet-classes.txt); the "
          + "test images are of 10: tench, goldfish, hen, ostrich, macaw, tabby, zebra, lemon, volcano, daisy")
          .doesNotContain("great white shark, tiger shark");
    }
  }

  @Test
  void theHandMadeResnet50SidecarIsWhatTheExportWrites() {
    List<LayerNode> exported = TorchScriptSidecar.read(dir.resolve("resnet50-64.layers.json")).nodes();
    // the hand-made graph names no module classes (the export does, for labels): compare everything else
    List<LayerNode> withoutModules = exported.stream().map(n -> new LayerNode(n.name(), n.kind(), n.outputShape(),
        n.parameters(), n.geometry(), n.inputs(), n.group())).toList();
    assertThat(withoutModules).containsExactlyElementsOf(Resnet50Layers.graph(64).layers());
  }
}
