package org.deepfig.report;

import java.io.IOException;
import java.io.StringReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The smallest text of a figure's SVG, in the drawing's points (one user unit is one point): what decides how small
 * the figure may be shown before it can no longer be read. Each {@code <text>} counts at its inherited
 * {@code font-size} times the scale of the transforms around it.
 */
public final class SvgText {
  private static final Pattern STYLE_SIZE = Pattern.compile("(?:^|;)\\s*font-size\\s*:\\s*([0-9.]+)(?:px|pt)?");
  private static final Pattern TRANSFORM = Pattern.compile("(matrix|scale|rotate|translate|skewX|skewY)\\s*\\(([^)]*)\\)");
  /** Batik's default size on the root; stands for text whose size no element states. */
  private static final double DEFAULT_SIZE = 12;

  private SvgText() {}

  /** The smallest font size in points, or {@code NaN} for an SVG without text (or one that does not parse). */
  public static double smallestFontPt(String svg) {
    try {
      Element root = parser().parse(new InputSource(new StringReader(svg))).getDocumentElement();
      return smallest(root, DEFAULT_SIZE, 1);
    } catch (SAXException | IOException e) {
      return Double.NaN;
    }
  }

  private static double smallest(Element e, double inheritedSize, double inheritedScale) {
    double size = inheritedSize;
    String attr = e.getAttribute("font-size");
    if (!attr.isEmpty()) size = number(attr.replaceAll("[a-z]+$", ""), size);
    Matcher m = STYLE_SIZE.matcher(e.getAttribute("style"));
    if (m.find()) size = number(m.group(1), size);
    double scale = inheritedScale * scale(e.getAttribute("transform"));
    double min = e.getLocalName() != null && e.getLocalName().equals("text") && !e.getTextContent().isBlank()
        ? size * scale : Double.NaN;
    for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c instanceof Element child) {
        double s = smallest(child, size, scale);
        if (Double.isNaN(min) || s < min) min = Double.isNaN(s) ? min : s;
      }
    }
    return min;
  }

  /** How much a transform scales lengths: the square root of its determinant's magnitude. */
  static double scale(String transform) {
    double scale = 1;
    Matcher m = TRANSFORM.matcher(transform);
    while (m.find()) {
      String[] a = m.group(2).trim().split("[\\s,]+");
      switch (m.group(1)) {
        case "matrix" -> scale *= Math.sqrt(Math.abs(number(a[0], 1) * number(a[3], 1) - number(a[1], 0) * number(a[2], 0)));
        case "scale" -> scale *= Math.sqrt(Math.abs(number(a[0], 1) * (a.length > 1 ? number(a[1], 1) : number(a[0], 1))));
        default -> { }
      }
    }
    return scale;
  }

  private static double number(String s, double fallback) {
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static DocumentBuilder parser() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      // the figures' doctype names the SVG 1.0 DTD by URL: never fetch it, nor anything else
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setExpandEntityReferences(false);
      return f.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }
}
