package org.deepfig.render;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A colour map as a 256-entry lookup table from [0, 1] to sRGB. Sequential maps (viridis, magma, inferno, greys) are
 * for magnitudes; the diverging map is for signed values and puts white at 0.5, which a symmetric
 * {@link Normalisation} maps to zero. Viridis and friends are perceptually uniform (van der Walt &amp; Smith, 2015), so
 * equal steps in value read as equal steps in colour, unlike "jet".
 */
public final class ColourMap {
  private static final int SIZE = 256;

  private final String name;
  private final int[] rgb;
  private final boolean diverging;

  private ColourMap(String name, int[] rgb, boolean diverging) {
    this.name = name;
    this.rgb = rgb;
    this.diverging = diverging;
  }

  public static ColourMap viridis() {
    return Tables.VIRIDIS;
  }

  public static ColourMap magma() {
    return Tables.MAGMA;
  }

  public static ColourMap inferno() {
    return Tables.INFERNO;
  }

  /**
   * The sequential map of the {@linkplain FigureStyle#current() style in force} ({@code output.colour_map}), or
   * {@code fallback} (the figure's own choice) when the config names none.
   */
  public static ColourMap sequential(ColourMap fallback) {
    ColourMap chosen = FigureStyle.current().sequential();
    return chosen != null ? chosen : fallback;
  }

  /** Black at 0 to white at 1, for input images and greyscale backgrounds. */
  public static ColourMap greys() {
    return Tables.GREYS;
  }

  /**
   * Blue (negative) through white to red (positive): ColorBrewer's RdBu, reversed so that red means "more", with its
   * near-white centre made pure white so zero reads as "nothing".
   */
  public static ColourMap diverging() {
    return Tables.DIVERGING;
  }

  public String name() {
    return name;
  }

  /** Whether values should be normalised symmetrically about zero for this map. */
  public boolean isDiverging() {
    return diverging;
  }

  /** Packed 0xRRGGBB for {@code t} in [0, 1]; values outside are clamped, NaN maps to mid grey. */
  public int rgb(double t) {
    if (Double.isNaN(t)) return 0x808080;
    double c = Math.max(0, Math.min(1, t));
    return rgb[(int) Math.round(c * (SIZE - 1))];
  }

  /** Packed 0xRRGGBB for a value under a normalisation. */
  public int rgb(double value, Normalisation normalisation) {
    return rgb(normalisation.apply(value));
  }

  public Color colour(double t) {
    return new Color(rgb(t));
  }

  /** The normalisation this map wants for {@code values}: symmetric about zero if diverging, else min to max. */
  public Normalisation normalisationFor(float[] values) {
    return diverging ? Normalisation.symmetric(values) : Normalisation.minMax(values);
  }

  @Override
  public String toString() {
    return "ColourMap[" + name + "]";
  }

  /** Tables load on first use of any map. */
  private static final class Tables {
    static final ColourMap VIRIDIS = new ColourMap("viridis", fromHex("viridis"), false);
    static final ColourMap MAGMA = new ColourMap("magma", fromHex("magma"), false);
    static final ColourMap INFERNO = new ColourMap("inferno", fromHex("inferno"), false);
    static final ColourMap GREYS = new ColourMap("greys", interpolate(0x000000, 0xffffff), false);
    static final ColourMap DIVERGING =
        new ColourMap(
            "diverging",
            interpolate(
                0x053061, 0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xffffff, 0xfddbc7, 0xf4a582, 0xd6604d,
                0xb2182b, 0x67001f),
            true);

    private static int[] fromHex(String map) {
      String resource = "/deepfig/colourmaps/" + map + ".hex";
      try (InputStream in = ColourMap.class.getResourceAsStream(resource)) {
        if (in == null) throw new IllegalStateException("colour table missing from the jar: " + resource);
        String hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        if (hex.length() != SIZE * 6) throw new IllegalStateException("colour table is not 256 entries: " + resource);
        int[] table = new int[SIZE];
        for (int i = 0; i < SIZE; i++) table[i] = Integer.parseInt(hex.substring(6 * i, 6 * i + 6), 16);
        return table;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Piecewise-linear in sRGB between equally spaced control colours, as matplotlib's segmented maps do. */
    private static int[] interpolate(int... stops) {
      int[] table = new int[SIZE];
      for (int i = 0; i < SIZE; i++) {
        double pos = i / (SIZE - 1.0) * (stops.length - 1);
        int k = Math.min((int) pos, stops.length - 2);
        double f = pos - k;
        table[i] = mix(stops[k], stops[k + 1], f);
      }
      return table;
    }

    private static int mix(int a, int b, double f) {
      int r = channel(a >> 16, b >> 16, f);
      int g = channel(a >> 8, b >> 8, f);
      int bl = channel(a, b, f);
      return (r << 16) | (g << 8) | bl;
    }

    private static int channel(int a, int b, double f) {
      return (int) Math.round((a & 0xff) + ((b & 0xff) - (a & 0xff)) * f);
    }
  }
}
