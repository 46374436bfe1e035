package org.deepfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deepfig.analysis.AnalysisKinds;
import org.deepfig.config.ConfigLoader;
import org.deepfig.config.ExperimentConfig;
import org.deepfig.provenance.StageCache;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The walking skeleton end to end: train on shapes, report, cache, byte-identical reruns, escaping. */
@Tag("slow")
class PipelineTest {
  @TempDir static Path dir;
  static final ConfigLoader loader = new ConfigLoader(AnalysisKinds.specTypes());
  static Path cache;
  static Pipeline.Result first;
  static Pipeline.Result second;

  /** The data, model and training of configs/shapes-lenet.yaml, with only the skeleton's figures. */
  static final String SHAPES_LENET = """
      title: "Shapes · LeNet-5"
      seed: 42
      device: cpu
      data: {source: shapes, train_size: 12000, test_size: 2000, image_size: 32}
      model: {arch: lenet5}
      train: {epochs: 8, batch_size: 64, optimizer: adam, learning_rate: 0.003}
      figures:
        - kind: training-curves
        - kind: confusion
      """;

  @BeforeAll
  static void runTwice() throws IOException {
    cache = dir.resolve("cache");
    Path cfg = write("shapes.yaml", SHAPES_LENET);
    ExperimentConfig c = loader.load(cfg);
    Pipeline pipeline = new Pipeline(loader, new StageCache(cache, false), Progress.SILENT);
    first = pipeline.run(cfg, c, dir.resolve("out1"));
    second = pipeline.run(cfg, c, dir.resolve("out2"));
  }

  /** Progress that keeps the log lines ("training: cached", "figure confusion: computed", …) in {@code log}. */
  static Progress recording(java.util.List<String> log) {
    return Progress.lines(log::add);
  }

  static Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void lenetOnShapesReachesNinetyPercentTestAccuracy() {
    assertThat(first.testAccuracy()).isGreaterThanOrEqualTo(0.90);
    assertThat(first.trainedFromCache()).isFalse();
  }

  @Test
  void secondRunDoesNotRetrainAndWritesByteIdenticalFiles() throws IOException {
    assertThat(second.trainedFromCache()).isTrue();
    assertThat(second.testAccuracy()).isEqualTo(first.testAccuracy());
    Map<String, String> a = hashes(dir.resolve("out1/manifest.json"));
    Map<String, String> b = hashes(dir.resolve("out2/manifest.json"));
    assertThat(a).isNotEmpty().isEqualTo(b);
    assertThat(a.keySet()).contains("figures/confusion.svg", "figures/confusion.pdf", "figures/confusion.png",
        "figures/training-curves.png", "index.html", "style.css");
    assertThat(Files.readString(dir.resolve("out1/manifest.json")))
        .isEqualTo(Files.readString(dir.resolve("out2/manifest.json")));
  }

  @Test
  void changingOneFigureOptionRecomputesThatFigureOnly() throws IOException {
    Path cfg = write("shapes-normalised.yaml", SHAPES_LENET.replace("  - kind: confusion",
        "  - kind: confusion\n    normalise: true"));
    java.util.List<String> log = new java.util.ArrayList<>();
    Progress recording = recording(log);
    Pipeline.Result r = new Pipeline(loader, new StageCache(cache, false), recording)
        .run(cfg, loader.load(cfg), dir.resolve("out3"));
    assertThat(r.trainedFromCache()).isTrue();
    assertThat(log).anyMatch(l -> l.startsWith("training: cached"))
        .anyMatch(l -> l.startsWith("figure training-curves: cached"))
        .anyMatch(l -> l.startsWith("figure confusion: computed"));
    Map<String, String> before = hashes(dir.resolve("out1/manifest.json"));
    Map<String, String> after = hashes(dir.resolve("out3/manifest.json"));
    assertThat(after.get("figures/training-curves.svg")).isEqualTo(before.get("figures/training-curves.svg"));
    assertThat(after.get("figures/confusion.svg")).isNotEqualTo(before.get("figures/confusion.svg"));
  }

