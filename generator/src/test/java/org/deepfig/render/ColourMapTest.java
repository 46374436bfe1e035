package org.deepfig.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ColourMapTest {
  @Test
  void viridisEndpointsAndMiddleMatchMatplotlib() {
    assertRgb(ColourMap.viridis().rgb(0), 0x440154);
    assertRgb(ColourMap.viridis().rgb(1), 0xfde725);
    // matplotlib: viridis(0.5) = (0.127568, 0.566949, 0.550556) = #21918c
    assertRgb(ColourMap.viridis().rgb(0.5), 0x21918c);
  }

  @Test
  void magmaAndInfernoRunFromNearBlackToTheirPaleEnds() {
    assertRgb(ColourMap.magma().rgb(0), 0x000004);
    assertRgb(ColourMap.magma().rgb(1), 0xfcfdbf);
    assertRgb(ColourMap.inferno().rgb(1), 0xfcffa4);
  }

  @Test
  void divergingIsWhiteAtZeroBlueBelowRedAbove() {
    ColourMap m = ColourMap.diverging();
    Normalisation n = Normalisation.symmetric(new float[] {-0.2f, 3f});
    assertThat(n).isEqualTo(new Normalisation(-3, 3));
    assertRgb(m.rgb(0.0, n), 0xffffff);
    int neg = m.rgb(-3.0, n);
    int pos = m.rgb(3.0, n);
    assertThat(neg & 0xff).isGreaterThan(neg >> 16); // blue dominates
    assertThat(pos >> 16).isGreaterThan(pos & 0xff); // red dominates
    assertThat(m.isDiverging()).isTrue();
  }

  @Test
  void greysRunFromBlackToWhite() {
    assertRgb(ColourMap.greys().rgb(0), 0x000000);
    assertRgb(ColourMap.greys().rgb(1), 0xffffff);
    assertRgb(ColourMap.greys().rgb(0.5), 0x808080);
  }

  @Test
  void outOfRangeClampsAndNanIsGrey() {
    assertThat(ColourMap.viridis().rgb(-4)).isEqualTo(ColourMap.viridis().rgb(0));
    assertThat(ColourMap.viridis().rgb(7)).isEqualTo(ColourMap.viridis().rgb(1));
    assertThat(ColourMap.viridis().rgb(Double.NaN)).isEqualTo(0x808080);
  }

  @Test
  void minMaxNormalisationIgnoresNonFiniteValuesAndSurvivesAConstantMap() {
    Normalisation n = Normalisation.minMax(new float[] {2f, Float.NaN, 6f, Float.POSITIVE_INFINITY});
    assertThat(n).isEqualTo(new Normalisation(2, 6));
    assertThat(n.apply(5)).isCloseTo(0.75, within(1e-12));
    assertThat(Normalisation.minMax(new float[] {3f, 3f}).apply(3)).isEqualTo(0.5);
  }

  @Test
  void tab20HasTwentyDistinctColoursStartingWithTab10AndTheDefaultIsOkabeIto() {
    Palette tab20 = Palette.of(Palette.Choice.TAB20, 20);
    assertThat(tab20.colour(0).getRGB() & 0xffffff).isEqualTo(0x1f77b4);
    assertThat(tab20.colour(3).getRGB() & 0xffffff).isEqualTo(0xd62728);
    assertThat(java.util.stream.IntStream.range(0, 20).mapToObj(tab20::colour).distinct()).hasSize(20);
    assertThat(tab20.colour(20)).isEqualTo(tab20.colour(0));
    // outside any style: the screen default, Okabe & Ito's blue first
    assertThat(Palette.categorical(0).getRGB() & 0xffffff).isEqualTo(0x0072B2);
    assertThat(java.util.Arrays.stream(Palette.first(8)).distinct()).hasSize(8);
  }

  private static void assertRgb(int actual, int expected) {
    for (int shift = 0; shift <= 16; shift += 8) {
      assertThat((actual >> shift) & 0xff)
          .as("channel at bit %d of #%06x vs #%06x", shift, actual, expected)
          .isCloseTo((expected >> shift) & 0xff, within(2));
    }
  }
}
