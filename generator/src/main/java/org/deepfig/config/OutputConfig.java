package org.deepfig.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

@Doc("Where and how the report and figure files are written.")
public record OutputConfig(
    @Doc(value = "Output folder (relative to the working directory); --out overrides it", defText = "out/<config name>")
    String dir,
    @Doc(value = "Figure file formats written besides the report", def = "[svg, pdf, png]", emptyIsDefault = true)
    List<Format> formats,
    @Doc(value = "Resolution of PNG figures", def = "150", min = "36", max = "1200") Integer dpi,
    @Doc(value = "A folder of Freemarker templates overriding the built-in ones (relative to the config file)")
    String templates,
    @Doc(value = "Physical size of every figure: screen (natural width, 9 pt text), column (3.5 in, 8 pt), page "
        + "(7 in, 9 pt), slide (10 in, 18 pt), or {width: 89mm, font: 8pt}; a figures entry's own size: overrides it",
        def = "screen")
    FigureSize size,
    @Doc(value = "Typeface of the figures: a font family installed on this machine (e.g. DejaVu Serif) or a .ttf/.otf "
        + "file relative to the config file; embedded in every PDF", defText = "DejaVu Sans (bundled)")
    String font,
    @Doc(value = "Class colours: auto (colour-blind safe: okabe-ito up to 8 classes, tol-muted up to 10, tab20 "
        + "above), okabe-ito, tol-muted, tableau-colorblind10, tab10 or tab20", def = "auto")
    PaletteChoice palette,
    @Doc(value = "Sequential colour map of every heat map and magnitude map (perceptually uniform maps only); "
        + "diverging maps of signed values stay blue-white-red", defText = "each figure's own (viridis, inferno)")
    SequentialMap colourMap,
    @Doc(value = "Letter the panels of multi-panel figures (a), (b), … as journals ask", def = "false")
    Boolean panelLetters,
    @Doc(value = "Draw each figure's title inside it; at column, page and custom sizes the title goes in the "
        + "caption instead, as journals set it", defText = "true on screen and slide, false otherwise")
    Boolean titles) {

  public enum Format {
    @JsonProperty("svg") SVG,
    @JsonProperty("pdf") PDF,
    @JsonProperty("png") PNG
  }

  /** The categorical palettes ({@code org.deepfig.render.Palette.Choice} by the same names). */
  public enum PaletteChoice {
    @JsonProperty("auto") AUTO,
    @JsonProperty("okabe-ito") OKABE_ITO,
    @JsonProperty("tol-muted") TOL_MUTED,
    @JsonProperty("tableau-colorblind10") TABLEAU_COLORBLIND10,
    @JsonProperty("tab10") TAB10,
    @JsonProperty("tab20") TAB20
  }

  /** Perceptually uniform sequential maps. */
  public enum SequentialMap {
    @JsonProperty("viridis") VIRIDIS,
    @JsonProperty("magma") MAGMA,
    @JsonProperty("inferno") INFERNO,
    @JsonProperty("greys") GREYS
  }

  public OutputConfig {
    formats = List.copyOf(formats);
    ConfigValueException.check(formats.contains(Format.PNG), "formats",
        "formats must include png (the HTML report shows the PNGs)", "add png to output.formats");
    ConfigValueException.check(font == null || !font.isBlank(), "font", "font is empty",
        "name a font family or a .ttf file, or leave font out for DejaVu Sans");
  }

  public static OutputConfig defaults() {
    return Declared.defaults(OutputConfig.class);
  }

  public OutputConfig withDir(String newDir) {
    return new OutputConfig(newDir, formats, dpi, templates, size, font, palette, colourMap, panelLetters, titles);
  }
}
