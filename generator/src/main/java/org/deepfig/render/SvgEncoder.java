package org.deepfig.render;

import java.awt.Dimension;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.batik.dom.GenericDOMImplementation;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.apache.batik.util.SVGConstants;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * SVG through Batik's SVGGraphics2D. Text stays {@code <text>} (searchable, editable in Inkscape); the provenance
 * JSON goes in a {@code <metadata id="deepfig-provenance">} element. One user unit is one point.
 *
 * <p>Deterministic because each call uses a fresh generator context: Batik's ids are counters per context, and its
 * embedded images are PNGs without timestamps.
 */
public final class SvgEncoder {
  /** The id of the metadata element holding the provenance JSON. */
  public static final String METADATA_ID = "deepfig-provenance";

  public byte[] encode(Drawing drawing, String provenanceJson) {
    Document doc =
        GenericDOMImplementation.getDOMImplementation()
            .createDocument(SVGConstants.SVG_NAMESPACE_URI, SVGConstants.SVG_SVG_TAG, null);
    SVGGeneratorContext ctx = SVGGeneratorContext.createDefault(doc);
    ctx.setComment("deepfig");
    ctx.setPrecision(4);
    SVGGraphics2D g = new SVGGraphics2D(ctx, false);
    g.setSVGCanvasSize(new Dimension((int) Math.ceil(drawing.width()), (int) Math.ceil(drawing.height())));
    drawing.paint(g);

    Element root = g.getRoot();
    String w = number(drawing.width());
    String h = number(drawing.height());
    // in points, so a browser shows the figure at the same physical size as the PDF
    root.setAttributeNS(null, "width", w + "pt");
    root.setAttributeNS(null, "height", h + "pt");
    root.setAttributeNS(null, "viewBox", "0 0 " + w + " " + h);
    Element metadata = doc.createElementNS(SVGConstants.SVG_NAMESPACE_URI, SVGConstants.SVG_METADATA_TAG);
    metadata.setAttributeNS(null, "id", METADATA_ID);
    metadata.setTextContent(provenanceJson);
    root.insertBefore(metadata, root.getFirstChild());

    StringWriter out = new StringWriter();
    try {
      g.stream(root, out, true, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      g.dispose();
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v);
  }
}
