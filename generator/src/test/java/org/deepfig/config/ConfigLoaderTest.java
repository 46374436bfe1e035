package org.deepfig.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.deepfig.UserError;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  record CurvesSpec(Integer smoothing) implements FigureSpec {}

  record ConfusionSpec(Boolean normalise) implements FigureSpec {}

  record TsneSpec(Double perplexity, Integer iterations) implements FigureSpec {
    TsneSpec {
      if (perplexity == null) perplexity = 30.0;
      ConfigValueException.between("perplexity", perplexity, 2, 100);
    }
  }

  final ConfigLoader loader = new ConfigLoader(Map.of("training-curves", CurvesSpec.class, "tsne", TsneSpec.class,
      "confusion", ConfusionSpec.class));

  UserError error(String yaml) {
    try {
      loader.parse(yaml, "exp.yaml", "exp");
    } catch (UserError e) {
      return e;
    }
    throw new AssertionError("expected a UserError for:\n" + yaml);
  }

  @Test
  void fillsDocumentedDefaults() {
    ExperimentConfig c = loader.parse("title: t\n", "exp.yaml", "exp");
    assertThat(c.seed()).isEqualTo(42L);
    assertThat(c.device()).isEqualTo(DeviceChoice.AUTO);
    assertThat(c.data().source()).isEqualTo(DataSource.SHAPES);
    assertThat(c.data().trainSize()).isEqualTo(8000);
    assertThat(c.train().epochs()).isEqualTo(3);
    assertThat(c.train().learningRate()).isEqualTo(0.001);
    assertThat(c.output().dir()).isEqualTo("out/exp");
    assertThat(c.figures()).hasSize(2);
  }

  @Test
  void misspelledKeyNamesFileLineColumnAndTheNearestKey() {
    UserError e = error("title: t\ntrain:\n  epochs: 2\n  batch_szie: 32\n");
    assertThat(e.where()).isEqualTo("exp.yaml:4:3");
    assertThat(e.getMessage()).contains("train.batch_szie");
    assertThat(e.fix()).isEqualTo("did you mean 'batch_size'?");
    assertThat(e.oneLine()).startsWith("exp.yaml:4:3: unknown key 'train.batch_szie'");
  }

  @Test
  void misspelledTopLevelSection() {
    UserError e = error("titel: t\n");
    assertThat(e.where()).isEqualTo("exp.yaml:1:1");
    assertThat(e.fix()).isEqualTo("did you mean 'title'?");
  }

  @Test
  void outOfRangeValuePointsAtTheValueItself() {
    UserError e = error("seed: 1\ntrain:\n  optimizer: sgd\n  epochs: -3\n");
    assertThat(e.where()).isEqualTo("exp.yaml:4:3");
    assertThat(e.getMessage()).contains("train.epochs").contains("-3");
    assertThat(e.fix()).contains("0");
  }

  @Test
  void wrongTypeSaysWhatIsExpected() {
    UserError e = error("train:\n  epochs: many\n");
    assertThat(e.where()).startsWith("exp.yaml:2:");
    assertThat(e.getMessage()).contains("train.epochs").contains("whole number");
  }

  @Test
  void quotedNumberIsNotSilentlyCoerced() {
    assertThat(error("train:\n  epochs: \"3\"\n").getMessage()).contains("train.epochs");
  }

  @Test
  void misspelledEnumValueSuggestsTheValidOne() {
    UserError e = error("device: gpuu\n");
    assertThat(e.where()).isEqualTo("exp.yaml:1:9");
    assertThat(e.fix()).isEqualTo("did you mean 'gpu'?");
  }

  @Test
  void unknownFigureKindSuggestsTheNearestKind() {
    UserError e = error("figures:\n  - kind: training-curve\n");
    assertThat(e.where()).startsWith("exp.yaml:2:");
    assertThat(e.fix()).isEqualTo("did you mean 'training-curves'?");
  }

  @Test
  void figureOptionOutOfRangeInASecondListEntry() {
    UserError e = error("figures:\n  - kind: confusion\n  - kind: tsne\n    perplexity: 500\n");
    assertThat(e.where()).isEqualTo("exp.yaml:4:5");
    assertThat(e.getMessage()).contains("figures.1.perplexity");
  }

  @Test
  void unknownFigureOptionNamesItsEntry() {
    UserError e = error("figures:\n  - kind: tsne\n    perplexiti: 20\n");
    assertThat(e.where()).isEqualTo("exp.yaml:3:5");
    assertThat(e.fix()).isEqualTo("did you mean 'perplexity'?");
  }

  @Test
  void malformedYamlIsAUserErrorWithAPosition() {
    UserError e = error("seed: 1\ntitle: a: b\n");
    assertThat(e.where()).isEqualTo("exp.yaml:2:9");
    assertThat(e.getMessage()).startsWith("malformed YAML");
  }

  @Test
  void duplicateKeyIsRejected() {
    assertThat(error("seed: 1\nseed: 2\n").getMessage()).contains("seed");
  }

  @Test
  void emptyConfigIsRejected() {
    assertThat(error("").getMessage()).contains("empty");
  }

  @Test
  void canonicalHashIgnoresKeyOrderAndFormatting() {
    ExperimentConfig a = loader.parse("seed: 3\ntitle: x\ntrain: {epochs: 2, batch_size: 16}\n", "a", "a");
    ExperimentConfig b = loader.parse("title: x\ntrain:\n  batch_size: 16\n  epochs: 2\nseed: 3\n", "b", "a");
    ExperimentConfig c = loader.parse("title: x\ntrain:\n  batch_size: 16\n  epochs: 3\nseed: 3\n", "c", "a");
    assertThat(loader.sha256(a)).isEqualTo(loader.sha256(b)).isNotEqualTo(loader.sha256(c));
    assertThat(loader.canonicalJson(a)).contains("\"kind\":\"training-curves\"");
  }

  @Test
  void suggestionsIgnoreFarAwayWords() {
    assertThat(Suggestions.nearest("zzzzzz", java.util.List.of("title", "seed"))).isEmpty();
    assertThat(Suggestions.nearest("lerning_rate", java.util.List.of("learning_rate", "momentum")))
        .contains("learning_rate");
  }

  @Test
  void missingFileIsAUserError() {
    assertThatThrownBy(() -> loader.load(java.nio.file.Path.of("/nonexistent/x.yaml")))
        .isInstanceOf(UserError.class).hasMessageContaining("not found");
  }
}
