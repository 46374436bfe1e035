package org.deepfig.analysis.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.deepfig.embed.Matrix;
import org.junit.jupiter.api.Test;

/** Rauber et al.'s neuron projection on units whose preferred class is known by construction. */
class NeuronProjectionTest {
  static final int CLASSES = 4;
  static final int IMAGES = 200;

  /** 40 units, unit j fires (2 + noise) on images of class j mod 4 and only noise elsewhere; then constant units. */
  static Matrix planted(int units, int constant, double scaleOf7) {
    SplittableRandom r = new SplittableRandom(7);
    int cols = units + constant;
    double[] a = new double[IMAGES * cols];
    for (int i = 0; i < IMAGES; i++) {
      int label = i % CLASSES;
      for (int j = 0; j < units; j++) {
        double v = (label == j % CLASSES ? 2 : 0) + 0.3 * (r.nextDouble() - 0.5);
        a[i * cols + j] = j == 7 ? scaleOf7 * v + 3 : v;
      }
      for (int j = units; j < cols; j++) a[i * cols + j] = j == units ? 0 : 5; // a dead unit, a constant one
    }
    return new Matrix(IMAGES, cols, a);
  }

  static int[] labels() {
    int[] l = new int[IMAGES];
    for (int i = 0; i < IMAGES; i++) l[i] = i % CLASSES;
    return l;
  }

  @Test
  void unitsAreColouredByTheClassTheyServeAndGroupByIt() {
    NeuronProjection p = NeuronProjection.of(planted(40, 2, 1), labels(), CLASSES, 30, 500, 6, 11);
    assertThat(p.constant()).isEqualTo(2);
    assertThat(p.units()).hasSize(40).doesNotContain(40, 41);
    for (int a = 0; a < p.units().length; a++) {
      assertThat(p.preferred()[a]).as("unit %d", p.units()[a]).isEqualTo(p.units()[a] % CLASSES);
      // z-scores: a unit on for a quarter of the images sits at +√3 there and −1/√3 elsewhere: gap 4/√3 ≈ 2.31
      assertThat(p.selectivity()[a]).isCloseTo(4 / Math.sqrt(3), within(0.1));
    }
    assertThat(p.chance()).isCloseTo(0.25, within(1e-12)); // ten units per class
    assertThat(p.neighbourhoodHit()).isGreaterThan(0.95);
    assertThat(p.xy()).hasSize(80);
  }

  @Test
  void aUnitsScaleAndOffsetDoNotMatterOnlyItsPattern() {
    NeuronProjection plain = NeuronProjection.of(planted(40, 0, 1), labels(), CLASSES, 30, 300, 6, 11);
    NeuronProjection scaled = NeuronProjection.of(planted(40, 0, 250), labels(), CLASSES, 30, 300, 6, 11);
    assertThat(scaled.preferred()).containsExactly(plain.preferred());
    assertThat(scaled.selectivity()[7]).isCloseTo(plain.selectivity()[7], within(1e-9));
  }

  @Test
  void tooFewVaryingUnitsGiveNoProjection() {
    assertThat(NeuronProjection.of(planted(7, 5, 1), labels(), CLASSES, 30, 300, 6, 11)).isNull();
    assertThat(NeuronProjection.of(planted(8, 5, 1), labels(), CLASSES, 30, 300, 6, 11)).isNotNull();
  }
}
