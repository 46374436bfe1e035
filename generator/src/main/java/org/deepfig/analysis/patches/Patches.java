package org.deepfig.analysis.patches;

import java.awt.image.BufferedImage;
import org.deepfig.data.ImageSet;

/** Crops an image to a unit's receptive field; the part of the field outside the image is shown hatched grey. */
final class Patches {
  private Patches() {}

  static BufferedImage crop(ImageSet set, int image, ReceptiveField rf, int y, int x) {
    int c = set.channels();
    int h = set.height();
    int w = set.width();
    float[] img = set.image(image);
    int size = rf.size();
    BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    int y0 = rf.start(y);
    int x0 = rf.start(x);
    for (int py = 0; py < size; py++) {
      for (int px = 0; px < size; px++) {
        int iy = y0 + py;
        int ix = x0 + px;
        int rgb;
        if (iy < 0 || ix < 0 || iy >= h || ix >= w) {
          rgb = ((px + py) / 2) % 2 == 0 ? 0xC8C8CC : 0xE4E4E8; // outside the image: hatched
        } else {
          int p = iy * w + ix;
          int r = (int) (clamp(img[p]) * 255 + 0.5f);
          int gg = c == 3 ? (int) (clamp(img[h * w + p]) * 255 + 0.5f) : r;
          int b = c == 3 ? (int) (clamp(img[2 * h * w + p]) * 255 + 0.5f) : r;
          rgb = (r << 16) | (gg << 8) | b;
        }
        out.setRGB(px, py, rgb);
      }
    }
    return out;
  }

  private static float clamp(float v) {
    return Math.max(0, Math.min(1, v));
  }
}
