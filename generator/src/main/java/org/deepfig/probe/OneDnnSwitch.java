package org.deepfig.probe;

import ai.djl.engine.Engine;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * libtorch's switch for oneDNN ({@code torch.backends.mkldnn.enabled} in Python: {@code
 * at::globalContext().setUserEnabledMkldnn(bool)}), which DJL does not expose: reached through JNA in the
 * libtorch_cpu library this process loaded. With it off, libtorch's convolutions (forward and backward) use its own
 * implementation instead of oneDNN's. Unavailable (and never called) where the library or the two C++ symbols cannot
 * be found, e.g. another platform or a libtorch build that renamed them.
 */
final class OneDnnSwitch {
  private OneDnnSwitch() {}

  private static final Function GLOBAL_CONTEXT;
  private static final Function SET_ENABLED;
  private static final Function IS_ENABLED;

  static {
    Function global = null;
    Function set = null;
    Function get = null;
    try {
      Engine.getEngine("PyTorch"); // loads libtorch
      Path lib = loadedLibTorchCpu();
      if (lib != null) {
        NativeLibrary nl = NativeLibrary.getInstance(lib.toString());
        global = nl.getFunction("_ZN2at13globalContextEv");
        set = nl.getFunction("_ZN2at7Context20setUserEnabledMkldnnEb");
        get = nl.getFunction("_ZNK2at7Context17userEnabledMkldnnEv");
      }
    } catch (RuntimeException | LinkageError e) {
      global = null;
    }
    GLOBAL_CONTEXT = global;
    SET_ENABLED = set;
    IS_ENABLED = get;
  }

  /** The libtorch_cpu library mapped into this process (from /proc/self/maps), or null. */
  private static Path loadedLibTorchCpu() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/maps"), StandardCharsets.UTF_8)) {
        int at = line.indexOf('/');
        if (at >= 0 && line.endsWith("/libtorch_cpu.so")) return Path.of(line.substring(at));
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return null;
  }

  static boolean available() {
    if (GLOBAL_CONTEXT == null) return false;
    try { // the switch must read back what it was set to
      boolean now = enabled();
      set(!now);
      boolean flipped = enabled() != now;
      set(now);
      return flipped && enabled() == now;
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  static boolean enabled() {
    Pointer ctx = GLOBAL_CONTEXT.invokePointer(new Object[0]);
    return (IS_ENABLED.invokeInt(new Object[] {ctx}) & 0xff) != 0;
  }

  static void set(boolean on) {
    if (GLOBAL_CONTEXT == null) throw new IllegalStateException("libtorch's oneDNN switch is not reachable");
    Pointer ctx = GLOBAL_CONTEXT.invokePointer(new Object[0]);
    SET_ENABLED.invokeVoid(new Object[] {ctx, on});
  }
}
