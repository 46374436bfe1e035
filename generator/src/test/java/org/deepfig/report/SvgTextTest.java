package org.deepfig.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SvgTextTest {
  private static final String HEAD = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC '-//W3C//DTD SVG 1.0//EN' "
      + "'http://www.w3.org/TR/2001/REC-SVG-20010904/DTD/svg10.dtd'>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
      + "style=\"font-size:12px\" width=\"100pt\" height=\"50pt\">";

  @Test
  void smallestTextCountsInheritedSizesAndScalingTransformsButNotRotations() {
    String svg = HEAD + "<g style=\"font-family:'DejaVu Sans'; font-size:9px;\"><text>nine</text>"
        + "<g transform=\"rotate(-90)\"><text>rotated nine</text></g></g>"
        + "<g style=\"font-size:8px\" transform=\"matrix(0.5,0,0,0.5,10,10)\"><text>four</text></g>"
        + "<g style=\"font-size:1px\"><image width=\"5\" height=\"5\"/></g></svg>";
    assertThat(SvgText.smallestFontPt(svg)).isCloseTo(4, within(1e-9));
  }

  @Test
  void anSvgWithoutTextHasNoSmallestText() {
    assertThat(SvgText.smallestFontPt(HEAD + "<rect width=\"5\" height=\"5\"/></svg>")).isNaN();
    assertThat(SvgText.smallestFontPt("not svg")).isNaN();
  }
}
