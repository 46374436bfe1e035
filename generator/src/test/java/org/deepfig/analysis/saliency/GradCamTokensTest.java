package org.deepfig.analysis.saliency;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.deepfig.model.LayerKind;
import org.deepfig.model.LayerNode;
import org.junit.jupiter.api.Test;

/** Grad-CAM on a vision transformer: the token layer laid out as its patch grid, the class token left out. */
class GradCamTokensTest {
  static LayerNode node(long... shape) {
    return new LayerNode("l", LayerKind.OTHER, new Shape(shape), 0, null, List.of(), null);
  }

  @Test
  void aClassTokenAndASquareGridMakeATokenLayer() {
    assertThat(node(197, 768).tokenGridSide()).isEqualTo(14); // ViT-B/16 at 224 px
    assertThat(node(5, 8).tokenGridSide()).isEqualTo(2);
    assertThat(node(196, 768).tokenGridSide()).isZero(); // no class token: 195 is not a square
    assertThat(node(768, 14, 14).tokenGridSide()).isZero();
    assertThat(node(1000).tokenGridSide()).isZero();
  }

  @Test
  void patchTokensBecomeChannelsTimesGridWithoutTheClassToken() {
    // one image, class token + 2×2 patches, 2 features: value = 10 × token + feature
    float[] v = new float[5 * 2];
    for (int t = 0; t < 5; t++) for (int f = 0; f < 2; f++) v[t * 2 + f] = 10 * t + f;
    float[] grid = GradCam.tokenGrid(v, 1, 5, 2);
    assertThat(grid).containsExactly(10, 20, 30, 40, 11, 21, 31, 41);
  }
}
