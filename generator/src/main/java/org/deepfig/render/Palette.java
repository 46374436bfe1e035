package org.deepfig.render;

import java.awt.Color;
import java.util.Locale;

/**
 * Categorical colours for classes and series. The default ({@link Choice#AUTO}) is colour-blind safe up to ten
 * classes: Okabe &amp; Ito's eight colours (2008) for up to eight classes, Paul Tol's "muted" nine and a dark grey for
 * nine or ten (Tol's scheme keeps ten hues apart better than tableau-colorblind10, whose four greys and three blues
 * blur in a scatter plot); above ten no palette stays distinguishable and tab20 is used. Not meant to encode order.
 */
public final class Palette {
  /** The palettes a config can name ({@code output.palette}). */
  public enum Choice {
    AUTO, OKABE_ITO, TOL_MUTED, TABLEAU_COLORBLIND10, TAB10, TAB20;

    /** The YAML spelling: {@code okabe-ito}. */
    public String yaml() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  // blue, orange, bluish green, vermillion, reddish purple, sky blue, yellow, black: the strongest contrasts first
  private static final int[] OKABE_ITO = {0x0072B2, 0xE69F00, 0x009E73, 0xD55E00, 0xCC79A7, 0x56B4E9, 0xF0E442, 0x000000};
  // rose, indigo, sand, green, cyan, wine, teal, olive, purple (Tol 2021), then a dark grey
  private static final int[] TOL_MUTED = {
    0xCC6677, 0x332288, 0xDDCC77, 0x117733, 0x88CCEE, 0x882255, 0x44AA99, 0x999933, 0xAA4499, 0x555555
  };
  private static final int[] TABLEAU_COLORBLIND10 = {
    0x006BA4, 0xFF800E, 0xABABAB, 0x595959, 0x5F9ED1, 0xC85200, 0x898989, 0xA2C8EC, 0xFFBC79, 0xCFCFCF
  };
  private static final int[] TAB20_ORDER = {
    0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
    0xaec7e8, 0xffbb78, 0x98df8a, 0xff9896, 0xc5b0d5, 0xc49c94, 0xf7b6d2, 0xc7c7c7, 0xdbdb8d, 0x9edae5
  };

  /** The default for up to eight classes. */
  public static final Palette DEFAULT = new Palette("okabe-ito", OKABE_ITO);

  private final String name;
  private final int[] rgb;
  /** Colour slot of each class index, or null when class i takes colour i. */
  private final int[] slots;

  private Palette(String name, int[] rgb) {
    this(name, rgb, null);
  }

  private Palette(String name, int[] rgb, int[] slots) {
    this.name = name;
    this.rgb = rgb;
    this.slots = slots;
  }

  /**
   * The palette for a data set of {@code classes} classes of which only {@code present} (ascending class indices)
   * occur in what the figures show — an ImageNet model's 1,000 outputs on images of ten classes. Coloured by class
   * index, the ten would take colours 0, 1, 8, 9, 88, 281, … of a palette that repeats after 20 (or 10), and several
   * would share one; instead the present classes take the palette's colours in order, chosen for their count as
   * {@code choice} chooses for a data set that size. Classes not present keep a colour after the present ones'.
   * With every class present (or {@code present} null) this is {@link #of(Choice, int)}.
   */
  public static Palette of(Choice choice, int classes, int[] present) {
    if (present == null || present.length >= classes || present.length == 0) return of(choice, classes);
    Palette base = of(choice, present.length);
    int[] slots = new int[classes];
    java.util.Arrays.fill(slots, -1);
    for (int r = 0; r < present.length; r++) slots[present[r]] = r;
    int next = present.length;
    for (int i = 0; i < classes; i++) if (slots[i] < 0) slots[i] = next++;
    return new Palette(base.name, base.rgb, slots);
  }

  /** The palette {@code choice} gives for a data set of {@code classes} classes. */
  public static Palette of(Choice choice, int classes) {
    return switch (choice) {
      case AUTO -> classes <= OKABE_ITO.length ? DEFAULT
          : classes <= TOL_MUTED.length ? of(Choice.TOL_MUTED, classes) : of(Choice.TAB20, classes);
      case OKABE_ITO -> DEFAULT;
      case TOL_MUTED -> new Palette("tol-muted", TOL_MUTED);
      case TABLEAU_COLORBLIND10 -> new Palette("tableau-colorblind10", TABLEAU_COLORBLIND10);
      case TAB10 -> new Palette("tab10", java.util.Arrays.copyOf(TAB20_ORDER, 10));
      case TAB20 -> new Palette("tab20", TAB20_ORDER);
    };
  }

  public String name() {
    return name;
  }

  /** Colour {@code index} (0-based) of this palette, repeating after {@link #size()}. */
  public Color colour(int index) {
    if (index < 0) throw new IllegalArgumentException("class index must be >= 0, got " + index);
    int slot = slots != null && index < slots.length ? slots[index] : index;
    return new Color(rgb[slot % rgb.length]);
  }

  /** Number of distinct colours before they repeat. */
  public int size() {
    return rgb.length;
  }

  /** The colour of class {@code index} in the palette of the {@linkplain FigureStyle#current() current style}. */
  public static Color categorical(int index) {
    return FigureStyle.current().palette().colour(index);
  }

  /** The first {@code n} colours of the current style's palette. */
  public static Color[] first(int n) {
    Color[] colours = new Color[n];
    for (int i = 0; i < n; i++) colours[i] = categorical(i);
    return colours;
  }

  @Override
  public String toString() {
    return name;
  }
}
