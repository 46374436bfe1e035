package org.deepfig.analysis.activations;

import java.util.List;
import org.deepfig.render.ColourBar;
import org.deepfig.render.ColourMap;
import org.deepfig.render.LayoutChecker;
import org.deepfig.render.Normalisation;
import org.deepfig.render.Padded;
import org.deepfig.render.Panels;
import org.junit.jupiter.api.Test;

/** A dense layer's strip beside its colour bar, as the activations figure composes them, under stress. */
class ActivationRowsLayoutTest {
  @Test
  void stripsOf512UnitsDeadOrTinyOrWithALongName() {
    float[] dead = new float[512];
    float[] tiny = new float[512];
    for (int i = 0; i < tiny.length; i++) tiny[i] = i % 3 == 0 ? 0.0004f * i / 512 : 0;
    for (var c : List.of(new Object[] {"fc1 (512 units)", dead}, new Object[] {"fc1 (512 units)", tiny},
        new Object[] {"a dense layer whose name is far longer than the strip is wide, ever (512 units)", tiny})) {
      float[] v = (float[]) c[1];
      Normalisation n = Normalisation.minMax(v);
      ColourBar bar = new ColourBar(ColourMap.viridis(), n, "activation", UnitStrip.CELL_H);
      UnitStrip strip = new UnitStrip((String) c[0], v, ColourMap.viridis(), n, bar.rampHeight());
      LayoutChecker.assertClean((String) c[0], Panels.row(10, List.of(strip,
          Padded.top(bar, strip.cellsTop() - ColourBar.inset()))));
    }
  }
}
