package org.deepfig.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShapesDatasetTest {
  @Test
  void sameSeedGivesIdenticalImagesLabelsAndMasks() {
    Dataset a = ShapesDataset.generate(7, 200, 50, 32);
    Dataset b = ShapesDataset.generate(7, 200, 50, 32);
    for (int i = 0; i < 200; i++) {
      assertThat(a.train().image(i)).containsExactly(b.train().image(i));
      assertThat(a.train().mask(i)).containsExactly(b.train().mask(i));
      assertThat(a.train().label(i)).isEqualTo(b.train().label(i));
    }
  }

  @Test
  void anotherSeedGivesOtherImages() {
    Dataset a = ShapesDataset.generate(7, 20, 5, 32);
    Dataset b = ShapesDataset.generate(8, 20, 5, 32);
    int same = 0;
    for (int i = 0; i < 20; i++) if (java.util.Arrays.equals(a.train().image(i), b.train().image(i))) same++;
    assertThat(same).isZero();
  }

  @Test
  void imageDependsOnlyOnItsIndexNotOnTheSplitSize() {
    Dataset small = ShapesDataset.generate(3, 30, 10, 32);
    Dataset large = ShapesDataset.generate(3, 300, 100, 32);
    for (int i = 0; i < 30; i++) assertThat(small.train().image(i)).containsExactly(large.train().image(i));
    for (int i = 0; i < 10; i++) assertThat(small.test().image(i)).containsExactly(large.test().image(i));
    assertThat(small.train().image(0)).isNotEqualTo(small.test().image(0));
  }

  @Test
  void classesAreBalancedAndNamed() {
    Dataset d = ShapesDataset.generate(1, 1000, 100, 32);
    int[] counts = new int[10];
    for (int i = 0; i < 1000; i++) counts[d.train().label(i)]++;
    assertThat(counts).containsOnly(100);
    assertThat(d.classNames()).hasSize(10).doesNotHaveDuplicates();
    assertThat(d.train().channels()).isEqualTo(3);
  }

  @Test
  void masksCoverTheObjectWhoseColourDiffersFromTheBackground() {
    Dataset d = ShapesDataset.generate(5, 100, 10, 32);
    for (int i = 0; i < 100; i++) {
      byte[] m = d.train().mask(i);
      float[] img = d.train().image(i);
      int on = 0;
      double[] in = new double[3];
      double[] out = new double[3];
      for (int p = 0; p < m.length; p++) {
        if (m[p] == 1) on++;
        for (int c = 0; c < 3; c++) (m[p] == 1 ? in : out)[c] += img[c * 1024 + p];
      }
      assertThat(on).as("object pixels of image %d", i).isBetween(30, 900);
      double dist = 0;
      for (int c = 0; c < 3; c++) {
        double diff = in[c] / on - out[c] / (1024 - on);
        dist += diff * diff;
      }
      // mean object colour differs from mean background colour (textured objects mix two colours)
      assertThat(Math.sqrt(dist)).as("contrast of image %d", i).isGreaterThan(0.15);
      for (float v : img) assertThat(v).isBetween(0f, 1f);
    }
  }
}
