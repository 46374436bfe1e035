package org.deepfig.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.deepfig.analysis.AnalysisKinds;
import org.junit.jupiter.api.Test;

class ConfigSchemaTest {
  static final Path CONFIGS = Path.of("..", "configs");

  @Test
  void publishedSchemaIsInStepWithTheRecords() throws IOException {
    String generated = ConfigSchema.generate(AnalysisKinds.specTypes(), AnalysisKinds.descriptions());
    Path published = CONFIGS.resolve("deepfig.schema.json");
    if (Boolean.getBoolean("deepfig.updateSchema")) Files.writeString(published, generated);
    assertThat(Files.readString(published))
        .as("configs/deepfig.schema.json is stale: run `./deepfig schema > configs/deepfig.schema.json`")
        .isEqualTo(generated);
  }

  @Test
  void schemaListsEveryKeyOfEverySectionAndEveryFigureKind() throws IOException {
    JsonNode s = new ObjectMapper().readTree(
        ConfigSchema.generate(AnalysisKinds.specTypes(), AnalysisKinds.descriptions()));
    assertThat(s.path("additionalProperties").asBoolean(true)).isFalse();
    assertThat(s.path("properties").path("train").path("properties").has("batch_size")).isTrue();
    assertThat(s.path("properties").path("train").path("properties").path("epochs").path("minimum").asInt())
        .isZero();
    assertThat(s.path("properties").path("device").path("enum").toString()).isEqualTo("[\"auto\",\"cpu\",\"gpu\"]");
    JsonNode kinds = s.path("properties").path("figures").path("items").path("oneOf");
    List<String> names = Stream.iterate(0, i -> i < kinds.size(), i -> i + 1)
        .map(i -> kinds.get(i).path("properties").path("kind").path("const").asText()).toList();
    assertThat(names).containsExactlyInAnyOrderElementsOf(AnalysisKinds.names());
    JsonNode saliency = kinds.get(names.indexOf("saliency")).path("properties");
    assertThat(saliency.path("target").path("type").toString()).isEqualTo("[\"string\",\"number\",\"boolean\"]");
    assertThat(saliency.path("gradcam_layer").path("type").asText()).isEqualTo("string");
  }

  @Test
  void everyExampleConfigValidates() throws IOException {
    ConfigLoader loader = new ConfigLoader(AnalysisKinds.specTypes());
    try (Stream<Path> s = Files.list(CONFIGS)) {
      List<Path> yamls = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertThat(yamls).isNotEmpty();
      for (Path p : yamls) assertThat(loader.load(p).title()).as(p.toString()).isNotBlank();
    }
  }
}
