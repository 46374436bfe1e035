package org.deepfig;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Ctrl-C, {@code kill} and {@code timeout}: a stop between batches, never in the middle of one.
 *
 * <p>The JVM's own answer to SIGTERM or SIGINT is to exit at once, whatever the main thread is doing; when it is
 * inside libtorch (a oneDNN convolution of a large batch, say), exiting runs libtorch's static destructors under the
 * running kernel and the process dies with SIGSEGV in {@code dnnl_primitive_execute} — issue #15's crash, which a
 * 20-minute time limit turned a slow occlusion run into (reproduced: SIGTERM during a ResNet-50 forward pass). So
 * deepfig handles these signals itself: the first asks the run to stop, and the main thread does so at the next
 * {@link #check()} (every forward pass and progress step), outside native code, with exit code 128 + the signal's
 * number and one line saying so. A second signal stops at once with SIGKILL, as {@code kill -9} would: no
 * destructor runs, and a killed run never leaves a report or a cache entry that looks finished.
 */
public final class StopSignal {
  private static volatile Signal received;
  private static final AtomicInteger COUNT = new AtomicInteger();

  private StopSignal() {}

  /** Takes over SIGINT, SIGTERM and SIGHUP for the rest of the process; call once, from main. */
  public static void install(PrintStream err) {
    for (String name : List.of("INT", "TERM", "HUP")) {
      try {
        Signal.handle(new Signal(name), s -> onSignal(s, err));
      } catch (IllegalArgumentException e) {
        // the signal does not exist here, or the JVM keeps it (-Xrs): its default stays
      }
    }
  }

  static void onSignal(Signal s, PrintStream err) {
    if (COUNT.incrementAndGet() == 1) {
      received = s;
      err.println("deepfig: SIG" + s.getName() + " received — stopping after the current batch (send it again to "
          + "stop at once)");
      err.flush();
    } else {
      err.println("deepfig: stopping at once");
      err.flush();
      try {
        new ProcessBuilder("kill", "-KILL", Long.toString(ProcessHandle.current().pid())).start().waitFor();
      } catch (Exception e) {
        Runtime.getRuntime().halt(128 + s.getNumber());
      }
    }
  }

  /** Throws {@link Stopped} once a stop was asked for. Call it between batches, never inside native code. */
  public static void check() {
    Signal s = received;
    if (s != null) throw new Stopped(s);
  }

  /** A stop asked for by a signal; the CLI turns it into exit code 128 + the signal's number. */
  public static final class Stopped extends RuntimeException {
    private final transient Signal signal;

    Stopped(Signal signal) {
      super("stopped by SIG" + signal.getName());
      this.signal = signal;
    }

    public int exitCode() {
      return 128 + signal.getNumber();
    }
  }
}
