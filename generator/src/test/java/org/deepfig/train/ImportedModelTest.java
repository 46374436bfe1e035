package org.deepfig.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deepfig.cli.Main;
import org.deepfig.model.TorchScriptFixture;
import org.deepfig.provenance.Hashes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code model.file} through the whole CLI: user errors for models that do not fit, a report for one that does. */
@Tag("slow")
class ImportedModelTest {
  @TempDir Path dir;

  record Outcome(int code, String out, String err) {}

  Outcome run(String modelFile, String extraModelKeys, int imageSize, String figures) throws IOException {
    Path cfg = dir.resolve("exp.yaml");
    Files.writeString(cfg, "title: imported\nseed: 1\ndevice: cpu\ndata:\n  source: shapes\n  train_size: 16\n"
        + "  test_size: 120\n  image_size: " + imageSize + "\nmodel:\n  file: " + modelFile + "\n" + extraModelKeys
        + "figures:\n" + figures);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.execute(new String[] {"run", cfg.toString(), "--out", dir.resolve("out").toString(), "--cache",
        dir.resolve("cache").toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  Path copy(String name) throws IOException {
    Path src = TorchScriptFixture.dir();
    Files.createDirectories(dir.resolve("models"));
    Path to = Files.copy(src.resolve(name), dir.resolve("models").resolve(name));
    Path side = src.resolve(name.replace(".pt", ".layers.json"));
    if (Files.exists(side)) Files.copy(side, dir.resolve("models").resolve(side.getFileName()));
    return to;
  }

  @Test
  void aModelWithTheWrongNumberOfClassesIsAUserError() throws IOException {
    copy("seven.pt");
    Outcome o = run("models/seven.pt", "", 32, "  - kind: confusion\n");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("seven.pt").contains("returns 2×7").contains("expected 2×10")
        .contains("10 outputs");
    assertThat(o.err().strip().lines().count()).isEqualTo(1);
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void aModelForOtherInputIsAUserErrorNamingBothShapes() throws IOException {
    copy("grey.pt");
    Outcome o = run("models/grey.pt", "", 32, "  - kind: confusion\n");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("fails on the dataset's 3×32×32 images").contains("data.image_size");
    copy("small.pt");
    o = run("models/small.pt", "", 16, "  - kind: confusion\n"); // the sidecar says 3×32×32
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("exported for 3×32×32 input but the dataset's images are 3×16×16");
    o = run("models/small.pt", "  input_shape: [1, 32, 32]\n", 32, "  - kind: confusion\n");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("model.input_shape is 1×32×32 but the dataset's images are 3×32×32");
  }

  @Test
  void aCorruptOrMissingFileIsAUserError() throws IOException {
    Files.writeString(dir.resolve("junk.pt"), "{\"state_dict\": 1}");
    Outcome o = run("junk.pt", "", 32, "  - kind: confusion\n");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("junk.pt").contains("not a TorchScript archive");
    o = run("nothere.pt", "", 32, "  - kind: confusion\n");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains(dir.resolve("nothere.pt").toString()).contains("model file not found");
  }

  @Test
  void validateChecksFigureLayersAgainstTheSidecarAndNamesTheExportFix() throws IOException {
    copy("small.pt");
    Outcome r = run("models/small.pt", "", 32, "  - kind: activations\n    layers: [nope]\n");
    Path cfg = dir.resolve("exp.yaml");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.execute(new String[] {"validate", cfg.toString()}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).strip()).startsWith("error: " + cfg + ":13:14: no layer named "
        + "'nope' in this model — use one of: ").contains("--layers all").doesNotContain("\n");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo(err.toString(StandardCharsets.UTF_8).strip());
  }

  @Test
  void anExportedCnnGivesAReportWithoutTraining() throws IOException {
    Path model = copy("small.pt");
    Outcome o = run("models/small.pt", "", 32, "  - kind: training-curves\n  - kind: confusion\n");
    assertThat(o.code()).as(o.err()).isZero();
    Path out = dir.resolve("out");
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertThat(manifest.at("/checkpoint/sha256").asText()).isEqualTo(Hashes.sha256(model));
    assertThat(manifest.at("/figures/0/kind").asText()).isEqualTo("training-curves");
    assertThat(manifest.at("/figures/1/kind").asText()).isEqualTo("confusion");
    assertThat(manifest.at("/figures/1/files").size()).isGreaterThan(0);
    String html = Files.readString(out.resolve("index.html"));
    assertThat(html).contains("The model was loaded, not trained").contains("models/small.pt");
    assertThat(o.out() + o.err()).doesNotContain("epoch");
    Path cache = dir.resolve("cache");
    assertThat(cache.resolve("train")).as("nothing trained, so no training stage cached").doesNotExist();
    assertThat(cache.resolve("figures")).as("the figures are cached like any model's").isDirectory();
  }

  @Test
  void saliencyOnAnImportedModelRunsWhatItCanSaysWhatItCannotAndRandomisesItsLayersInPlace() throws IOException {
    copy("small.pt");
    Outcome o = run("models/small.pt", "", 32, "  - kind: saliency\n    images: [0, 1]\n    score_images: 4\n"
        + "    smoothgrad_samples: 2\n    ig_steps: 4\n  - kind: activations\n    images: [0]\n");
    assertThat(o.code()).as(o.err()).isZero();
    Path out = dir.resolve("out");
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    java.util.List<String> ids = new java.util.ArrayList<>();
    manifest.path("figures").forEach(f -> ids.add(f.path("id").asText()));
    assertThat(ids).contains("saliency", "saliency-sanity", "saliency-scores", "activations-0");
    String html = Files.readString(out.resolve("index.html"));
    assertThat(html).contains("guided backprop, deconvnet, Guided Grad-CAM replace the backward pass of each ReLU")
        .contains("top 1 (fc)");
    // the sanity check randomised a copy of the model, not the one other figures read: activations computed after
    // it are those of a run without saliency (a fresh cache, so they are recomputed)
    String after = hashOf(manifest, "figures/activations-0.svg");
    org.deepfig.provenance.AtomicFiles.deleteTree(dir.resolve("cache"));
    Outcome alone = run("models/small.pt", "", 32, "  - kind: activations\n    images: [0]\n");
    assertThat(alone.out()).contains("figure activations: computed");
    JsonNode m2 = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertThat(hashOf(m2, "figures/activations-0.svg")).isEqualTo(after);
  }

  static String hashOf(JsonNode manifest, String path) {
    for (JsonNode f : manifest.path("files")) if (f.path("path").asText().equals(path)) return f.path("sha256").asText();
    throw new AssertionError("no " + path + " in the manifest");
  }
}
