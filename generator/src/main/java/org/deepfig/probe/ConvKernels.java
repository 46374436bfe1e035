package org.deepfig.probe;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.deepfig.UserError;
import org.deepfig.provenance.Hashes;
import org.deepfig.provenance.Versions;
import org.deepfig.provenance.AtomicFiles;

/**
 * Whether this process's convolution kernels give right input gradients, and how deepfig takes gradients so that
 * they are right (README, Known problems).
 *
 * <p>libtorch 2.7.1's oneDNN 3.7.1 computes a convolution's input gradient (its {@code backward_data} primitive,
 * implementations {@code jit:avx512_core} and {@code jit:avx2}) wrongly, and differently from call to call, when the
 * convolution's number of output channels is not a multiple of the kernel's channel block (16 for AVX-512, 8 for
 * AVX2): LeNet-5's first convolution has 6. The forward pass and the weight gradient are right, so training is not
 * affected; saliency, activation maximisation and every other input gradient are. Capping oneDNN at AVX
 * ({@code DNNL_MAX_CPU_ISA=AVX}) selects a right implementation (gemm) for the whole process.
 *
 * <p>A start-up check computes the input gradients of two tiny convolutions (1→6 channels 5×5, 3→10 channels 3×3
 * stride 2) twice and compares them with their exact value computed here in double (for a convolution, a linear map,
 * exactly what its finite differences give). Its verdict is one of three {@link Route}s, kept per machine in the stage
 * cache folder under the CPU model, libtorch's version and the cap, so later runs skip the check.
 */
public final class ConvKernels {
  private ConvKernels() {}

  /** How this process takes input gradients through convolutions. */
  public enum Route {
    /** oneDNN's kernels are right: gradients are taken as everything else is. */
    ONEDNN,
    /**
     * oneDNN's kernels are wrong, but libtorch's switch for oneDNN can be reached and libtorch's own convolution is
     * right: oneDNN is off while gradients are taken, on for everything else (training, forward passes).
     */
    NATIVE,
    /** Wrong, and no way around in this process: the figures that take gradients are refused. */
    FAULTY
  }

  /** The check's outcome: the route and the relative error oneDNN's kernels showed. */
  public record Verdict(Route route, double onednnError) {
    String line() {
      return route + " " + onednnError;
    }

    static Verdict parse(String s) {
      String[] p = s.strip().split(" ");
      return new Verdict(Route.valueOf(p[0]), Double.parseDouble(p[1]));
    }
  }

  /** What the check measures; tests replace it with a fake ({@link #overrideForTests}). */
  public interface Kernels {
    /**
     * The largest relative error of the probe convolutions' input gradients, with oneDNN on or off (0 = exact;
     * a gradient that differs between two identical calls counts as at least 1).
     */
    double inputGradientError(boolean onednn);

    /** Whether oneDNN can be switched off for convolutions in this process. */
    boolean canSwitchOff();
  }

  /** Relative error above which the kernels are wrong: float32 rounding stays below 1e-6, the fault is near 0.2. */
  static final double TOLERANCE = 1e-4;

  /** Bumped whenever the check changes, so verdicts stored by another check are not reused. */
  private static final String CHECK_VERSION = "1";

  private static volatile Verdict verdict;
  private static volatile Path cacheRoot;
  private static volatile Kernels testKernels;
  private static volatile String testCap;
  private static int offDepth;

  /** Where verdicts are kept (the stage cache folder); null keeps them in this process only. */
  public static void cacheIn(Path root) {
    cacheRoot = root;
  }

  /** The check's verdict for this process: from the cache folder when this machine was checked before. */
  public static Verdict verdict() {
    Kernels fake = testKernels;
    if (fake != null) return decide(fake);
    Verdict v = verdict;
    if (v == null) {
      synchronized (ConvKernels.class) {
        if (verdict == null) verdict = stored(LibTorch.INSTANCE);
        v = verdict;
      }
    }
    return v;
  }

  public static Route route() {
    return verdict().route();
  }

  /** The numerics of a computation on {@code device} in this process, the kernels' route included (cache keys). */
  public static org.deepfig.provenance.Numerics numerics(Device device) {
    return org.deepfig.provenance.Numerics.of(device, route() == Route.NATIVE);
  }

  /** The versions this process records in manifests and reports, the kernels' route included. */
  public static java.util.Map<String, String> versions() {
    return Versions.runtime(route() == Route.NATIVE);
  }

  /** The oneDNN cap in force, as the check sees it ("unset" when none). */
  public static String cap() {
    String c = testCap;
    return c != null ? c : Versions.onednnIsa();
  }

  static Verdict decide(Kernels k) {
    double onednn = k.inputGradientError(true);
    if (onednn <= TOLERANCE) return new Verdict(Route.ONEDNN, onednn);
    if (k.canSwitchOff() && k.inputGradientError(false) <= TOLERANCE) return new Verdict(Route.NATIVE, onednn);
    return new Verdict(Route.FAULTY, onednn);
  }

