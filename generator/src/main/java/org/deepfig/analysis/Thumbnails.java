package org.deepfig.analysis;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Small images that a figure's hover annotations show (a hotspot names its cell by index): one PNG sprite of
 * {@code columns} × {@code rows} cells of {@code cell} pixels, as a data: URI, so the report stays one request per
 * figure, works offline and inlines into the single-file report.
 */
public record Thumbnails(String dataUri, int cell, int columns, int rows) {
  public static Thumbnails of(List<BufferedImage> images) {
    if (images.isEmpty()) throw new IllegalArgumentException("no thumbnails");
    int cell = images.get(0).getWidth();
    int columns = (int) Math.ceil(Math.sqrt(images.size()));
    int rows = (images.size() + columns - 1) / columns;
    BufferedImage sprite = new BufferedImage(columns * cell, rows * cell, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < images.size(); i++) {
      BufferedImage im = images.get(i);
      for (int y = 0; y < Math.min(cell, im.getHeight()); y++) {
        for (int x = 0; x < Math.min(cell, im.getWidth()); x++) {
          sprite.setRGB((i % columns) * cell + x, (i / columns) * cell + y, im.getRGB(x, y));
        }
      }
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(sprite, "png", out);
      return new Thumbnails("data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray()), cell,
          columns, rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
