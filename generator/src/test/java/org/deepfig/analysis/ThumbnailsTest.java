package org.deepfig.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ThumbnailsTest {
  @Test
  void theSpriteHoldsEachImageInItsCellRowMajor() throws Exception {
    List<BufferedImage> images = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      BufferedImage b = new BufferedImage(3, 3, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < 3; y++) for (int x = 0; x < 3; x++) b.setRGB(x, y, 0x101010 * (i + 1) + x);
      images.add(b);
    }
    Thumbnails t = Thumbnails.of(images);
    assertThat(t.cell()).isEqualTo(3);
    assertThat(t.columns()).isEqualTo(3);
    assertThat(t.rows()).isEqualTo(2);
    assertThat(t.dataUri()).startsWith("data:image/png;base64,");
    BufferedImage sprite = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(
        t.dataUri().substring("data:image/png;base64,".length()))));
    assertThat(sprite.getWidth()).isEqualTo(9);
    assertThat(sprite.getHeight()).isEqualTo(6);
    // image 4 sits in row 1, column 1; its pixel (2, 0) is 0x505050 + 2
    assertThat(sprite.getRGB(3 + 2, 3) & 0xFFFFFF).isEqualTo(0x505052);
    assertThat(sprite.getRGB(6, 3) & 0xFFFFFF).as("the empty sixth cell").isZero();
  }
}
