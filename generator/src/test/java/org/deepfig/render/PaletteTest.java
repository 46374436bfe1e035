package org.deepfig.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.awt.Color;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaletteTest {
  /** The ten ImageNet classes of the real-model examples' images, by their index among the 1,000 outputs. */
  private static final int[] TEN_OF_1000 = {0, 1, 8, 9, 88, 281, 340, 951, 980, 985};

  @Test
  void classIndicesOfAThousandOutputsShareColours() {
    // by class index, tab20 repeats after 20 entries: 0 and 340 (both ≡ 0 mod 20), 1 and 281 (≡ 1), 8 and 88 (≡ 8)
    Palette byIndex = Palette.of(Palette.Choice.AUTO, 1000);
    assertEquals(byIndex.colour(0), byIndex.colour(340));
    assertEquals(byIndex.colour(1), byIndex.colour(281));
  }

  @Test
  void presentClassesTakeDistinctColoursChosenForTheirCount() {
    Palette p = Palette.of(Palette.Choice.AUTO, 1000, TEN_OF_1000);
    Set<Color> colours = new HashSet<>();
    for (int c : TEN_OF_1000) colours.add(p.colour(c));
    assertEquals(10, colours.size(), "ten present classes, ten colours");
    // ten classes choose what a ten-class data set chooses (Paul Tol's muted palette), in order of class index
    Palette ten = Palette.of(Palette.Choice.AUTO, 10);
    assertEquals(ten.name(), p.name());
    for (int r = 0; r < TEN_OF_1000.length; r++) assertEquals(ten.colour(r), p.colour(TEN_OF_1000[r]));
    // an absent class still gets a colour (the slot after the present ones), never an exception
    assertNotEquals(null, p.colour(500));
  }

  @Test
  void everyClassPresentIsThePlainPalette() {
    assertSame(Palette.DEFAULT, Palette.of(Palette.Choice.AUTO, 5, new int[] {0, 1, 2, 3, 4}));
    assertSame(Palette.DEFAULT, Palette.of(Palette.Choice.AUTO, 5, null));
  }
}