  @Test
  void changingThePerplexityRecomputesOnlyTheTsneFigure() throws IOException {
    String tsne = "  - kind: tsne\n    points: 300\n    iterations: 300\n    compare_untrained: false\n";
    Path a = write("shapes-tsne-30.yaml", SHAPES_LENET + tsne + "    perplexity: 30\n");
    Path b = write("shapes-tsne-10.yaml", SHAPES_LENET + tsne + "    perplexity: 10\n");
    new Pipeline(loader, new StageCache(cache, false), Progress.SILENT).run(a, loader.load(a), dir.resolve("p30"));
    java.util.List<String> log = new java.util.ArrayList<>();
    Progress recording = recording(log);
    new Pipeline(loader, new StageCache(cache, false), recording).run(b, loader.load(b), dir.resolve("p10"));
    assertThat(log).anyMatch(l -> l.startsWith("training: cached"))
        .anyMatch(l -> l.startsWith("figure training-curves: cached"))
        .anyMatch(l -> l.startsWith("figure confusion: cached"))
        .anyMatch(l -> l.startsWith("figure tsne: computed"))
        .noneMatch(l -> l.startsWith("figure training-curves: computed") || l.startsWith("figure confusion: computed"));
    Map<String, String> before = hashes(dir.resolve("p30/manifest.json"));
    Map<String, String> after = hashes(dir.resolve("p10/manifest.json"));
    assertThat(after.get("figures/confusion.svg")).isEqualTo(before.get("figures/confusion.svg"));
    assertThat(after.keySet().stream().filter(k -> k.startsWith("figures/tsne") && k.endsWith(".svg")))
        .isNotEmpty()
        .allMatch(k -> !after.get(k).equals(before.get(k)));
  }

  @Test
  void neighbourhoodHitRisesWithDepthAfterTraining() throws IOException {
    Path cfg = write("shapes-tsne.yaml", SHAPES_LENET.replace("  - kind: confusion\n",
        "  - kind: tsne\n    points: 400\n    iterations: 600\n"));
    new Pipeline(loader, new StageCache(cache, false), Progress.SILENT).run(cfg, loader.load(cfg),
        dir.resolve("tsne"));
    JsonNode m = Pipeline.manifestMapper().readTree(dir.resolve("tsne/manifest.json").toFile());
    JsonNode rows = null;
    for (JsonNode f : m.path("figures")) {
      if (f.path("id").asText().equals("tsne-scores")) rows = f.path("tables").get(0).path("rows");
    }
    assertThat(rows).isNotNull();
    // columns: layer, dimensions, NH t-SNE, NH PCA, trustworthiness, continuity, KL, NH untrained
    assertThat(rows.get(0).get(0).asText()).isEqualTo("0: input");
    double input = rows.get(0).get(2).asDouble();
    double logits = rows.get(rows.size() - 1).get(2).asDouble();
    double hidden = rows.get(rows.size() - 2).get(2).asDouble();
    assertThat(logits).isGreaterThan(input + 0.4);
    assertThat(hidden).isGreaterThan(input + 0.4);
    for (JsonNode r : rows) {
      // the untrained network separates no better than the input pixels do
      assertThat(r.get(7).asDouble()).isLessThan(input + 0.15);
      assertThat(r.get(4).asDouble()).as("trustworthiness").isBetween(0.5, 1.0);
    }
    assertThat(Files.exists(dir.resolve("tsne/figures/tsne.svg"))).isTrue();
  }

  @Test
  void manifestRecordsProvenanceAndTheHashOfEveryFile() throws IOException {
    JsonNode m = Pipeline.manifestMapper().readTree(dir.resolve("out1/manifest.json").toFile());
    assertThat(m.path("config_sha256").asText()).hasSize(64);
    assertThat(m.path("seed").asLong()).isEqualTo(42);
    assertThat(m.path("versions").path("djl").asText()).isEqualTo("0.36.0");
    assertThat(m.path("versions").path("pytorch").asText()).startsWith("2.7.1");
    assertThat(m.path("checkpoint").path("sha256").asText()).hasSize(64);
    assertThat(m.path("config").path("train").path("epochs").asInt()).isEqualTo(8);
    for (JsonNode f : m.path("files")) {
      Path p = dir.resolve("out1").resolve(f.path("path").asText());
      assertThat(org.deepfig.provenance.Hashes.sha256(p)).as(p.toString()).isEqualTo(f.path("sha256").asText());
    }
    JsonNode conf = null;
    for (JsonNode f : m.path("figures")) if (f.path("id").asText().equals("confusion")) conf = f;
    assertThat(conf).isNotNull();
    assertThat(conf.path("kind").asText()).isEqualTo("confusion");
    // SVG, PDF, PNG, the PNG at twice the dpi, and the counts as JSON (for deepfig diff)
    assertThat(conf.path("files").findValuesAsText("path")).containsExactlyInAnyOrder("figures/confusion.svg",
        "figures/confusion.pdf", "figures/confusion.png", "figures/confusion@2x.png", "figures/confusion.json");
  }

