package org.deepfig.analysis.patches;

import java.awt.image.BufferedImage;
import org.deepfig.data.ImageSet;

/** Crops an image to a unit's receptive field; the part of the field outside the image is shown hatched grey. */
public final class Patches {
  private Patches() {}

  public static BufferedImage crop(ImageSet set, int image, ReceptiveField rf, int y, int x) {
    return crop(set.image(image), set.channels(), set.height(), set.width(), rf, y, x);
  }

  /**
   * A guided-backprop projection (C × H × W, any sign) cropped like the patch: grey 0.5 is zero, scaled so the
   * largest magnitude inside the field reaches black or white (Zeiler & Fergus show each projection contrast-
   * normalised).
   */
  static BufferedImage projection(float[] grad, int c, int h, int w, ReceptiveField rf, int y, int x) {
    int y0 = rf.start(y);
    int x0 = rf.start(x);
    float max = 0;
    for (int ch = 0; ch < c; ch++) {
      for (int iy = Math.max(0, y0); iy < Math.min(h, y0 + rf.size()); iy++) {
        for (int ix = Math.max(0, x0); ix < Math.min(w, x0 + rf.size()); ix++) {
          max = Math.max(max, Math.abs(grad[(ch * h + iy) * w + ix]));
        }
      }
    }
    float[] shown = new float[grad.length];
    for (int i = 0; i < grad.length; i++) shown[i] = max == 0 ? 0.5f : 0.5f + grad[i] / (2 * max);
    return crop(shown, c, h, w, rf, y, x);
  }

  static BufferedImage crop(float[] img, int c, int h, int w, ReceptiveField rf, int y, int x) {
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
