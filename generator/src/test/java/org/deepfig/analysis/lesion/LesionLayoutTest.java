package org.deepfig.analysis.lesion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepfig.analysis.Figure;
import org.deepfig.render.FigureStyle;
import org.deepfig.render.LayoutChecker;
import org.junit.jupiter.api.Test;

/** The lesion figures for a 6-channel layer and a 120-unit one, with long class names, at screen and column size. */
class LesionLayoutTest {
  private static LayerLesion made(String layer, int channels, int classes) {
    double[] acc = new double[channels];
    double[][] classDrop = new double[channels][classes];
    List<Integer> order = new ArrayList<>();
    for (int c = 0; c < channels; c++) {
      acc[c] = 0.9 - 0.3 * Math.exp(-c / 3.0) + (c % 5 == 4 ? 0.01 : 0); // one channel's ablation helps (negative)
      for (int k = 0; k < classes; k++) classDrop[c][k] = (k == c % classes ? 0.6 : 0.02) * Math.exp(-c / 4.0);
      order.add(c);
    }
    int[] ablated = LayerLesion.points(channels, 11);
    Map<String, double[]> curves = new LinkedHashMap<>();
    for (String name : List.of(LayerLesion.IMPORTANCE, LayerLesion.REVERSE, LayerLesion.RANDOM)) {
      double[] y = new double[ablated.length];
      for (int i = 0; i < y.length; i++) y[i] = 0.9 - 0.8 * ablated[i] / channels;
      curves.put(name, y);
    }
    return new LayerLesion(layer, 0.9, acc, new double[classes], classDrop, order, curves, ablated, 2000);
  }

  @Test
  void overviewAndClassMapAreClean() {
    List<String> names = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
        "Bag", "Ankle boot with a rather long class name");
    LesionSpec spec = org.deepfig.config.Declared.defaults(LesionSpec.class);
    for (FigureStyle style : List.of(FigureStyle.screen(), new FigureStyle("column", 252, 8,
        org.deepfig.render.FontFaces.dejaVuSans(), org.deepfig.render.Palette.DEFAULT, null, false, false))) {
      style.apply(() -> {
        for (LayerLesion r : List.of(made("conv1", 6, 10), made("fc1", 120, 10))) {
          String unit = r.layer().startsWith("fc") ? "unit" : "channel";
          Figure o = Lesion.overview(spec, r, names, false, true, unit);
          Figure m = Lesion.classMap(spec, r, names, true, unit);
          LayoutChecker.assertClean(style.name() + " " + o.id(), o.drawing());
          LayoutChecker.assertClean(style.name() + " " + m.id(), m.drawing());
          assertThat(o.tables().get(0).rows()).hasSize(r.channels());
          assertThat(m.caption()).contains(r.channels() > LesionSpec.HEATMAP_ROWS ? "32 most important of the 120"
              : "most important first");
        }
        return null;
      });
    }
  }
}
