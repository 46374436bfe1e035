package org.deepfig.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.deepfig.provenance.AtomicFiles;
import org.deepfig.provenance.Hashes;

/**
 * Writes one {@link Drawing} as {@code stem.svg}, {@code stem.pdf} and/or {@code stem.png} with the provenance inside
 * each file. Each file is written to a temporary file in the same directory and moved into place, so a reader (or a
 * crashed run) never sees half a figure.
 */
public final class FigureWriter {
  private final SvgEncoder svg = new SvgEncoder();
  private final PdfEncoder pdf = new PdfEncoder();
  private final PngEncoder png = new PngEncoder();

  /** Writes the requested formats in SVG, PDF, PNG order; {@code dpi} applies to PNG only. */
  public List<WrittenFile> write(
      Drawing drawing, Path dir, String stem, Set<FigureFormat> formats, int dpi, Map<String, String> provenance) {
    if (formats.isEmpty()) throw new IllegalArgumentException("no figure formats requested for " + stem);
    String json = ProvenanceJson.write(provenance);
    List<WrittenFile> written = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      for (FigureFormat format : new TreeSet<>(formats)) {
        byte[] bytes =
            switch (format) {
              case SVG -> svg.encode(drawing, json);
              case PDF -> pdf.encode(drawing, json);
              case PNG -> png.encode(drawing, dpi, json);
            };
        Path target = dir.resolve(stem + "." + format.extension());
        AtomicFiles.write(target, bytes);
        written.add(new WrittenFile(target, format, Hashes.sha256(bytes)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write figure " + dir.resolve(stem), e);
    }
    return List.copyOf(written);
  }

}
