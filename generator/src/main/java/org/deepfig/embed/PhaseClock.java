package org.deepfig.embed;

import java.lang.management.ManagementFactory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall time and process CPU time per named phase, summed over laps: where a t-SNE run spends its time. CPU time
 * (all threads of the process, so the JIT and the collector too) is the steadier measure on a loaded machine.
 */
final class PhaseClock {
  private static final com.sun.management.OperatingSystemMXBean OS = os();
  private final Map<String, Double> seconds = new LinkedHashMap<>();
  private final Map<String, Double> cpu = new LinkedHashMap<>();
  private long last = System.nanoTime();
  private long lastCpu = cpuNanos();

  private static com.sun.management.OperatingSystemMXBean os() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean o ? o
        : null;
  }

  private static long cpuNanos() {
    return OS == null ? 0 : OS.getProcessCpuTime();
  }

  /** Adds the time since the previous lap to {@code phase}. */
  void lap(String phase) {
    long now = System.nanoTime();
    long nowCpu = cpuNanos();
    seconds.merge(phase, (now - last) / 1e9, Double::sum);
    cpu.merge(phase, (nowCpu - lastCpu) / 1e9, Double::sum);
    last = now;
    lastCpu = nowCpu;
  }

  /** Adds {@code cpuSeconds} of CPU time to {@code phase} (for merging clocks in benches). */
  void lapAdd(String phase, double cpuSeconds) {
    cpu.merge(phase, cpuSeconds, Double::sum);
  }

  Map<String, Double> seconds() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(seconds));
  }

  /** Process CPU seconds per phase (0 where the JVM does not tell). */
  Map<String, Double> cpuSeconds() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(cpu));
  }
}
