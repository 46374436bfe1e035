package org.deepfig.embed;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Wall time per named phase, summed over laps: where a t-SNE run spends its time. */
final class PhaseClock {
  private final Map<String, Double> seconds = new LinkedHashMap<>();
  private long last = System.nanoTime();

  /** Adds the time since the previous lap to {@code phase}. */
  void lap(String phase) {
    long now = System.nanoTime();
    seconds.merge(phase, (now - last) / 1e9, Double::sum);
    last = now;
  }

  Map<String, Double> seconds() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(seconds));
  }
}
