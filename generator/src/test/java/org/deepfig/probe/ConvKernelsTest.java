package org.deepfig.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("slow")
class ConvKernelsTest {
  @TempDir Path dir;

  /** Under the test runner's cap (AVX) oneDNN's input gradients are right; so are libtorch's own, with it off. */
  @Test
  void theRealCheckFindsTheCappedKernelsAndLibtorchsOwnRight() {
    ConvKernels.LibTorch real = ConvKernels.LibTorch.INSTANCE;
    assertThat(real.inputGradientError(true)).isLessThan(ConvKernels.TOLERANCE);
    assertThat(real.canSwitchOff()).as("libtorch's oneDNN switch reachable through JNA").isTrue();
    assertThat(OneDnnSwitch.enabled()).isTrue();
    assertThat(real.inputGradientError(false)).isLessThan(ConvKernels.TOLERANCE);
    assertThat(OneDnnSwitch.enabled()).as("switched back on").isTrue();
  }

  record Fake(double onednn, boolean canSwitchOff, double without, AtomicInteger calls)
      implements ConvKernels.Kernels {
    @Override
    public double inputGradientError(boolean on) {
      calls.incrementAndGet();
      return on ? onednn : without;
    }
  }

  @Test
  void theRouteFollowsTheCheck() {
    AtomicInteger n = new AtomicInteger();
    assertThat(ConvKernels.decide(new Fake(2e-7, true, 2e-7, n)).route()).isEqualTo(ConvKernels.Route.ONEDNN);
    assertThat(ConvKernels.decide(new Fake(0.19, true, 2e-7, n)).route()).isEqualTo(ConvKernels.Route.NATIVE);
    assertThat(ConvKernels.decide(new Fake(0.19, false, 2e-7, n)).route()).isEqualTo(ConvKernels.Route.FAULTY);
    assertThat(ConvKernels.decide(new Fake(1.0, true, 0.3, n)))
        .isEqualTo(new ConvKernels.Verdict(ConvKernels.Route.FAULTY, 1.0));
  }

  @Test
  void theVerdictIsKeptPerMachineAndCapInTheCacheFolder() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Fake faulty = new Fake(0.19, true, 2e-7, calls);
    ConvKernels.cacheIn(dir);
    try {
      try (AutoCloseable c = ConvKernels.overrideForTests("unset", null)) {
        assertThat(ConvKernels.stored(faulty)).isEqualTo(new ConvKernels.Verdict(ConvKernels.Route.NATIVE, 0.19));
        int checked = calls.get();
        assertThat(checked).isEqualTo(2);
        assertThat(ConvKernels.stored(faulty).route()).isEqualTo(ConvKernels.Route.NATIVE);
        assertThat(calls.get()).as("read from the cache folder, not checked again").isEqualTo(checked);
        List<Path> files;
        try (var s = Files.list(dir.resolve("kernel-check"))) {
          files = s.toList();
        }
        assertThat(files).hasSize(1);
        assertThat(Files.readString(files.get(0))).contains("cpu: " + ConvKernels.cpuModel())
            .contains("pytorch: 2.7.1").contains("DNNL_MAX_CPU_ISA: unset").endsWith("NATIVE 0.19\n");
      }
      try (AutoCloseable c = ConvKernels.overrideForTests("AVX", null)) {
        ConvKernels.stored(new Fake(2e-7, true, 2e-7, calls));
        assertThat(calls.get()).as("another cap is another entry").isEqualTo(3);
      }
    } finally {
      ConvKernels.cacheIn(null);
    }
  }
}
