package org.deepfig.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deepfig.UserError;
import org.deepfig.analysis.AnalysisKinds;
import org.deepfig.analysis.embedding.EmbeddingSpec;
import org.deepfig.analysis.saliency.SaliencySpec;
import org.junit.jupiter.api.Test;

/**
 * Each option is one declaration, a record component with its {@link Doc}: the default a config gets, the range it
 * is checked against, the enum's YAML spelling, the JSON Schema and the docs table all come from it.
 */
class DeclaredOptionsTest {
  /** An option record declared once, as a figure kind's would be. */
  record ProbeSpec(
      @Doc(value = "How many", def = "7", min = "2", max = "9") Integer count,
      @Doc(value = "Step size", def = "0.25", above = "0") Double rate,
      @Doc(value = "shared or per-map", def = "per-map") Scale scale) implements FigureSpec {
    enum Scale {
      @JsonProperty("shared") SHARED,
      @JsonProperty("per-map") PER_MAP;

      @Override
      public String toString() {
        return Declared.spelling(this);
      }
    }
  }

  final ConfigLoader loader = new ConfigLoader(Map.of("probe", ProbeSpec.class));

  ProbeSpec parse(String entry) {
    return (ProbeSpec) loader.parse("figures:\n  - kind: probe\n" + entry, "exp.yaml", "exp").figures().get(0);
  }

  UserError error(String entry) {
    try {
      parse(entry);
    } catch (UserError e) {
      return e;
    }
    throw new AssertionError("expected a UserError for " + entry);
  }

  @Test
  void theDefaultComesFromTheDeclaration() {
    ProbeSpec p = parse("");
    assertThat(p.count()).isEqualTo(7);
    assertThat(p.rate()).isEqualTo(0.25);
    assertThat(p.scale()).isEqualTo(ProbeSpec.Scale.PER_MAP);
    assertThat(Declared.defaults(ProbeSpec.class)).isEqualTo(p);
    assertThat(Declared.create(ProbeSpec.class, 3, null, null)).isEqualTo(new ProbeSpec(3, 0.25,
        ProbeSpec.Scale.PER_MAP));
    assertThat(parse("    count: 3\n    scale: shared\n"))
        .isEqualTo(new ProbeSpec(3, 0.25, ProbeSpec.Scale.SHARED));
  }

  @Test
  void aValueOutOfRangeIsOneLineAtItsKeyFromTheDeclaredBounds() {
    UserError e = error("    count: 12\n");
    assertThat(e.where()).isEqualTo("exp.yaml:3:5");
    assertThat(e.getMessage()).isEqualTo("invalid figures.0.count: count must be between 2 and 9, got 12");
    assertThat(e.fix()).isEqualTo("set count to a value in [2, 9]");
    UserError zero = error("    rate: 0\n");
    assertThat(zero.getMessage()).isEqualTo("invalid figures.0.rate: rate must be positive, got 0");
    assertThat(zero.fix()).isEqualTo("set rate to e.g. 0.25");
    assertThatThrownBy(() -> Declared.create(ProbeSpec.class, 1, null, null))
        .isInstanceOf(ConfigValueException.class).hasMessage("count must be between 2 and 9, got 1");
  }

  @Test
  void anEnumIsWrittenAndReadInItsYamlSpellingAndAMisspellingGetsASuggestion() {
    assertThat(ProbeSpec.Scale.PER_MAP).hasToString("per-map");
    assertThat(loader.canonicalJson(parse(""))).contains("\"count\":7,\"rate\":0.25,\"scale\":\"per-map\"");
    UserError e = error("    scale: per-mpa\n");
    assertThat(e.where()).isEqualTo("exp.yaml:3:12");
    assertThat(e.getMessage()).isEqualTo("invalid value 'per-mpa' for figures.0.scale");
    assertThat(e.fix()).isEqualTo("did you mean 'per-map'?");
  }

