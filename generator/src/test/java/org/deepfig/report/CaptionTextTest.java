package org.deepfig.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaptionTextTest {
  @Test
  void aHoverClauseAfterASemicolonLeavesTheSentenceWhole() {
    CaptionText c = CaptionText.of("t-SNE of 800 images, coloured by true class; hover a point for its input image "
        + "and classes. NH = neighbourhood hit (share of neighbours; Rauber et al. 2017).");
    assertThat(c.text()).isEqualTo("t-SNE of 800 images, coloured by true class. NH = neighbourhood hit (share of "
        + "neighbours; Rauber et al. 2017).");
    assertThat(c.action()).isEqualTo("a point for its input image and classes.");
  }

  @Test
  void aCitationThatEndsTheHoverSentenceStaysWithTheCaption() {
    CaptionText c = CaptionText.of("Label: channel and its top activation. Hover a patch for its image, class and "
        + "activation (Zeiler & Fergus 2014). Left of each block: projections.");
    assertThat(c.text()).isEqualTo("Label: channel and its top activation (Zeiler & Fergus 2014). Left of each block: "
        + "projections.");
    assertThat(c.action()).isEqualTo("a patch for its image, class and activation.");
  }

  @Test
  void aFinalHoverSentenceAndACaptionWithoutOne() {
    CaptionText c = CaptionText.of("Regions read as images. Hover a cell for its image index, true and predicted class.");
    assertThat(c.text()).isEqualTo("Regions read as images.");
    assertThat(c.action()).isEqualTo("a cell for its image index, true and predicted class.");
    assertThat(CaptionText.of("Hovercraft are not instructions. Confusion matrix.").action()).isNull();
    assertThat(CaptionText.of("Mean training loss per epoch.")).isEqualTo(
        new CaptionText("Mean training loss per epoch.", null));
  }
}
