package org.deepfig.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NiceTicksTest {
  @Test
  void zeroToPointEightSevenStepsByPointTwo() {
    NiceTicks t = NiceTicks.between(0, 0.87, 6);
    assertThat(t.values()).containsExactly(0.0, 0.2, 0.4, 0.6, 0.8);
    assertThat(t.labels()).containsExactly("0.0", "0.2", "0.4", "0.6", "0.8");
  }

  @Test
  void countsUpToNineHundredEightyOneStepByTwoHundred() {
    assertThat(NiceTicks.between(0, 981, 6).labels()).containsExactly("0", "200", "400", "600", "800");
  }

  @Test
  void symmetricRangeIncludesZeroAndNegativeLabels() {
    NiceTicks t = NiceTicks.between(-0.031, 0.031, 5);
    assertThat(t.step()).isEqualTo(0.02);
    assertThat(t.labels()).containsExactly("-0.02", "0.00", "0.02");
  }

  @Test
  void stepsAreOneTwoOrFiveTimesAPowerOfTen() {
    assertThat(NiceTicks.niceStep(0.174)).isEqualTo(0.2);
    assertThat(NiceTicks.niceStep(3.3)).isEqualTo(5.0);
    assertThat(NiceTicks.niceStep(7)).isEqualTo(10.0);
    assertThat(NiceTicks.niceStep(1)).isEqualTo(1.0);
    assertThat(NiceTicks.niceStep(0.0012)).isEqualTo(0.002);
  }

  @Test
  void aConstantRangeGivesOneTick() {
    assertThat(NiceTicks.between(5, 5, 6).values()).containsExactly(5.0);
  }

  @Test
  void anInvertedRangeIsRejected() {
    assertThatThrownBy(() -> NiceTicks.between(1, 0, 5)).isInstanceOf(IllegalArgumentException.class);
  }
}
