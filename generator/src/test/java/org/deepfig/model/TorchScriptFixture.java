package org.deepfig.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * TorchScript files the tests make themselves: {@code src/test/resources/torchscript/small_cnn.py} defines a small CNN
 * (conv, BatchNorm with non-trivial running statistics, ReLU, pool, Dropout, linear), exports it through
 * {@code scripts/export_torchscript.py} and writes PyTorch's own logits and gradients. Made once per JVM; tests are
 * skipped when Debian's {@code /usr/bin/python3} has no torch ({@code scripts/install-deps.sh} installs it).
 */
public final class TorchScriptFixture {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static Path dir;
  private static String skipReason;

  private TorchScriptFixture() {}

  /** The folder with small.pt (+ sidecar), bare.pt, seven.pt, grey.pt and reference.json; skips the test if absent. */
  public static synchronized Path dir() {
    if (dir == null && skipReason == null) make();
    assumeTrue(skipReason == null, skipReason);
    return dir;
  }

  public static JsonNode reference() {
    try {
      return new ObjectMapper().readTree(dir().resolve("reference.json").toFile());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static float[] floats(JsonNode array) {
    float[] out = new float[array.size()];
    for (int i = 0; i < out.length; i++) out[i] = (float) array.get(i).asDouble();
    return out;
  }

  /** scripts/export_torchscript.py, found from the working directory (the module or the project root). */
  public static Path exportScript() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path s = p.resolve("scripts/export_torchscript.py");
      if (Files.isRegularFile(s)) return s;
    }
    throw new IllegalStateException("scripts/export_torchscript.py not found above " + Path.of("").toAbsolutePath());
  }

  private static void make() {
    try {
      if (!Files.isExecutable(PYTHON) || run(PYTHON.toString(), "-c", "import torch") != 0) {
        skipReason = "/usr/bin/python3 cannot import torch: run scripts/install-deps.sh (installs python3-torch)";
        return;
      }
      Path d = Files.createTempDirectory("deepfig-torchscript");
      Path script = Path.of(TorchScriptFixture.class.getResource("/torchscript/small_cnn.py").toURI());
      int code = run(PYTHON.toString(), script.toString(), exportScript().toString(), d.toString());
      if (code != 0) throw new IllegalStateException("small_cnn.py failed with exit code " + code);
      dir = d;
    } catch (IOException | InterruptedException | java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("timed out: " + String.join(" ", cmd));
    }
    if (p.exitValue() != 0 && cmd.length > 2) System.err.println(out);
    return p.exitValue();
  }
}
