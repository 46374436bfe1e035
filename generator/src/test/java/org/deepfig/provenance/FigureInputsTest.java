package org.deepfig.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.deepfig.analysis.Table;
import org.deepfig.config.ConfigLoader;
import org.deepfig.config.ExperimentConfig;
import org.deepfig.config.FigureSpec;
import org.deepfig.config.OutputConfig;
import org.junit.jupiter.api.Test;

/** A figures entry's inputs: its key (in its files and the manifest) and its stage key, from what it reads only. */
class FigureInputsTest {
  static final ConfigLoader LOADER = TrainingInputsTest.LOADER;
  /** The training test's config with a filters entry before its confusion entry. */
  static final String BASE = TrainingInputsTest.BASE.replace("figures:\n",
      "figures:\n  - kind: filters\n    columns: 8\n");

  static FigureInputs inputs(String yaml, int entry, boolean snapshots, String checkpoint) {
    ExperimentConfig c = TrainingInputsTest.config(yaml);
    FigureSpec spec = c.figures().get(entry);
    String kind = entry == 0 ? "filters" : "confusion";
    return FigureInputs.of(LOADER, kind, snapshots, spec, c, checkpoint,
        LOADER.sizeOf(spec).orElse(c.output().size()), null);
  }

  static FigureInputs inputs(String yaml) {
    return inputs(yaml, 0, false, "ckpt");
  }

  /** The map FigureStage hashed before its inputs were a record: figure files keep their embedded key. */
  static String oldKey(String yaml, int entry, boolean snapshots, String checkpoint) {
    ExperimentConfig c = TrainingInputsTest.config(yaml);
    FigureSpec spec = c.figures().get(entry);
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("kind", entry == 0 ? "filters" : "confusion");
    in.put("options", spec);
    OutputConfig o = c.output();
    Map<String, Object> style = new TreeMap<>();
    style.put("size", LOADER.sizeOf(spec).orElse(o.size()));
    style.put("font", o.font() == null ? "DejaVu Sans" : o.font());
    style.put("palette", o.palette());
    style.put("colour_map", o.colourMap() == null ? "default" : o.colourMap());
    style.put("panel_letters", o.panelLetters());
    style.put("titles", o.titles() == null ? "default" : o.titles());
    in.put("style", style);
    in.put("checkpoint", checkpoint);
    if (snapshots) {
      in.put("train", c.train());
      in.put("model", c.model());
    }
    in.put("data", c.data());
    in.put("seed", c.seed());
    in.put("formats", o.formats());
    in.put("dpi", o.dpi());
    in.put("deepfig", Versions.deepfig());
    return LOADER.sha256(in);
  }

  @Test
  void theKeyIsTheOneTheMapOfInputsGaveBefore() {
    String styled = BASE + "output: {palette: okabe-ito, dpi: 300, formats: [svg, png]}\n";
    for (String yaml : new String[] {BASE, styled}) {
      for (int entry = 0; entry < 2; entry++) {
        assertThat(inputs(yaml, entry, false, "ckpt").key()).isEqualTo(oldKey(yaml, entry, false, "ckpt"));
        assertThat(inputs(yaml, entry, true, "ckpt").key()).isEqualTo(oldKey(yaml, entry, true, "ckpt"));
      }
    }
  }

  @Test
  void theStageKeyIsTheOneBeforeToo() {
    FigureInputs in = inputs(BASE);
    Numerics n = TrainingInputsTest.CPU;
    Map<String, String> numerics = new LinkedHashMap<>();
    numerics.put("pytorch", n.pytorch());
    numerics.put("device", n.device());
    numerics.put("onednn_isa", n.onednnIsa());
    assertThat(in.stageKey("code-a", n)).isEqualTo(LOADER.sha256(Map.of("inputs", in.key(), "code", "code-a",
        "numerics", numerics)));
    assertThat(in.aggregateStageKey(List.of(1L, 2L), "code-a", n)).isEqualTo(LOADER.sha256(Map.of("inputs",
        in.key(), "seeds", List.of(1L, 2L), "code", "code-a", "numerics", numerics)));
    assertThat(in.stageKey("code-b", n)).isNotEqualTo(in.stageKey("code-a", n));
    assertThat(in.stageKey("code-a", new Numerics("2.7.1", "cpu()", "unset", null)))
        .isNotEqualTo(in.stageKey("code-a", n));
  }

