package org.deepfig.render;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Writes sample figures for a human to look at: {@code -Ddeepfig.look=/tmp/render-look}. */
@EnabledIfSystemProperty(named = "deepfig.look", matches = ".+")
class LookTest {
  @Test
  void writeSamples() {
    Path dir = Path.of(System.getProperty("deepfig.look"));
    FigureWriter w = new FigureWriter();
    Map<String, String> p = Map.of("purpose", "look");
    EnumSet<FigureFormat> all = EnumSet.allOf(FigureFormat.class);
    w.write(SampleDrawings.confusion(), dir, "confusion", all, 200, p);
    w.write(SampleDrawings.mixed(), dir, "mixed", all, 200, p);
    w.write(SampleDrawings.lossCurves(), dir, "loss", all, 200, p);
    w.write(SampleDrawings.perClassAccuracy(), dir, "bars", all, 200, p);
    w.write(SampleDrawings.embedding(), dir, "scatter", all, 200, p);
    w.write(SampleDrawings.tiles(), dir, "tiles", all, 200, p);
  }
}
