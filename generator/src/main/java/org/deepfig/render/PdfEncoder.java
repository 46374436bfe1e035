package org.deepfig.render;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Vector PDF through pdfbox-graphics2d: one page the size of the drawing, the style's faces embedded (as
 * subsets) so text stays text and extracts with PDFTextStripper. Provenance goes into the document information, as
 * the Subject and under {@link ProvenanceJson#KEY}.
 *
 * <p>Trap: PDFBox derives the trailer /ID from the clock unless a document id is set, and that alone makes two runs
 * differ. We set it from the provenance and page size and write no dates.
 */
public final class PdfEncoder {

  public byte[] encode(Drawing drawing, String provenanceJson) {
    float w = (float) drawing.width();
    float h = (float) drawing.height();
    try (PDDocument doc = new PDDocument();
        PdfBoxGraphics2DFontTextDrawer fonts = new PdfBoxGraphics2DFontTextDrawer()) {
      PDPage page = new PDPage(new PDRectangle(w, h));
      doc.addPage(page);
      FontFaces faces = FigureStyle.current().faces();
      for (Font face : List.of(faces.regular(), faces.bold())) {
        try (InputStream in = faces.sourceOf(face).open()) {
          // the drawer maps an AWT font to a PDF font by Font.getFontName(), so register under that name
          fonts.registerFont(face.getFontName(), PDType0Font.load(doc, in));
        }
      }
      PdfBoxGraphics2D g = new PdfBoxGraphics2D(doc, w, h);
      g.setFontTextDrawer(fonts);
      try {
        drawing.paint(g);
      } finally {
        g.dispose();
      }
      try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
        content.drawForm(g.getXFormObject());
      }
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setSubject(provenanceJson);
      info.setCustomMetadataValue(ProvenanceJson.KEY, provenanceJson);
      info.setCreator("deepfig");
      doc.setDocumentId(documentId(w, h, provenanceJson));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long documentId(float w, float h, String provenanceJson) {
    return org.deepfig.provenance.Hashes.sha256Long(w + "x" + h + "\n" + provenanceJson);
  }
}
