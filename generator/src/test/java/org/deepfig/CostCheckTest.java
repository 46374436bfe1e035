package org.deepfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deepfig.analysis.AnalysisKinds;
import org.deepfig.analysis.Cost;
import org.deepfig.analysis.Timing;
import org.deepfig.analysis.saliency.SaliencyCosts;
import org.deepfig.config.ConfigLoader;
import org.deepfig.config.ExperimentConfig;
import org.deepfig.provenance.StageCache;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cost estimate and {@code --max-minutes}, with a fake timing (so the numbers are exact and the test does not
 * depend on the machine's speed): the size-relative saliency defaults, the passes they cost at 224 px against the
 * old fixed defaults (the issue #15 run), the one-line notice naming the cheaper option, and a run refused before
 * its evaluation and figures.
 */
@Tag("slow")
class CostCheckTest {
  @TempDir Path dir;

  /** Half a second per image forward, one and a half with the gradient: ResNet-50 at 224 px on a slow CPU. */
  static final Timing SLOW = new Timing(0.5, 1.5);

  @Test
  void occlusionAt224PxCostsAboutAsManyPassesAsAt32() {
    // defaults relative to the side: 42-px patches every 14 px at 224, 6 every 2 at 32: 14 × 14 positions each
    assertThat(SaliencyCosts.occlusionPasses(224, null, null)).isEqualTo(14 * 14 + 1);
    assertThat(SaliencyCosts.occlusionPasses(32, null, null)).isEqualTo(14 * 14 + 1);
    // the old fixed defaults (6-px patches, stride 2) at 224 px: 110 × 110 positions, the issue's ~12,000 passes
    assertThat(SaliencyCosts.occlusionPasses(224, 6, 2)).isEqualTo(110 * 110 + 1);
  }

  @Test
  void sizeRelativeDefaultsKeepTheSmallImageValues() {
    assertThat(SaliencyCosts.defaults(28)).containsExactly(6, 2, 16, 32);
    assertThat(SaliencyCosts.defaults(32)).containsExactly(6, 2, 16, 32);
    assertThat(SaliencyCosts.defaults(224)).containsExactly(42, 14, 8, 16);
  }

  @Test
  void aSlowStageIsNamedInOneLineWithTheOptionThatMakesItCheaper() {
    Cost occlusion = SaliencyCosts.occlusion(224, 6, 2).times(2); // 2 images, old defaults: 24,202 forward passes
    List<String> log = new ArrayList<>();
    double total = CostCheck.check(List.of(new CostCheck.Stage("the test-set evaluation", Cost.forward(100, "", null)),
        new CostCheck.Stage("figure saliency (figures[2])", occlusion)), SLOW, null, PipelineTest.recording(log));
    assertThat(total).isEqualTo(50 + 0.5 * 2 * (110 * 110 + 1));
    // 50 s of evaluation is under the threshold: one line, for the saliency figure only
    assertThat(log).hasSize(1);
    assertThat(log.get(0)).isEqualTo("estimate: figure saliency (figures[2]) will take about 3.4 h, mostly occlusion "
        + "(12100 patch positions per image); occlusion_stride: 4 makes it cheaper");
  }

  @Test
  void maxMinutesRefusesARunThatWouldTakeLonger() {
    List<CostCheck.Stage> stages = List.of(new CostCheck.Stage("the test-set evaluation", Cost.forward(200,
        "200 test images", "data.test_size: 50")), new CostCheck.Stage("figure saliency (figures[1])",
        SaliencyCosts.occlusion(224, null, null).times(4)));
    // 100 s + 4 × 197 × 0.5 s = 494 s ≈ 8.2 min
    assertThat(CostCheck.check(stages, SLOW, 10.0, Progress.SILENT)).isEqualTo(100 + 2 * 197.0);
    assertThatThrownBy(() -> CostCheck.check(stages, SLOW, 5.0, Progress.SILENT))
        .isInstanceOf(UserError.class)
        .satisfies(e -> {
          UserError u = (UserError) e;
          assertThat(u.where()).isEqualTo("--max-minutes 5");
          assertThat(u.getMessage()).startsWith("this run would take about 8.2 min (figure saliency (figures[1]) "
              + "6.6 min, the test-set evaluation 1.7 min;");
          assertThat(u.fix()).isEqualTo("raise --max-minutes, or make figure saliency (figures[1]) cheaper with "
              + "occlusion_stride: 28");
        });
  }

  @Test
  void aRunOverTheLimitStopsBeforeEvaluatingAndWritesNothing() throws Exception {
    ConfigLoader loader = new ConfigLoader(AnalysisKinds.specTypes());
    Path cfg = Files.writeString(dir.resolve("tiny.yaml"), """
        seed: 1
        device: cpu
        data: {source: shapes, train_size: 64, test_size: 32, image_size: 32}
        model: {arch: mlp}
        train: {epochs: 1}
        figures:
          - kind: saliency
            images: [0, 1]
            methods: [occlusion, SmoothGrad]
            sanity_check: false
            score_images: 0
        """);
    ExperimentConfig c = loader.load(cfg);
    List<String> log = new ArrayList<>();
    int[] measured = {0};
    Pipeline p = new Pipeline(loader, new StageCache(dir.resolve("cache"), false), PipelineTest.recording(log))
        .budget(1.0, (net, manager, images) -> {
          measured[0]++;
          return SLOW;
        });
    Path out = dir.resolve("out");
    // 32 × 0.5 s evaluation + 2 × (197 × 0.5 + 16 × 1.5) + 2 × 0.5 s saliency = 262 s > 60 s
    assertThatThrownBy(() -> p.run(cfg, c, out)).isInstanceOf(UserError.class)
        .hasMessageContaining("about 4.4 min");
    assertThat(measured[0]).isEqualTo(1);
    assertThat(log).noneMatch(l -> l.startsWith("test accuracy") || l.startsWith("figure "));
    assertThat(log).anyMatch(l -> l.equals("estimate: figure saliency (figures[0]) will take about 4.1 min, mostly "
        + "occlusion (196 patch positions per image); occlusion_stride: 4 makes it cheaper"));
    assertThat(out).doesNotExist();
  }
}