  static Verdict stored(Kernels k) {
    String key = String.join("\n", "deepfig conv-kernel check " + CHECK_VERSION, "cpu: " + cpuModel(),
        "pytorch: " + Engine.getEngine("PyTorch").getVersion(), Versions.ONEDNN_ISA + ": " + cap());
    Path root = cacheRoot;
    Path file = root == null ? null : root.resolve("kernel-check").resolve(
        Hashes.sha256(key.getBytes(StandardCharsets.UTF_8)).substring(0, 16) + ".txt");
    if (file != null) {
      try {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() == 5 && String.join("\n", lines.subList(0, 4)).equals(key)) return Verdict.parse(lines.get(4));
      } catch (IOException | RuntimeException e) {
        // not checked on this machine yet, or unreadable: check again
      }
    }
    Verdict v = decide(k);
    if (file != null) {
      try { // a cache that cannot be written only costs the check next time
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, (key + "\n" + v.line() + "\n").getBytes(StandardCharsets.UTF_8));
      } catch (IOException | RuntimeException e) {
        // read-only or full cache
      }
    }
    return v;
  }

  /** The CPU's model name and a hash of its feature flags (from /proc/cpuinfo; "unknown" elsewhere). */
  static String cpuModel() {
    try {
      String model = "unknown";
      String flags = "";
      for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
        if (l.startsWith("model name") && model.equals("unknown")) model = l.substring(l.indexOf(':') + 1).strip();
        if (l.startsWith("flags") && flags.isEmpty()) flags = l.substring(l.indexOf(':') + 1).strip();
      }
      return model + " (flags " + Hashes.sha256(flags.getBytes(StandardCharsets.UTF_8)).substring(0, 12) + ")";
    } catch (IOException | RuntimeException e) {
      return System.getProperty("os.arch") + " " + Runtime.getRuntime().availableProcessors() + " CPUs";
    }
  }

  /**
   * Opens a stretch of code that takes gradients on {@code device}; close it when done. With route {@link
   * Route#NATIVE} oneDNN is off until then; with {@link Route#FAULTY} this refuses, so that no wrong gradient is
   * ever returned (deepfig's pre-flight refuses such figures before training; this guards library use).
   */
  public static AutoCloseable forGradients(Device device) {
    if (!Device.Type.CPU.equals(device.getDeviceType())) return () -> {};
    Verdict v = verdict();
    switch (v.route()) {
      case ONEDNN:
        return () -> {};
      case FAULTY:
        throw refusal("gradients", v);
      default:
        break;
    }
    synchronized (ConvKernels.class) {
      if (offDepth++ == 0) OneDnnSwitch.set(false);
    }
    return () -> {
      synchronized (ConvKernels.class) {
        if (--offDepth == 0) OneDnnSwitch.set(true);
      }
    };
  }

  /** Runs {@code body} inside {@link #forGradients}. */
  public static <T> T withGradients(Device device, java.util.function.Supplier<T> body) {
    try (AutoCloseable c = forGradients(device)) {
      return body.get();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The one-line refusal of {@code what} (a figure kind) on this machine. */
  public static UserError refusal(String what, Verdict v) {
    return new UserError(what, refusalMessage(what, v), refusalFix());
  }

  public static String refusalMessage(String what, Verdict v) {
    return String.format(Locale.ROOT, "%s takes input gradients, which this process's oneDNN convolution kernels "
        + "compute wrongly on this CPU (start-up check: %.0f%% error with %s=%s; README, Known problems)", what,
        100 * Math.min(1, v.onednnError()), Versions.ONEDNN_ISA, cap());
  }

  public static String refusalFix() {
    return "export " + Versions.ONEDNN_ISA + "=AVX before starting deepfig (the ./deepfig launcher sets it)";
  }

  /** Replaces the check and the cap for a test; close to restore. */
  public static AutoCloseable overrideForTests(String cap, Kernels kernels) {
    testCap = cap;
    testKernels = kernels;
    return () -> {
      testKernels = null;
      testCap = null;
    };
  }

  /**
   * The reproduction for users and for an upstream report (scripts/check-conv-gradients.sh): the input-gradient error
   * of single convolutions of several shapes, with oneDNN on (at this process's cap) and off, then the verdict.
   * {@code ONEDNN_VERBOSE=1} makes oneDNN name each primitive's implementation.
   */
  public static void main(String[] args) {
    int[][] shapes = { // in channels, out channels, kernel, stride, padding, image side
        {1, 6, 5, 1, 2, 28}, {3, 6, 5, 1, 2, 32}, {1, 6, 5, 2, 0, 28}, {1, 6, 3, 1, 1, 28}, {1, 12, 3, 1, 1, 28},
        {1, 12, 5, 1, 2, 28}, {1, 8, 5, 1, 2, 28}, {1, 16, 5, 1, 2, 28}, {6, 16, 5, 1, 0, 14}, {16, 6, 5, 1, 2, 14},
        {3, 32, 3, 1, 1, 32}};
    System.out.println("libtorch " + Engine.getEngine("PyTorch").getVersion() + ", " + Versions.ONEDNN_ISA + "="
        + cap() + ", CPU " + cpuModel());
    boolean canSwitch = OneDnnSwitch.available();
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      for (int[] s : shapes) {
        String name = String.format(Locale.ROOT, "conv %d→%d channels, %d×%d kernel, stride %d, padding %d, "
            + "1×%d×%d×%d input", s[0], s[1], s[2], s[2], s[3], s[4], s[0], s[5], s[5]);
        double on = LibTorch.error(m, s[0], s[1], s[2], s[3], s[4], s[5]);
        String off = "";
        if (canSwitch) {
          OneDnnSwitch.set(false);
          try {
            off = String.format(Locale.ROOT, ", without oneDNN %.1e", LibTorch.error(m, s[0], s[1], s[2], s[3], s[4],
                s[5]));
          } finally {
            OneDnnSwitch.set(true);
          }
        }
        System.out.printf(Locale.ROOT, "%-70s input-gradient error with oneDNN %.1e %s%s%n", name, on,
            on > TOLERANCE ? "WRONG" : "ok", off);
      }
    }
    Verdict v = decide(LibTorch.INSTANCE);
    System.out.println("verdict: " + v.route() + switch (v.route()) {
      case ONEDNN -> " (oneDNN's convolution gradients are right here)";
      case NATIVE -> " (oneDNN's are wrong here; deepfig takes gradients with oneDNN off)";
      case FAULTY -> " (wrong, and libtorch's switch is out of reach: deepfig refuses gradient figures without "
          + Versions.ONEDNN_ISA + "=AVX)";
    });
  }

  /** The real check, on this process's libtorch. */
  static final class LibTorch implements Kernels {
    static final LibTorch INSTANCE = new LibTorch();

    @Override
    public boolean canSwitchOff() {
      return OneDnnSwitch.available();
    }

    @Override
    public double inputGradientError(boolean onednn) {
      synchronized (ConvKernels.class) {
        boolean was = !onednn && OneDnnSwitch.available();
        if (was) OneDnnSwitch.set(false);
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
          return Math.max(error(m, 1, 6, 5, 1, 2, 12), error(m, 3, 10, 3, 2, 1, 9));
        } finally {
          if (was) OneDnnSwitch.set(true);
        }
      }
    }

    /**
     * The input gradient of sum(R ⊙ conv(x)) for one c-channel h×h image, twice, against its exact value: the
     * largest error relative to the gradient's largest entry; at least 1 when the two calls differ, infinite for NaN.
     */
    static double error(NDManager m, int c, int o, int k, int stride, int pad, int h) {
      int oh = (h + 2 * pad - k) / stride + 1;
      Random r = new Random(1);
      float[] x = new float[c * h * h];
      float[] w = new float[o * c * k * k];
      float[] rr = new float[o * oh * oh];
      for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
      for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
      for (int i = 0; i < rr.length; i++) rr[i] = (float) r.nextGaussian();
      double[] exact = new double[x.length];
      for (int oc = 0; oc < o; oc++) {
        for (int oy = 0; oy < oh; oy++) {
          for (int ox = 0; ox < oh; ox++) {
            double g = rr[(oc * oh + oy) * oh + ox];
            for (int ci = 0; ci < c; ci++) {
              for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                  int y = oy * stride - pad + ky;
                  int xx = ox * stride - pad + kx;
                  if (y >= 0 && y < h && xx >= 0 && xx < h) {
                    exact[(ci * h + y) * h + xx] += g * w[((oc * c + ci) * k + ky) * k + kx];
                  }
                }
              }
            }
          }
        }
      }
      float[] first = gradient(m, x, w, rr, c, o, k, stride, pad, h, oh);
      float[] second = gradient(m, x, w, rr, c, o, k, stride, pad, h, oh);
      double scale = 0;
      double worst = 0;
      for (double e : exact) scale = Math.max(scale, Math.abs(e));
      for (int i = 0; i < exact.length; i++) {
        double e = Math.abs(first[i] - exact[i]) / scale;
        worst = Math.max(worst, Double.isNaN(e) ? Double.POSITIVE_INFINITY : e); // NaN: read uninitialised memory
        if (Float.compare(first[i], second[i]) != 0) worst = Math.max(worst, 1);
      }
      return worst;
    }

    private static float[] gradient(NDManager parent, float[] x, float[] w, float[] rr, int c, int o, int k,
        int stride, int pad, int h, int oh) {
      try (NDManager m = parent.newSubManager()) {
        NDArray in = m.create(x, new Shape(1, c, h, h));
        in.setRequiresGradient(true);
        NDArray weight = m.create(w, new Shape(o, c, k, k));
        NDArray seed = m.create(rr, new Shape(1, o, oh, oh));
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
          NDArray out = Conv2d.conv2d(in, weight, null, new Shape(stride, stride), new Shape(pad, pad),
              new Shape(1, 1), 1).singletonOrThrow();
          gc.backward(out.mul(seed).sum());
        }
        return in.getGradient().toFloatArray();
      }
    }
  }
}
