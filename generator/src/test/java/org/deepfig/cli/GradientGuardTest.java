package org.deepfig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deepfig.cli.MainTest.Outcome;
import org.deepfig.probe.ConvKernels;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #21's guard: where oneDNN's convolution backward gives wrong input gradients in this process and deepfig
 * cannot route around it, the figures that take gradients are refused in the pre-flight (validate, and run before
 * training) with one line saying how to set the cap, never drawn wrong. The start-up check is replaced by a fake:
 * oneDNN wrong unless capped at AVX, libtorch's switch reachable or not.
 */
@Tag("slow")
class GradientGuardTest {
  @TempDir Path dir;

  static final String SHAPES = """
      title: t
      device: cpu
      seed: 1
      data: {source: shapes, train_size: 64, test_size: 8, image_size: 16}
      train: {epochs: 1, batch_size: 32}
      figures:
        - kind: confusion
      """;

  /** oneDNN's input gradients 19% off unless capped at AVX; libtorch's own convolution right when reachable. */
  record Fake(String cap, boolean canSwitchOff) implements ConvKernels.Kernels {
    @Override
    public double inputGradientError(boolean onednn) {
      return onednn && !cap.equals("AVX") ? 0.19 : 3e-7;
    }
  }

  static AutoCloseable machine(String cap, boolean canSwitchOff) {
    return ConvKernels.overrideForTests(cap, new Fake(cap, canSwitchOff));
  }

  @Test
  void withoutTheCapGradientFiguresAreRefusedBeforeTraining() throws Exception {
    Path cfg = dir.resolve("sal.yaml");
    Files.writeString(cfg, SHAPES + "  - kind: saliency\n    images: [0]\n");
    Path out = dir.resolve("out");
    Path cache = dir.resolve("cache");
    try (AutoCloseable m = machine("unset", false)) {
      Outcome v = MainTest.run("validate", cfg.toString());
      assertThat(v.code()).as(v.err()).isEqualTo(2);
      assertThat(v.err().strip()).isEqualTo("error: " + cfg + ":8:5: saliency takes input gradients, which this "
          + "process's oneDNN convolution kernels compute wrongly on this CPU (start-up check: 19% error with "
          + "DNNL_MAX_CPU_ISA=unset; README, Known problems) — export DNNL_MAX_CPU_ISA=AVX before starting deepfig "
          + "(the ./deepfig launcher sets it)");
      Outcome r = MainTest.run("run", cfg.toString(), "--out", out.toString(), "--cache", cache.toString());
      PreflightCommandTest.refusedBeforeTraining(v, r, out, cache);
    }
  }

  @Test
  void everyKindThatTakesGradientsIsRefusedAndTheOthersAreNot() throws Exception {
    String[][] cases = {
        {"  - kind: activation-max\n    steps: 1\n", "activation-max"},
        {"  - kind: top-patches\n", "top-patches"}, // guided-backprop projections
        {"  - kind: saliency\n    methods: [Grad-CAM]\n    sanity_check: false\n", "saliency"},
        {"  - kind: top-patches\n    projections: false\n", null}, // receptive fields derived, no gradient
        {"  - kind: saliency\n    methods: [occlusion]\n", null},
        {"  - kind: activations\n    images: [0]\n  - kind: filters\n  - kind: dead-units\n", null}};
    try (AutoCloseable m = machine("unset", false)) {
      for (String[] c : cases) {
        Path cfg = dir.resolve("c.yaml");
        Files.writeString(cfg, SHAPES + c[0]);
        Outcome v = MainTest.run("validate", cfg.toString());
        if (c[1] == null) {
          assertThat(v.code()).as(c[0] + v.err()).isZero();
        } else {
          assertThat(v.code()).as(c[0]).isEqualTo(2);
          assertThat(v.err()).startsWith("error: " + cfg + ":8:5: " + c[1] + " takes input gradients")
              .contains("export DNNL_MAX_CPU_ISA=AVX");
        }
      }
    }
  }

  @Test
  void withTheCapTheSameConfigRunsAndDrawsItsSaliencyMaps() throws Exception {
    Path cfg = dir.resolve("sal.yaml");
    Files.writeString(cfg, SHAPES + "  - kind: saliency\n    images: [0]\n    methods: [gradient]\n"
        + "    sanity_check: false\n    score_images: 0\n");
    Path out = dir.resolve("out");
    try (AutoCloseable m = machine("AVX", false)) {
      assertThat(MainTest.run("validate", cfg.toString()).code()).isZero();
      Outcome r = MainTest.run("run", cfg.toString(), "--out", out.toString(), "--cache",
          dir.resolve("cache").toString());
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(Files.readString(out.resolve("index.html"))).contains("<h2 id=\"saliency-h\">Attribution maps</h2>");
      assertThat(r.out()).doesNotContain("oneDNN off");
    }
  }

  @Test
  void withoutTheCapButWithLibtorchsSwitchGradientFiguresAreAllowed() throws Exception {
    Path cfg = dir.resolve("sal.yaml");
    Files.writeString(cfg, SHAPES + "  - kind: saliency\n    images: [0]\n");
    try (AutoCloseable m = machine("unset", true)) {
      assertThat(ConvKernels.route()).isEqualTo(ConvKernels.Route.NATIVE);
      Outcome v = MainTest.run("validate", cfg.toString());
      assertThat(v.code()).as(v.err()).isZero();
    }
  }
}