  @Test
  void eachInputOfTheEntryChangesItsKeyAndOtherEntriesDoNot() {
    String base = inputs(BASE).key();
    assertThat(inputs(BASE.replace("columns: 8", "columns: 4")).key()).isNotEqualTo(base);
    assertThat(inputs(BASE, 0, false, "other").key()).isNotEqualTo(base);
    assertThat(inputs(BASE.replace("seed: 3", "seed: 4")).key()).isNotEqualTo(base);
    assertThat(inputs(BASE.replace("test_size: 100", "test_size: 99")).key()).isNotEqualTo(base);
    assertThat(inputs(BASE + "output: {dpi: 300}\n").key()).isNotEqualTo(base);
    assertThat(inputs(BASE + "output: {palette: okabe-ito}\n").key()).isNotEqualTo(base);
    assertThat(inputs(BASE, 0, false, "ckpt").withCheckpoint("other").key())
        .isEqualTo(inputs(BASE, 0, false, "other").key());
    // the other entry, the title and (for a kind without snapshots) how training ran are not read
    assertThat(inputs(BASE.replace("- kind: confusion", "- kind: tsne")).key()).isEqualTo(base);
    assertThat(inputs(BASE.replace("title: t", "title: u")).key()).isEqualTo(base);
    assertThat(inputs(BASE.replace("epochs: 2", "epochs: 3")).key()).isEqualTo(base);
    // a kind that replays training's snapshots reads it
    assertThat(inputs(BASE.replace("epochs: 2", "epochs: 3"), 0, true, "ckpt").key())
        .isNotEqualTo(inputs(BASE, 0, true, "ckpt").key());
  }

  @Test
  void aFigureFileSaysWhichFigureAndWhichInputsItIs() {
    FigureInputs in = inputs(BASE);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("layer", "conv1");
    params.put("columns", "8");
    Map<String, String> embedded = in.embedded("filters-conv1", "Filters of conv1", params);
    assertThat(embedded).containsExactly(Map.entry("figure", "filters-conv1"), Map.entry("kind", "filters"),
        Map.entry("title", "Filters of conv1"), Map.entry("inputs_sha256", in.key()),
        Map.entry("checkpoint_sha256", "ckpt"), Map.entry("seed", "3"), Map.entry("data", "shapes:shapes"),
        Map.entry("model", "lenet5"), Map.entry("deepfig", Versions.deepfig()), Map.entry("param.layer", "conv1"),
        Map.entry("param.columns", "8"));
  }

  @Test
  void theManifestRecordCarriesTheKeyTheFilesCarry() {
    FigureInputs in = inputs(BASE);
    Table t = new Table("Per layer", List.of("Layer", "Filters"), List.of(List.of("conv1", "6")));
    RunManifest.FigureRecord r = in.manifestRecord("filters-conv1", "Filters of conv1", Map.of("columns", "8"),
        List.of(new RunManifest.FileRecord("figures/filters-conv1.svg", "abc")), List.of(t));
    var tree = RunManifest.mapper().valueToTree(r);
    assertThat(tree.path("inputs_sha256").asText()).isEqualTo(in.key());
    assertThat(tree.path("kind").asText()).isEqualTo("filters");
    assertThat(tree.at("/tables/0/rows/0/1").asText()).isEqualTo("6");
    assertThat(tree.at("/tables/0").has("row_links")).isFalse();
    // a comparison's figure has no recorded inputs, and says nothing about them
    var diff = RunManifest.mapper().valueToTree(new RunManifest.FigureRecord("d", "diff", "D", Map.of(), List.of(),
        List.of()));
    assertThat(diff.has("inputs_sha256")).isFalse();
  }
}
