package org.deepfig.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Mean and spread over seeds, by hand. */
class SeedStatsTest {
  /**
   * Three hand-set loss curves over three epochs. Epoch 1: 1.0, 1.2, 1.4 → mean 1.2, sd sqrt((0.04+0+0.04)/2) = 0.2;
   * epoch 2: 0.5, 0.5, 0.8 → mean 0.6, sd sqrt((0.01+0.01+0.04)/2) = sqrt(0.03); epoch 3: all 0.3 → sd 0.
   */
  @Test
  void meanAndSampleSdOfThreeHandSetCurves() {
    SeedStats.Stat[] s = SeedStats.pointwise(List.of(new double[] {1.0, 0.5, 0.3}, new double[] {1.2, 0.5, 0.3},
        new double[] {1.4, 0.8, 0.3}));
    assertThat(s[0].mean()).isCloseTo(1.2, within(1e-12));
    assertThat(s[0].sd()).isCloseTo(0.2, within(1e-12));
    assertThat(s[1].mean()).isCloseTo(0.6, within(1e-12));
    assertThat(s[1].sd()).isCloseTo(Math.sqrt(0.03), within(1e-12));
    assertThat(s[2].sd()).isEqualTo(0.0);
    assertThat(s[0].min()).isEqualTo(1.0);
    assertThat(s[0].max()).isEqualTo(1.4);
  }

  @Test
  void tablesCombineByRowKeyNotPosition() {
    // the second seed sorts its rows differently (lowest F1 first): rows are matched by class
    Table a = new Table("Per class", List.of("Class", "F1", "Support"),
        List.of(List.of("cat", "0.500", "10"), List.of("dog", "0.900", "10")));
    Table b = new Table("Per class", List.of("Class", "F1", "Support"),
        List.of(List.of("dog", "0.700", "10"), List.of("cat", "0.700", "10")));
    Table c = new Table("Per class", List.of("Class", "F1", "Support"),
        List.of(List.of("cat", "0.900", "10"), List.of("dog", "0.800", "10")));
    Table t = SeedStats.combine(List.of(a, b, c));
    assertThat(t.title()).isEqualTo("Per class — mean ± sd over 3 seeds");
    // cat: 0.5, 0.7, 0.9 → 0.700 ± 0.200; dog: 0.9, 0.7, 0.8 → 0.800 ± 0.100; equal supports stay as they are
    assertThat(t.rows()).containsExactly(List.of("cat", "0.700 ± 0.200", "10"), List.of("dog", "0.800 ± 0.100", "10"));
  }

  @Test
  void cellsKeepTheirDecimalsAndUnit() {
    assertThat(SeedStats.cell(List.of("90.0%", "92.0%", "94.0%"))).isEqualTo("92.0 ± 2.0%");
    assertThat(SeedStats.cell(List.of("1,000", "3,000"))).isEqualTo("2000 ± 1414");
    assertThat(SeedStats.cell(List.of("conv1", "conv2"))).isEqualTo("conv1 / conv2");
    assertThat(SeedStats.number("−0.25")).isEqualTo(-0.25);
    assertThat(SeedStats.number("n/a")).isNaN();
  }
}
