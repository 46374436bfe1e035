package org.deepfig.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CaptionTextTest {
  /** A caption, split: what it says of the figure, and its hover instruction after the verb (empty: none). */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      a hover clause after a semicolon leaves the sentence whole \
      | t-SNE of 800 images, coloured by true class; hover a point for its input image and classes. NH = \
      neighbourhood hit (share of neighbours; Rauber et al. 2017). \
      | t-SNE of 800 images, coloured by true class. NH = neighbourhood hit (share of neighbours; Rauber et al. \
      2017). \
      | a point for its input image and classes.

      a citation that ends the hover sentence stays with the caption \
      | Label: channel and its top activation. Hover a patch for its image, class and activation (Zeiler & Fergus \
      2014). Left of each block: projections. \
      | Label: channel and its top activation (Zeiler & Fergus 2014). Left of each block: projections. \
      | a patch for its image, class and activation.

      a final hover sentence \
      | Regions read as images. Hover a cell for its image index, true and predicted class. \
      | Regions read as images. \
      | a cell for its image index, true and predicted class.

      a word that starts with hover is no instruction \
      | Hovercraft are not instructions. Confusion matrix. | Hovercraft are not instructions. Confusion matrix. |

      a caption without an instruction \
      | Mean training loss per epoch. | Mean training loss per epoch. |
      """)
  void theHoverInstructionIsSplitOff(String behaviour, String caption, String text, String action) {
    assertThat(CaptionText.of(caption)).isEqualTo(new CaptionText(text, action));
  }
}
