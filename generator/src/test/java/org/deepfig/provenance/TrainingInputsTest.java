package org.deepfig.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deepfig.analysis.AnalysisKinds;
import org.deepfig.config.ConfigLoader;
import org.deepfig.config.ExperimentConfig;
import org.junit.jupiter.api.Test;

/** The training stage's inputs: one canonical text, one key, which changes with each input and nothing else. */
class TrainingInputsTest {
  static final ConfigLoader LOADER = new ConfigLoader(AnalysisKinds.specTypes());
  static final Numerics CPU = new Numerics("2.7.1", "cpu()", "AVX", null);
  static final String BASE = """
      title: t
      seed: 3
      data: {source: shapes, train_size: 300, test_size: 100}
      model: {arch: lenet5}
      train: {epochs: 2, batch_size: 32}
      figures:
        - kind: confusion
      """;

  static ExperimentConfig config(String yaml) {
    return LOADER.parse(yaml, "test.yaml", "test");
  }

  static TrainingInputs inputs(String yaml) {
    return TrainingInputs.of(LOADER, config(yaml), 1, "code-a", CPU);
  }

  @Test
  void theKeyIsTheSha256OfTheCanonicalJsonWhoseKeysAreSorted() throws Exception {
    TrainingInputs in = inputs(BASE);
    String json = in.canonicalJson();
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(json.getBytes(StandardCharsets.UTF_8)));
    assertThat(in.key()).isEqualTo(expected).hasSize(64);
    assertThat(json).startsWith("{\"code\":\"code-a\",\"data\":{")
        .contains("\"model\":{").containsIgnoringCase("\"arch\":\"lenet5\"")
        .contains("\"numerics\":{\"device\":\"cpu()\",\"onednn_isa\":\"AVX\",\"pytorch\":\"2.7.1\"}")
        .contains(",\"seed\":3,\"train\":{").endsWith(",\"training_code\":1}")
        .doesNotContain("conv_gradients").doesNotContain("null");
  }

  /** The key the training stage used before its inputs were a record: caches made then are still hits. */
  @Test
  void theKeyIsTheOneTheMapOfInputsGaveBefore() {
    ExperimentConfig c = config(BASE);
    for (Numerics n : new Numerics[] {CPU, new Numerics("2.7.1", "cpu()", "unset", Versions.CONV_GRADIENTS_NATIVE)}) {
      Map<String, Object> old = new LinkedHashMap<>();
      old.put("data", c.data().withoutSlices());
      old.put("model", c.model());
      old.put("train", c.train());
      old.put("seed", c.seed());
      old.put("training_code", 1);
      old.put("code", "code-a");
      Map<String, String> numerics = new LinkedHashMap<>();
      numerics.put("pytorch", n.pytorch());
      numerics.put("device", n.device());
      numerics.put("onednn_isa", n.onednnIsa());
      if (n.convGradients() != null) numerics.put("conv_gradients", n.convGradients());
      old.put("numerics", numerics);
      assertThat(TrainingInputs.of(LOADER, c, 1, "code-a", n).key()).isEqualTo(LOADER.sha256(old));
    }
  }

  @Test
  void theSameExperimentWrittenOtherwiseHasTheSameKey() {
    String reordered = """
        figures:
          - kind: confusion
        train: {batch_size: 32, epochs: 2}
        model: {arch: lenet5}
        data: {test_size: 100, source: shapes, train_size: 300}
        seed: 3
        title: another title
        """;
    assertThat(inputs(reordered).key()).isEqualTo(inputs(BASE).key());
    assertThat(inputs(reordered).canonicalJson()).isEqualTo(inputs(BASE).canonicalJson());
  }

  @Test
  void eachInputChangesTheKeyAndWhatTrainingDoesNotReadDoesNot() {
    String base = inputs(BASE).key();
    assertThat(inputs(BASE.replace("seed: 3", "seed: 4")).key()).isNotEqualTo(base);
    assertThat(inputs(BASE.replace("epochs: 2", "epochs: 3")).key()).isNotEqualTo(base);
    assertThat(inputs(BASE.replace("arch: lenet5", "arch: mlp")).key()).isNotEqualTo(base);
    assertThat(inputs(BASE.replace("train_size: 300", "train_size: 301")).key()).isNotEqualTo(base);
    ExperimentConfig c = config(BASE);
    assertThat(TrainingInputs.of(LOADER, c, 2, "code-a", CPU).key()).isNotEqualTo(base);
    assertThat(TrainingInputs.of(LOADER, c, 1, "code-b", CPU).key()).isNotEqualTo(base);
    assertThat(TrainingInputs.of(LOADER, c, 1, "code-a", new Numerics("2.7.1", "gpu(0)", "AVX", null)).key())
        .isNotEqualTo(base);
    assertThat(TrainingInputs.of(LOADER, c, 1, "code-a", new Numerics("2.7.1", "cpu()", "unset", null)).key())
        .isNotEqualTo(base);
    assertThat(TrainingInputs.of(LOADER, c, 1, "code-a", new Numerics("2.5.1", "cpu()", "AVX", null)).key())
        .isNotEqualTo(base);
    // figures, output and the title are not read by training
    assertThat(inputs(BASE.replace("kind: confusion", "kind: filters")).key()).isEqualTo(base);
    assertThat(inputs(BASE + "output: {dpi: 300}\n").key()).isEqualTo(base);
    assertThat(inputs(BASE.replace("title: t", "title: u")).key()).isEqualTo(base);
  }

  @Test
  void theManifestRecordsTheKeyWithItsInputs() throws Exception {
    TrainingInputs in = inputs(BASE);
    RunManifest.CheckpointRecord r = in.manifestRecord("abc", null);
    assertThat(r.cacheKey()).isEqualTo(in.key());
    var tree = RunManifest.mapper().valueToTree(r);
    assertThat(tree.path("cache_key").asText()).isEqualTo(in.key());
    assertThat(tree.path("sha256").asText()).isEqualTo("abc");
    assertThat(tree.has("snapshots")).isFalse();
    assertThat(tree.at("/inputs/code").asText()).isEqualTo("code-a");
    assertThat(tree.at("/inputs/training_code").asInt()).isEqualTo(1);
    assertThat(tree.at("/inputs/numerics/onednn_isa").asText()).isEqualTo("AVX");
    assertThat(tree.at("/inputs/numerics").has("conv_gradients")).isFalse();
    assertThat(tree.at("/inputs/train/epochs").asInt()).isEqualTo(2);
  }
}
