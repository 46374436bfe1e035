package org.deepfig.render;

import java.awt.Color;

/**
 * Categorical colours for classes: matplotlib's tab10, then tab20's lighter partners for classes 10 to 19, then
 * repeating. Distinguishable on screen and in print; not meant to encode order.
 */
public final class Palette {
  private static final int[] TAB20_ORDER = {
    0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
    0xaec7e8, 0xffbb78, 0x98df8a, 0xff9896, 0xc5b0d5, 0xc49c94, 0xf7b6d2, 0xc7c7c7, 0xdbdb8d, 0x9edae5
  };

  private Palette() {}

  /** Number of distinct colours before they repeat. */
  public static int size() {
    return TAB20_ORDER.length;
  }

  /** The colour of class {@code index} (0-based). */
  public static Color categorical(int index) {
    if (index < 0) throw new IllegalArgumentException("class index must be >= 0, got " + index);
    return new Color(TAB20_ORDER[index % TAB20_ORDER.length]);
  }

  /** The first {@code n} class colours. */
  public static Color[] first(int n) {
    Color[] colours = new Color[n];
    for (int i = 0; i < n; i++) colours[i] = categorical(i);
    return colours;
  }
}
