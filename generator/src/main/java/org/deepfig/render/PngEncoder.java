package org.deepfig.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * PNG at a given resolution: the drawing's points are scaled by dpi/72 onto a white RGB canvas with antialiasing.
 * Provenance goes into an uncompressed {@code iTXt} chunk (UTF-8, unlike {@code tEXt}), the resolution into
 * {@code pHYs}; ImageIO writes no {@code tIME} chunk, so the bytes depend only on the pixels and the provenance.
 */
public final class PngEncoder {
  static final String PNG_METADATA_FORMAT = "javax_imageio_png_1.0";

  public byte[] encode(Drawing drawing, int dpi, String provenanceJson) {
    return write(render(drawing, dpi), dpi, provenanceJson);
  }

  /** Rasterises the drawing; exposed for tests and for previews that need pixels rather than a file. */
  public static BufferedImage render(Drawing drawing, int dpi) {
    if (dpi < 1) throw new IllegalArgumentException("dpi must be positive, got " + dpi);
    double scale = dpi / 72.0;
    int w = Math.max(1, (int) Math.ceil(drawing.width() * scale));
    int h = Math.max(1, (int) Math.ceil(drawing.height() * scale));
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      // fractional metrics: glyphs advance as in Typography.MEASURE, so text lands where the layout put it
      g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.scale(scale, scale);
      g.setColor(Color.BLACK);
      drawing.paint(g);
    } finally {
      g.dispose();
    }
    return image;
  }

  private static byte[] write(BufferedImage image, int dpi, String provenanceJson) {
    ImageWriter writer = pngWriter();
    try {
      ImageWriteParam param = writer.getDefaultWriteParam();
      IIOMetadata metadata =
          writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
      metadata.mergeTree(PNG_METADATA_FORMAT, chunks(dpi, provenanceJson));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
        writer.setOutput(out);
        writer.write(null, new IIOImage(image, null, metadata), param);
      }
      return bytes.toByteArray();
    } catch (IIOInvalidTreeException e) {
      throw new IllegalStateException("PNG metadata rejected by ImageIO", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
  }

  private static IIOMetadataNode chunks(int dpi, String provenanceJson) {
    IIOMetadataNode root = new IIOMetadataNode(PNG_METADATA_FORMAT);
    IIOMetadataNode phys = new IIOMetadataNode("pHYs");
    String perMetre = Integer.toString((int) Math.round(dpi / 0.0254));
    phys.setAttribute("pixelsPerUnitXAxis", perMetre);
    phys.setAttribute("pixelsPerUnitYAxis", perMetre);
    phys.setAttribute("unitSpecifier", "meter");
    root.appendChild(phys);
    IIOMetadataNode itxt = new IIOMetadataNode("iTXt");
    IIOMetadataNode entry = new IIOMetadataNode("iTXtEntry");
    entry.setAttribute("keyword", ProvenanceJson.KEY);
    entry.setAttribute("compressionFlag", "FALSE");
    entry.setAttribute("compressionMethod", "0");
    entry.setAttribute("languageTag", "");
    entry.setAttribute("translatedKeyword", "");
    entry.setAttribute("text", provenanceJson);
    itxt.appendChild(entry);
    root.appendChild(itxt);
    return root;
  }

  private static ImageWriter pngWriter() {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
    if (!writers.hasNext()) throw new IllegalStateException("no PNG writer in this JRE");
    return writers.next();
  }
}
