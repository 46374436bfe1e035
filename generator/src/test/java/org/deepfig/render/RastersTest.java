package org.deepfig.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class RastersTest {
  @Test
  void twoByTwoMapGetsTheColoursOfItsNormalisedValues() {
    float[] map = {0f, 4f, 2f, 1f}; // row-major: (0,0)=0 (0,1)=4 / (1,0)=2 (1,1)=1
    BufferedImage img = Rasters.ofMap(map, 2, 2, ColourMap.greys());
    assertThat(rgb(img, 0, 0)).isEqualTo(0x000000);
    assertThat(rgb(img, 1, 0)).isEqualTo(0xffffff);
    assertThat(rgb(img, 0, 1)).isEqualTo(0x808080); // 2/4 → index round(127.5) = 128
    assertThat(rgb(img, 1, 1)).isEqualTo(0x404040); // 1/4 → index round(63.75) = 64
  }

  @Test
  void rgbImageIsReadChannelPlaneByPlane() {
    // C×H×W with H=1, W=2: pixel 0 red, pixel 1 cyan-ish
    float[] chw = {1f, 0f, 0f, 0.5f, 0f, 1f};
    BufferedImage img = Rasters.ofImage(chw, 3, 1, 2);
    assertThat(rgb(img, 0, 0)).isEqualTo(0xff0000);
    assertThat(rgb(img, 1, 0)).isEqualTo(0x0080ff);
  }

  @Test
  void greyImageValuesAreClampedToTheUnitInterval() {
    BufferedImage img = Rasters.ofImage(new float[] {-1f, 2f}, 1, 1, 2);
    assertThat(rgb(img, 0, 0)).isEqualTo(0x000000);
    assertThat(rgb(img, 1, 0)).isEqualTo(0xffffff);
  }

  @Test
  void drawingScalesWithNearestNeighbourSoCellsStaySolid() {
    BufferedImage src = Rasters.ofMap(new float[] {0f, 1f, 1f, 0f}, 2, 2, ColourMap.greys());
    BufferedImage canvas = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas.createGraphics();
    Rasters.draw(g, src, 0, 0, 40, 40);
    g.dispose();
    // the pixel just left of the boundary is still pure black: no interpolation blur
    assertThat(rgb(canvas, 19, 5)).isEqualTo(0x000000);
    assertThat(rgb(canvas, 20, 5)).isEqualTo(0xffffff);
    assertThat(rgb(canvas, 5, 39)).isEqualTo(0xffffff);
  }

  @Test
  void smallImagesAreUpscaledByAnIntegerFactorBeforeEmbedding() {
    BufferedImage digit = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
    int factor = Rasters.embedFactor(digit, 72, 72); // one inch at 300 dpi
    assertThat(factor).isEqualTo(11);
    BufferedImage big = Rasters.upscale(Rasters.ofMap(new float[] {0f, 1f}, 1, 2, ColourMap.greys()), 3);
    assertThat(big.getWidth()).isEqualTo(6);
    assertThat(rgb(big, 2, 2)).isEqualTo(0x000000);
    assertThat(rgb(big, 3, 0)).isEqualTo(0xffffff);
  }

  @Test
  void overlayBlendsTheHeatMapOverAGreyscaleInput() {
    BufferedImage base = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    base.setRGB(0, 0, 0xff0000); // luma 0.299*255 = 76
    BufferedImage heat = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    heat.setRGB(0, 0, 0x0000ff);
    BufferedImage out = Rasters.overlay(base, heat, 0.5);
    assertThat(new Color(out.getRGB(0, 0))).isEqualTo(new Color(38, 38, 166));
  }

  @Test
  void wrongLengthIsReportedWithTheExpectedShape() {
    assertThatThrownBy(() -> Rasters.ofMap(new float[3], 2, 2, ColourMap.viridis()))
        .hasMessageContaining("1x2x2 = 4 values, got 3");
  }

  private static int rgb(BufferedImage img, int x, int y) {
    return img.getRGB(x, y) & 0xffffff;
  }
}
