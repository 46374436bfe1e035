package org.deepfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.deepfig.analysis.AnalysisKinds;
import org.deepfig.config.ConfigLoader;
import org.deepfig.provenance.StageCache;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deepfig diff A.yaml B.yaml} runs each config as itself: B's own {@code compare:} is not followed. */
@Tag("slow")
class DiffOfConfigsTest {
  @TempDir Path dir;

  @Test
  void aConfigComparedByDiffDoesNotAlsoWriteItsOwnComparison() throws Exception {
    // output folders must lie below the working directory (generator/ under Maven): a fresh one in target/
    String out = "target/diff-of-configs-" + System.nanoTime();
    String common = "data: {source: shapes, train_size: 40, test_size: 20, image_size: 16}\nmodel: {arch: mlp}\n"
        + "device: cpu\nfigures:\n  - kind: confusion\n";
    Path a = dir.resolve("a.yaml");
    Files.writeString(a, "title: a\ntrain: {epochs: 1}\n" + common + "output: {dir: " + out + "/a}\n");
    Path b = dir.resolve("b.yaml");
    Files.writeString(b, "title: b\ntrain: {epochs: 2}\ncompare: a.yaml\n" + common + "output: {dir: " + out
        + "/b}\n");
    ConfigLoader loader = new ConfigLoader(AnalysisKinds.specTypes());
    Pipeline pipeline = new Pipeline(loader, new StageCache(dir.resolve("cache"), false), Progress.SILENT);

    ReportDiff.Report rb = ReportDiff.input(b, pipeline, loader);
    ReportDiff.Report ra = ReportDiff.input(a, pipeline, loader);
    ReportDiff.write(ra, rb, dir.resolve("diff"), org.deepfig.report.ReportWriter.Options.defaults());

    assertThat(Files.readString(Path.of(out, "b", "manifest.json"))).contains("\"title\" : \"b\"");
    assertThat(Path.of(out, "b-compare")).as("b's own comparison with its baseline").doesNotExist();
    assertThat(Files.readString(dir.resolve("diff/index.html"))).contains("epochs");

    // a run of b itself still writes its comparison
    pipeline.run(b, loader.load(b), null);
    assertThat(Path.of(out, "b-compare", "index.html")).isRegularFile();
  }
}
