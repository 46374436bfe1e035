package org.deepfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deepfig.analysis.AnalysisKinds;
import org.deepfig.analysis.SeedStats;
import org.deepfig.config.ConfigLoader;
import org.deepfig.provenance.StageCache;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A shrunk three-seed run: one training per seed, combined figures, every checkpoint in the manifest. */
@Tag("slow")
class SeedsRunTest {
  @TempDir static Path dir;
  static final ConfigLoader loader = new ConfigLoader(AnalysisKinds.specTypes());
  static Pipeline.Result result;
  static JsonNode manifest;
  static final List<String> log = new ArrayList<>();

  @BeforeAll
  static void run() throws Exception {
    Path cfg = dir.resolve("seeds.yaml");
    Files.writeString(cfg, """
        title: three seeds
        seeds: [1, 2, 3]
        device: cpu
        data: {source: shapes, train_size: 200, test_size: 100, image_size: 16}
        model: {arch: mlp}
        train: {epochs: 2, batch_size: 50}
        figures:
          - kind: training-curves
          - kind: metrics
            curves: false
          - kind: architecture
        output: {formats: [svg, png]}
        """);
    // no PDF: the report machinery is the one-seed run's, tested there
    result = new Pipeline(loader, new StageCache(dir.resolve("cache"), false), PipelineTest.recording(log),
        new org.deepfig.report.ReportWriter.Options(false, null)).run(cfg, loader.load(cfg), dir.resolve("out"));
    manifest = Pipeline.manifestMapper().readTree(result.outDir().resolve("manifest.json").toFile());
  }

  @Test
  void everySeedIsTrainedOnceAndListedWithItsCheckpoint() {
    assertThat(log.stream().filter(l -> l.startsWith("training: done")).count()).isEqualTo(3);
    JsonNode seeds = manifest.get("seeds");
    assertThat(seeds).hasSize(3);
    List<String> shas = new ArrayList<>();
    double sum = 0;
    for (int i = 0; i < 3; i++) {
      assertThat(seeds.get(i).get("seed").asLong()).isEqualTo(i + 1);
      shas.add(seeds.get(i).get("checkpoint").get("sha256").asText());
      sum += seeds.get(i).get("test_accuracy").asDouble();
    }
    assertThat(shas).doesNotHaveDuplicates();
    assertThat(manifest.get("checkpoint").get("sha256").asText()).isEqualTo(shas.get(0));
    assertThat(manifest.get("test_accuracy").asDouble()).isCloseTo(sum / 3, within(1e-12));
  }

  @Test
  void numericFiguresCombineAndPicturesNameTheFirstSeed() throws Exception {
    JsonNode curves = figure("training-curves");
    assertThat(curves.get("parameters").get("seeds").asText()).isEqualTo("[1, 2, 3]");
    JsonNode table = curves.get("tables").get(0);
    assertThat(table.get("title").asText()).endsWith("mean ± sd over 3 seeds");
    // the last epoch's test accuracy: the mean ± sd of the three seeds' own accuracies (as the manifest records
    // them, to the table's 2 decimals)
    JsonNode last = table.get("rows").get(1);
    double[] acc = new double[3];
    for (int i = 0; i < 3; i++) acc[i] = 100 * manifest.get("seeds").get(i).get("test_accuracy").asDouble();
    SeedStats.Stat s = SeedStats.of(acc);
    assertThat(last.get(4).asText()).isEqualTo(String.format(java.util.Locale.ROOT, "%.2f ± %.2f%%", s.mean(),
        s.sd()));
    String svg = Files.readString(result.outDir().resolve("figures/training-curves.svg"));
    assertThat(svg).contains("fill-opacity"); // the sd bands
    assertThat(figure("metrics").get("tables").get(0).get("rows").get(0).get(3).asText()).contains(" ± ");
    String html = Files.readString(result.outDir().resolve("index.html"));
    assertThat(html).contains("Shown for the first seed (1) of the 3 seeds (1, 2, 3).");
    assertThat(html).contains("mean ± sample sd over 3 seeds");
  }

  private static JsonNode figure(String id) {
    for (JsonNode f : manifest.get("figures")) if (f.get("id").asText().equals(id)) return f;
    throw new AssertionError("no figure " + id);
  }
}