  @Test
  void theSchemaAndTheDocsReadTheSameDeclaration() throws Exception {
    JsonNode kind = new ObjectMapper().readTree(ConfigSchema.generate(Map.of("probe", ProbeSpec.class), Map.of()))
        .path("properties").path("figures").path("items").path("oneOf").get(0).path("properties");
    assertThat(kind.path("count").path("minimum").asInt()).isEqualTo(2);
    assertThat(kind.path("count").path("maximum").asInt()).isEqualTo(9);
    assertThat(kind.path("count").path("description").asText()).isEqualTo("How many (default: 7)");
    assertThat(kind.path("rate").path("exclusiveMinimum").asInt()).isZero();
    assertThat(kind.path("scale").path("enum").toString()).isEqualTo("[\"shared\",\"per-map\"]");
    assertThat(ConfigDocs.options(ProbeSpec.class)).containsExactly(
        new ConfigDocs.Option("count", "whole number", "7", "", "2 – 9", "How many"),
        new ConfigDocs.Option("rate", "number", "0.25", "", "> 0", "Step size"),
        new ConfigDocs.Option("scale", "one of `shared`, `per-map`", "per-map", "", "", "shared or per-map"));
  }

  @Test
  void everyDeclaredDefaultIsAValueOfItsKeyWithinItsRange() {
    List<Class<?>> records = new ArrayList<>(List.of(ExperimentConfig.class, DataConfig.class, ModelConfig.class,
        TrainConfig.class, OutputConfig.class, CardConfig.class, SlicesConfig.class, ImageChoice.Selector.class));
    records.addAll(AnalysisKinds.specTypes().values());
    int declared = 0;
    for (Class<?> r : records) {
      for (RecordComponent rc : r.getRecordComponents()) {
        Doc d = rc.getAnnotation(Doc.class);
        if (d == null) continue;
        assertThat(d.def().isEmpty() || d.defText().isEmpty()).as(r.getSimpleName() + "." + rc.getName()).isTrue();
        Object v = Declared.defaultOf(rc); // parses def into the key's type and checks it against the range
        assertThat(v == null).as(r.getSimpleName() + "." + rc.getName()).isEqualTo(d.def().isEmpty());
        if (v != null) declared++;
      }
    }
    assertThat(declared).isGreaterThan(60);
  }

  @Test
  void theKindsSayWhichAreDrawnByDefaultAndWhichShowTraining() {
    ConfigLoader real = new ConfigLoader(AnalysisKinds.specTypes());
    assertThat(real.parse("title: t\n", "exp.yaml", "exp").figures()).containsExactly(
        Declared.defaults(org.deepfig.analysis.basic.TrainingCurvesSpec.class),
        Declared.defaults(org.deepfig.analysis.basic.ConfusionSpec.class));
    var folder = new org.deepfig.report.site.ReportFolder("a", java.nio.file.Path.of("a"), "A", null, List.of(
        new org.deepfig.report.site.ReportFolder.FigureEntry("training-curves", "training-curves", "Curves", "c.png"),
        new org.deepfig.report.site.ReportFolder.FigureEntry("confusion", "confusion", "Confusion", "m.png")));
    assertThat(folder.thumbnail().png()).as("the card shows what the model learned").isEqualTo("m.png");
  }

  @Test
  void theAnalysesDefaultsAndSpellingsAreThoseConfigsAlwaysHad() {
    SaliencySpec s = Declared.defaults(SaliencySpec.class);
    assertThat(s.smoothgradNoise()).isEqualTo(0.15);
    assertThat(s.scoreImages()).isEqualTo(50);
    assertThat(s.occlusionBaseline()).hasToString("grey");
    assertThat(s.methods()).hasSize(9).extracting(Object::toString).contains("gradient×input", "Integrated Gradients");
    assertThat(s.smoothgradSamples()).as("size-dependent: decided by the analysis").isNull();
    assertThat(s.smoothgradSamplesAt(32)).isEqualTo(16);
    EmbeddingSpec e = (EmbeddingSpec) new ConfigLoader(AnalysisKinds.specTypes())
        .parse("figures:\n  - kind: tsne\n    method: barnes-hut\n", "exp.yaml", "exp").figures().get(0);
    assertThat(e.method()).isEqualTo(EmbeddingSpec.Method.BARNES_HUT);
    assertThat(e.init()).hasToString("pca");
    assertThat(e.points()).isEqualTo(1000);
    assertThat(e.perplexity()).isEqualTo(30.0);
  }
}
