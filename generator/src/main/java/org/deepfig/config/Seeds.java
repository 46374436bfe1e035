package org.deepfig.config;

import java.nio.charset.StandardCharsets;

/**
 * Seeds are derived, never ambient: each random choice gets a seed from (run seed, purpose, index), so adding an
 * analysis does not change the random choices of another. Training (initialisation, shuffling), data splits and
 * analyses all draw theirs here.
 */
public final class Seeds {
  private Seeds() {}

  public static long derive(long runSeed, String purpose, long index) {
    long h = 0xcbf29ce484222325L ^ runSeed;
    for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
      h ^= b;
      h *= 0x100000001b3L;
    }
    return mix(h ^ mix(index + 0x9E3779B97F4A7C15L));
  }

  /** SplitMix64's finaliser: a bijective scramble of 64 bits. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
