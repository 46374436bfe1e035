package org.deepfig.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.deepfig.UserError;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Reads back the provenance a {@link FigureWriter} put inside a figure file, whatever its format. */
public final class FigureMetadata {
  private FigureMetadata() {}

  /** The provenance map stored in {@code file}; a {@link UserError} if the file carries none. */
  public static Map<String, String> read(Path file) {
    try {
      String json =
          switch (FigureFormat.ofFileName(file.getFileName().toString())) {
            case SVG -> fromSvg(file);
            case PDF -> fromPdf(file);
            case PNG -> fromPng(file);
          };
      if (json == null) {
        throw new UserError(file.toString(), "figure carries no deepfig provenance",
            "regenerate it with deepfig, or compare it by content instead");
      }
      return ProvenanceJson.read(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String fromSvg(Path file) throws IOException {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    try {
      // a figure never needs its DTD; fetching it would need the network
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      NodeList nodes = f.newDocumentBuilder().parse(file.toFile()).getElementsByTagNameNS("*", "metadata");
      for (int i = 0; i < nodes.getLength(); i++) {
        Element e = (Element) nodes.item(i);
        if (SvgEncoder.METADATA_ID.equals(e.getAttribute("id"))) return e.getTextContent();
      }
      return null;
    } catch (ParserConfigurationException | SAXException e) {
      throw new UserError(file.toString(), "not a well-formed SVG: " + e.getMessage(), "regenerate the figure");
    }
  }

  private static String fromPdf(Path file) throws IOException {
    try (PDDocument doc = Loader.loadPDF(file.toFile())) {
      return doc.getDocumentInformation().getCustomMetadataValue(ProvenanceJson.KEY);
    }
  }

  private static String fromPng(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file);
        ImageInputStream iis = ImageIO.createImageInputStream(in)) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
      if (!readers.hasNext()) throw new UserError(file.toString(), "not a PNG image", "regenerate the figure");
      ImageReader reader = readers.next();
      try {
        reader.setInput(iis, true, false);
        IIOMetadata md = reader.getImageMetadata(0);
        Node root = md.getAsTree(PngEncoder.PNG_METADATA_FORMAT);
        return textChunk(root, ProvenanceJson.KEY);
      } finally {
        reader.dispose();
      }
    }
  }

  private static String textChunk(Node root, String keyword) {
    for (Node chunk = root.getFirstChild(); chunk != null; chunk = chunk.getNextSibling()) {
      boolean itxt = chunk.getNodeName().equals("iTXt");
      if (!itxt && !chunk.getNodeName().equals("tEXt")) continue;
      for (Node entry = chunk.getFirstChild(); entry != null; entry = entry.getNextSibling()) {
        Element e = (Element) entry;
        if (keyword.equals(e.getAttribute("keyword"))) return e.getAttribute(itxt ? "text" : "value");
      }
    }
    return null;
  }
}
