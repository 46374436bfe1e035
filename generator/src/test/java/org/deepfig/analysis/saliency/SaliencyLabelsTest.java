package org.deepfig.analysis.saliency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SaliencyLabelsTest {
  @Test
  void probabilitiesKeepTwoDecimalsFromOnePercentAndTwoSignificantDigitsBelow() {
    assertEquals("0.54", Saliency.probability(0.5432));
    assertEquals("0.01", Saliency.probability(0.01));
    assertEquals("1.00", Saliency.probability(1.0));
    // an untrained 1,000-class model's top class: 0.00 would say the model is certain it is not that class
    assertEquals("0.0012", Saliency.probability(0.00123));
    assertEquals("0.00095", Saliency.probability(0.000951));
    assertEquals("0.00", Saliency.probability(0));
  }
}
