package org.deepfig.provenance;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The versions a result depends on: results can differ across platforms, so they are recorded, not assumed. */
public final class Versions {
  private Versions() {}

  private static final String VERSION = readVersion();

  /** deepfig's version (the Maven project version, from a resource: the same in the jar and a build folder). */
  public static String deepfig() {
    return VERSION;
  }

  private static String readVersion() {
    try (var in = Versions.class.getResourceAsStream("/deepfig/version.properties")) {
      if (in == null) return "dev";
      java.util.Properties p = new java.util.Properties();
      p.load(in);
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }

  private static volatile String fingerprint;

  /**
   * A hash of deepfig's own code (its jar, or its class files when run from a build folder): part of every stage
   * cache key, so a cache entry written by other code is never reused. Not embedded in figure files, so figures
   * that the same inputs make stay byte-identical across code changes that do not alter them.
   */
  public static String codeFingerprint() {
    if (fingerprint == null) {
      try {
        Path where = Path.of(Versions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        fingerprint = java.nio.file.Files.isRegularFile(where) ? Hashes.sha256(where) : Hashes.sha256Tree(where);
      } catch (Exception e) {
        fingerprint = deepfig();
      }
    }
    return fingerprint;
  }

  /** The environment variable that caps oneDNN's CPU kernels; see README, "Known problems". */
  public static final String ONEDNN_ISA = "DNNL_MAX_CPU_ISA";

  /**
   * Recorded (in cache keys and the manifest) only where oneDNN's convolution backward is wrong and gradients are
   * taken with libtorch's own convolution instead ({@code ConvKernels.Route.NATIVE}); absent otherwise, so that keys
   * and manifests made where the kernels are right stay as they were.
   */
  public static final String CONV_GRADIENTS_NATIVE = "libtorch without oneDNN";

  /** oneDNN's CPU kernel cap in force for this process, or "unset" (then oneDNN picks the newest the CPU has). */
  public static String onednnIsa() {
    String v = System.getenv(ONEDNN_ISA);
    return v == null || v.isBlank() ? "unset" : v;
  }

  /**
   * The versions a run records (manifest, report): deepfig, Java, the platform, DJL, libtorch, oneDNN's cap.
   *
   * @param nativeConvGradients whether convolution gradients are taken without oneDNN in this process (the probe
   *     decides it: {@code ConvKernels.versions()} passes it)
   */
  public static Map<String, String> runtime(boolean nativeConvGradients) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("deepfig", deepfig());
    m.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    m.put("os_arch", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    m.put("djl", Engine.getDjlVersion());
    m.put("pytorch", Engine.getEngine("PyTorch").getVersion());
    m.put(ONEDNN_ISA, onednnIsa());
    if (nativeConvGradients) m.put("conv_gradients", CONV_GRADIENTS_NATIVE);
    return m;
  }

  /** The commit of the git repository holding {@code dir}, with "-dirty" if it has changes; null if none. */
  public static String gitCommit(Path dir) {
    String head = git(dir, "rev-parse", "HEAD");
    if (head == null) return null;
    String status = git(dir, "status", "--porcelain", "--untracked-files=no");
    return status != null && !status.isBlank() ? head + "-dirty" : head;
  }

  private static String git(Path dir, String... args) {
    try {
      String[] cmd = new String[args.length + 3];
      cmd[0] = "git";
      cmd[1] = "-C";
      cmd[2] = dir.toAbsolutePath().toString();
      System.arraycopy(args, 0, cmd, 3, args.length);
      Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
      p.getOutputStream().close();
      p.getErrorStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
      return new String(out, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
