package org.deepfig.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Batch sizes from the memory budget, for the sizes of issue #15's models. */
class BatchBudgetTest {
  static final long GB = 1L << 30;
  static final long INPUT_224 = 4L * 3 * 224 * 224; // 602,112 bytes

  @Test
  void resNet50WithAllLayersRecordedTakesAFewImagesPerBatch() {
    long allLayers = 4L * 32_040_424; // ResNet-50's 158 listed layers at 224 px: 128 MB per image
    assertThat(BatchBudget.images(allLayers, INPUT_224, false, GB)).isEqualTo(8);
    assertThat(BatchBudget.images(allLayers, INPUT_224, true, GB)).isEqualTo(2);
    assertThat(256 * allLayers).isGreaterThan(30 * GB); // the old fixed 256: 32.8 GB (30.6 GiB) in one pass
  }

  @Test
  void logitsOnlyPassesAreBoundedByTheInputMultiple() {
    // through forward_logits only the input is counted, at least 32 times over for the unlisted layers
    assertThat(BatchBudget.images(INPUT_224, INPUT_224, false, GB)).isEqualTo((int) (GB / (32 * INPUT_224)));
  }

  @Test
  void smallImagesKeepTheOldBatchOf256AndOneImageAlwaysFits() {
    assertThat(BatchBudget.images(4L * 20_000, 4L * 3 * 32 * 32, true, GB)).isEqualTo(256);
    assertThat(BatchBudget.images(100 * GB, INPUT_224, true, GB)).isEqualTo(1);
  }
}
