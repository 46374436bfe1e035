package org.deepfig.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepfig.analysis.saliency.SaliencySpec;
import org.deepfig.analysis.training.EvolutionSpec;
import org.deepfig.analysis.training.WeightsSpec;
import org.deepfig.config.ConfigLoader;
import org.deepfig.config.Declared;
import org.deepfig.config.FigureSpec;
import org.deepfig.config.ImageChoice;
import org.deepfig.provenance.Canonical;
import org.junit.jupiter.api.Test;

/** A figure's parameter table comes from its options record: YAML keys, resolved values, what the kind states. */
class ParametersTest {
  @Test
  void defaultsEnumsAndListsAsAConfigWritesThem() {
    SaliencySpec spec = Declared.create(SaliencySpec.class, List.of(ImageChoice.index(7),
        new ImageChoice(null, new ImageChoice.Selector(null, "cat", ImageChoice.Rule.MOST_CONFIDENT_WRONG, 2))),
        List.of(SaliencySpec.Method.GRADIENT_TIMES_INPUT, SaliencySpec.Method.GRAD_CAM), null, null, null, null, 10,
        null, null, null, null, null);

    Map<String, String> table = Parameters.of(spec).map();

    assertThat(table).containsExactly(
        Map.entry("images", "7, {class: cat, rule: most-confident-wrong, count: 2}"),
        Map.entry("methods", "gradient×input, Grad-CAM"),
        Map.entry("target", "predicted"), // the declared default
        Map.entry("smoothgrad_noise", "0.15"),
        Map.entry("occlusion_patch", "10"), // given
        Map.entry("occlusion_baseline", "grey"),
        Map.entry("score_images", "50"),
        Map.entry("sanity_check", "true"));
  }

  @Test
  void nullOptionsShowWhatTheKindStatesItPicked() {
    WeightsSpec spec = Declared.defaults(WeightsSpec.class);
    assertThat(Parameters.of(spec).map()).as("layer is null: the analysis picks it").doesNotContainKey("layer")
        .containsEntry("normalise", "per-tile").containsEntry("subtract_initial", "false");

    Map<String, String> table = Parameters.of(spec).with("layer", "fc1").with("units", 9).with("split", "test")
        .map();

    assertThat(table).containsOnly(Map.entry("layer", "fc1"), Map.entry("units", "9"),
        Map.entry("normalise", "per-tile"), Map.entry("subtract_initial", "false"), Map.entry("split", "test"));
    assertThat(Parameters.of(spec).with("units", null).without("normalise").map()).containsOnlyKeys(
        "subtract_initial");
  }

  @Test
  void numbersAreWrittenPlainly() {
    EvolutionSpec spec = Declared.create(EvolutionSpec.class, null, null, 12.5, null, null, null);
    assertThat(Parameters.of(spec).map()).containsEntry("perplexity", "12.5").containsEntry("points", "500");
    assertThat(Parameters.of(Declared.defaults(EvolutionSpec.class)).map()).as("30.0 as the config writes it")
        .containsEntry("perplexity", "30");
    assertThat(Parameters.text(List.of(1, 2, 3))).isEqualTo("1, 2, 3");
  }

  /**
   * Every kind's table, with its defaults, has a row for exactly the options its figures' inputs key records
   * (FigureStage's canonical JSON of the entry), under the same names and with the same scalar values.
   */
  @Test
  void everyKindsTableNamesTheOptionsItsInputsKeyHolds() {
    ObjectMapper canonical = new ConfigLoader(AnalysisKinds.specTypes()).canonicalMapper();
    for (var type : AnalysisKinds.specTypes().values()) {
      FigureSpec spec = (FigureSpec) Declared.defaults(type.asSubclass(Record.class));
      JsonNode options = Canonical.section(canonical, spec);
      Map<String, String> expected = new LinkedHashMap<>();
      List<String> keys = new ArrayList<>();
      options.fields().forEachRemaining(e -> {
        if (e.getValue().isArray() && e.getValue().isEmpty()) return;
        keys.add(e.getKey());
        if (e.getValue().isTextual() || e.getValue().isBoolean() || e.getValue().isIntegralNumber()) {
          expected.put(e.getKey(), e.getValue().asText());
        }
      });
      Map<String, String> table = Parameters.of(spec).map();
      assertThat(table.keySet()).as(type.getSimpleName()).containsExactlyInAnyOrderElementsOf(keys);
      assertThat(table).as(type.getSimpleName()).containsAllEntriesOf(expected);
    }
  }
}
