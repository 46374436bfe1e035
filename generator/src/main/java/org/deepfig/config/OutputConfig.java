package org.deepfig.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

@Doc("Where and how the report and figure files are written.")
public record OutputConfig(
    @Doc(value = "Output folder (relative to the working directory); --out overrides it", def = "out/<config name>")
    String dir,
    @Doc(value = "Figure file formats written besides the report", def = "[svg, pdf, png]") List<Format> formats,
    @Doc(value = "Resolution of PNG figures", def = "150", min = "36", max = "1200") Integer dpi,
    @Doc(value = "A folder of Freemarker templates overriding the built-in ones (relative to the config file)")
    String templates) {

  public enum Format {
    @JsonProperty("svg") SVG,
    @JsonProperty("pdf") PDF,
    @JsonProperty("png") PNG
  }

  public OutputConfig {
    if (formats == null || formats.isEmpty()) formats = List.of(Format.SVG, Format.PDF, Format.PNG);
    formats = List.copyOf(formats);
    if (dpi == null) dpi = 150;
    ConfigValueException.between("dpi", dpi, 36, 1200);
    ConfigValueException.check(formats.contains(Format.PNG), "formats",
        "formats must include png (the HTML report shows the PNGs)", "add png to output.formats");
  }

  public static OutputConfig defaults() {
    return new OutputConfig(null, null, null, null);
  }
}