  @Test
  void reportShowsAccuracyPerClassTableAndFigures() throws IOException {
    String html = Files.readString(dir.resolve("out1/index.html"));
    assertThat(html).contains("Shapes · LeNet-5").contains("Per-class accuracy").contains("checkerboard")
        .contains("src=\"figures/confusion.svg\"").contains("href=\"figures/confusion.png\"")
        .contains(org.deepfig.report.ReportViews.pct(first.testAccuracy()));
  }

  @Test
  void figureFilesCarryTheirProvenance() {
    Map<String, String> p = org.deepfig.render.FigureMetadata.read(dir.resolve("out1/figures/confusion.pdf"));
    assertThat(p).containsEntry("figure", "confusion").containsEntry("kind", "confusion")
        .containsEntry("seed", "42").containsEntry("param.normalise", "false")
        .containsKey("inputs_sha256").containsKey("checkpoint_sha256");
  }

  @Test
  void userStringsAreEscapedInTheReport() throws IOException {
    Path cfg = write("evil.yaml", """
        title: "<script>alert('t')</script> & co"
        seed: 1
        device: cpu
        data:
          source: shapes
          train_size: 200
          test_size: 50
          class_names: ["<b>c0</b>", "c1\\"><img src=x onerror=alert(1)>", c2, c3, c4, c5, c6, c7, c8, c9]
        model: {arch: mlp}
        train: {epochs: 1}
        """);
    Pipeline p = new Pipeline(loader, new StageCache(cache, false), Progress.SILENT);
    p.run(cfg, loader.load(cfg), dir.resolve("evil"));
    String html = Files.readString(dir.resolve("evil/index.html"));
    assertThat(html).doesNotContain("<script>").doesNotContain("<b>c0").doesNotContain("<img src=x")
        .contains("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; &amp; co")
        .contains("&lt;b&gt;c0&lt;/b&gt;");
    String svg = Files.readString(dir.resolve("evil/figures/confusion.svg"));
    assertThat(svg).doesNotContain("<b>c0").contains("&lt;b&gt;c0&lt;/b&gt;");
  }

  @Test
  void aFailedRunLeavesThePreviousReportUntouched() throws IOException {
    Path out = dir.resolve("keep");
    OutputFolder.publish(out, staging -> Files.writeString(staging.resolve("index.html"), "old"));
    assertThatThrownBy(() -> OutputFolder.publish(out, staging -> {
      Files.writeString(staging.resolve("index.html"), "half");
      throw new IllegalStateException("analysis failed");
    })).hasMessageContaining("analysis failed");
    assertThat(Files.readString(out.resolve("index.html"))).isEqualTo("old");
    try (var s = Files.list(dir)) {
      assertThat(s.map(x -> x.getFileName().toString())).noneMatch(n -> n.contains("staging"));
    }
  }

  @Test
  void outputDirOutsideTheWorkingDirectoryIsRefused() {
    assertThatThrownBy(() -> OutputFolder.resolve(Path.of("x.yaml"), "../elsewhere", null))
        .isInstanceOf(UserError.class).hasMessageContaining("outside the working directory");
    assertThatThrownBy(() -> OutputFolder.resolve(Path.of("x.yaml"), "/tmp/abs", null))
        .isInstanceOf(UserError.class);
    assertThat(OutputFolder.resolve(Path.of("x.yaml"), "out/x", null).toString()).endsWith("/out/x");
  }

  @Test
  void interruptedCacheEntriesAreNotUsed() throws IOException {
    StageCache c = new StageCache(dir.resolve("c2"), false);
    Files.createDirectories(dir.resolve("c2/train/abc"));
    Files.writeString(dir.resolve("c2/train/abc/trained.params"), "partial");
    assertThat(c.lookup("train", "abc")).isEmpty();
    c.store("train", "abc", d -> Files.writeString(d.resolve("trained.params"), "full"));
    assertThat(c.lookup("train", "abc")).isPresent();
    assertThat(new StageCache(dir.resolve("c2"), true).lookup("train", "abc")).isEmpty();
  }

  static Map<String, String> hashes(Path manifest) throws IOException {
    JsonNode m = Pipeline.manifestMapper().readTree(manifest.toFile());
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode f : m.path("files")) out.put(f.path("path").asText(), f.path("sha256").asText());
    return out;
  }
}
