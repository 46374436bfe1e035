package org.deepfig.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue #21: gradients must be right without the oneDNN cap the launcher and the test runner set. Runs {@link
 * ProbeTest} (finite differences at every pixel, the same gradient twice: zoo LeNet-5, VGG, ResNet) and the
 * TorchScript CNN's gradient tests (against PyTorch's own) in a JVM whose oneDNN picks the CPU's newest kernels. On
 * a CPU with the fault (libtorch 2.7.1, AVX2/AVX-512), they pass only because {@link ConvKernels} takes gradients
 * with oneDNN off; remove that and this test fails.
 */
@Tag("slow")
class FullInstructionSetTest {
  @Test
  void probeTestPassesWithoutTheOneDnnCap() throws IOException, InterruptedException {
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx3g",
        "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), FullInstructionSet.class.getName());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("DNNL_MAX_CPU_ISA");
    pb.environment().remove("ONEDNN_MAX_CPU_ISA");
    pb.environment().put("TORCH_CPP_LOG_LEVEL", "ERROR");
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    String verdict = out.lines().filter(l -> l.startsWith("verdict: ")).findFirst().orElse("(none)\n" + out);
    System.out.println(verdict); // in the test report: which route this CPU took
    assumeFalse(verdict.startsWith("verdict: FAULTY"), "oneDNN's kernels are wrong here and libtorch's switch "
        + "cannot be reached: deepfig refuses gradient figures without the cap (ConvKernelsGuardTest)");
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains(" 0 failed").doesNotContain(" 0 passed");
  }
}
