package org.deepfig.analysis.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Planted mistakes come back most confident first, and the most confused pairs with the most images first. */
class MistakeSearchTest {
  static final int[] LABELS = {0, 1, 2, 0, 1, 2, 0, 2};
  static final double[][] ROWS = {
      {0.99, 0.005, 0.005}, // 0: right
      {0.60, 0.30, 0.10}, // 1: true 1 → 0 at 0.60
      {0.05, 0.90, 0.05}, // 2: true 2 → 1 at 0.90
      {0.10, 0.75, 0.15}, // 3: true 0 → 1 at 0.75
      {0.05, 0.95, 0.00}, // 4: right, more confident than any mistake
      {0.75, 0.15, 0.10}, // 5: true 2 → 0 at 0.75 (ties with image 3: image order)
      {0.20, 0.45, 0.35}, // 6: true 0 → 1 at 0.45
      {0.10, 0.50, 0.40}}; // 7: true 2 → 1 at 0.50
  static final Predictions P = Predictions.ofRows(LABELS, ROWS);

  @Test
  void theMostConfidentMistakesComeFirst() {
    assertThat(MistakeSearch.mostConfident(P, 10)).containsExactly(2, 3, 5, 1, 7, 6);
    assertThat(MistakeSearch.mostConfident(P, 3)).containsExactly(2, 3, 5);
  }

  @Test
  void confusedPairsAndTheirExamples() {
    // (2 → 1): images 2, 7; (0 → 1): 3, 6; (1 → 0): 1; (2 → 0): 5
    assertThat(MistakeSearch.mostConfused(P, 10)).containsExactly(new MistakeSearch.Pair(0, 1, 2),
        new MistakeSearch.Pair(2, 1, 2), new MistakeSearch.Pair(1, 0, 1), new MistakeSearch.Pair(2, 0, 1));
    assertThat(MistakeSearch.ofPair(P, 2, 1, 5)).containsExactly(2, 7);
    assertThat(MistakeSearch.ofPair(P, 0, 1, 1)).containsExactly(3);
  }

  @Test
  void noMistakesNoneListed() {
    Predictions right = Predictions.ofRows(new int[] {0, 1}, new double[][] {{0.9, 0.1}, {0.2, 0.8}});
    assertThat(MistakeSearch.mostConfident(right, 5)).isEmpty();
    assertThat(MistakeSearch.mostConfused(right, 5)).isEmpty();
  }
}
