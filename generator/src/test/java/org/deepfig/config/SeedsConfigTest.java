package org.deepfig.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.deepfig.Preflight;
import org.deepfig.UserError;
import org.deepfig.analysis.AnalysisKinds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** seeds:, repeats: and compare: as a config states them. */
class SeedsConfigTest {
  static final ConfigLoader loader = new ConfigLoader(AnalysisKinds.specTypes());
  @TempDir Path dir;

  @Test
  void seedsRepeatsAndTheRunSeed() {
    assertThat(loader.parse("seeds: [5, 1, 9]\n", "a.yaml", "a").runSeeds()).containsExactly(5L, 1L, 9L);
    assertThat(loader.parse("seeds: [5, 1, 9]\n", "a.yaml", "a").seed()).isEqualTo(5L);
    assertThat(loader.parse("seed: 10\nrepeats: 3\n", "a.yaml", "a").runSeeds()).containsExactly(10L, 11L, 12L);
    assertThat(loader.parse("seed: 10\n", "a.yaml", "a").runSeeds()).containsExactly(10L);
    // one seed's run is the plain config with that seed: the same cache keys
    ExperimentConfig c = loader.parse("seeds: [5, 1]\n", "a.yaml", "a");
    assertThat(loader.sha256(c.withSeed(1))).isEqualTo(loader.sha256(loader.parse("seed: 1\n", "a.yaml", "a")));
  }

  @Test
  void contradictionsAreOneLineErrorsAtTheirKey() {
    assertThatThrownBy(() -> loader.parse("seeds: [1, 2]\nrepeats: 3\n", "a.yaml", "a"))
        .isInstanceOf(UserError.class).satisfies(e -> assertThat(((UserError) e).oneLine()).contains("a.yaml:2", "both set"));
    assertThatThrownBy(() -> loader.parse("seeds: [1, 1]\n", "a.yaml", "a"))
        .isInstanceOf(UserError.class).satisfies(e -> assertThat(((UserError) e).oneLine()).contains("a.yaml:1", "twice"));
    assertThatThrownBy(() -> loader.parse("seed: 3\nseeds: [1, 2]\n", "a.yaml", "a"))
        .isInstanceOf(UserError.class).hasMessageContaining("not the first of seeds");
  }

  @Test
  void aMissingBaselineIsRefusedBeforeTraining() throws Exception {
    Path cfg = dir.resolve("b.yaml");
    Files.writeString(cfg, "title: b\ndata: {source: shapes, train_size: 10, test_size: 10}\ncompare: nowhere.yaml\n"
        + "output: {dir: " + dir.resolve("out").toString().replace('\\', '/') + "}\n");
    assertThatThrownBy(() -> Preflight.check(cfg, loader.load(cfg), dir.resolve("out")))
        .isInstanceOf(UserError.class).satisfies(e -> assertThat(((UserError) e).oneLine()).contains("b.yaml:3", "nowhere.yaml"));
  }
}
