package org.deepfig.render;

import java.awt.image.BufferedImage;

/** Pixel statistics for comparing renderings across backends (never bytes: antialiasing differs). */
final class Pixels {
  private Pixels() {}

  /** Mean over pixels and RGB channels of |a - b|, in 0..255 units. */
  static double meanAbsoluteDifference(BufferedImage a, BufferedImage b) {
    long sum = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int shift = 0; shift <= 16; shift += 8) sum += Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff));
      }
    }
    return sum / (3.0 * a.getWidth() * a.getHeight());
  }
}
