package org.deepfig.render;

/** The file formats a {@link Drawing} is written to: SVG and PDF stay vector with text as text; PNG is a raster. */
public enum FigureFormat {
  SVG("svg"),
  PDF("pdf"),
  PNG("png");

  private final String extension;

  FigureFormat(String extension) {
    this.extension = extension;
  }

  /** File-name extension without the dot. */
  public String extension() {
    return extension;
  }

  /** The format a file name says it is in. */
  public static FigureFormat ofFileName(String name) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    for (FigureFormat f : values()) {
      if (lower.endsWith("." + f.extension)) return f;
    }
    throw new IllegalArgumentException("not a figure file (expected .svg, .pdf or .png): " + name);
  }
}
