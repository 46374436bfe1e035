package org.deepfig.analysis.lesion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.deepfig.analysis.Figure;
import org.deepfig.analysis.ValueMaps;
import org.deepfig.render.FigureStyle;
import org.junit.jupiter.api.Test;

/** The per-class lesion map keeps its values for {@code deepfig diff}: classes × channels, in channel order. */
class LesionValuesTest {
  @Test
  void classMapKeepsEveryDropInChannelOrder() throws Exception {
    // three channels, two classes; the importance order (2, 0, 1) is how the heat map sorts, not how values are kept
    double[][] drop = {{0.10, 0.20}, {0.30, 0.40}, {0.50, 0.60}};
    LayerLesion r = new LayerLesion("conv1", 0.9, new double[] {0.8, 0.85, 0.7}, new double[2], drop,
        List.of(2, 0, 1), Map.of(), new int[0], 100);
    LesionSpec spec = org.deepfig.config.Declared.defaults(LesionSpec.class);
    Figure f = FigureStyle.screen().apply(() -> Lesion.classMap(spec, r, List.of("cat", "dog"), false, "channel"));
    assertThat(f.attachments()).hasSize(1);
    assertThat(f.attachments().get(0).suffix()).isEqualTo(ValueMaps.SUFFIX);
    ValueMaps.ValueMap m = ValueMaps.read(f.attachments().get(0).bytes()).maps().get(0);
    assertThat(m.height()).isEqualTo(2); // a row per class
    assertThat(m.width()).isEqualTo(3); // a column per channel, 0, 1, 2
    assertThat(m.colours()).isEqualTo("diverging");
    // percentage points: class "cat" loses 10, 30, 50 to channels 0, 1, 2; "dog" 20, 40, 60
    assertThat(m.values()).containsExactly(10, 30, 50, 20, 40, 60);
    // its rows and columns are named, so a comparison can label them: the classes, and channels 0, 1, 2
    assertThat(m.axes().rows()).containsExactly("cat", "dog");
    assertThat(m.axes().columns()).containsExactly("0", "1", "2");
    assertThat(m.axes().columnTitle()).isEqualTo("channel");
  }
}
