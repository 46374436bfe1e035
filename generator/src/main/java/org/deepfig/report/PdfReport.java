package org.deepfig.report;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.extend.FSSupplier;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer.SvgScriptMode;
import java.io.InputStream;
import java.util.Set;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.logging.Level;
import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.JDKXRLogger;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.deepfig.render.Typography;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Attr;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.XMLConstants;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import java.io.StringReader;
import org.xml.sax.helpers.DefaultHandler;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.TransformerException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.StringWriter;

/**
 * The report as a PDF, through openhtmltopdf: the {@code report-pdf.ftlh} XHTML with every figure's SVG inlined, so
 * the figures stay vector, and the bundled DejaVu faces embedded, so it looks the same everywhere.
 *
 * <p>Traps: openhtmltopdf needs well-formed XHTML (the template is XML; Freemarker's HTML escaping only emits
 * XML-safe entities), and PDFBox derives the trailer /ID from the clock unless a document id is set.
 */
public final class PdfReport {
  /** A4 (210 mm) less 2 × 18 mm margins, in points. */
  static final double CONTENT_WIDTH_PT = (210 - 36) / 25.4 * 72;
  /** A4 portrait's text height (297 mm less 38 mm of margins) less room for the heading and a caption's start. */
  static final double MAX_FIGURE_HEIGHT_PT = (297 - 38) / 25.4 * 72 - 110;
  /** A4 landscape (297 mm) less 2 × 10 mm margins: where a figure too wide for portrait goes. */
  static final double LANDSCAPE_WIDTH_PT = (297 - 20) / 25.4 * 72;
  /** A4 landscape's text height (210 mm less 28 mm of margins) less room for the heading and a caption's start. */
  static final double LANDSCAPE_HEIGHT_PT = (210 - 28) / 25.4 * 72 - 90;
  /** No text of a placed figure is smaller than this, where the page allows. */
  static final double MIN_TEXT_PT = 6;

  private static final Pattern LENGTH = Pattern.compile("([0-9]*\\.?[0-9]+)(pt|px)?");

  private final Templates templates;

  public PdfReport(Templates templates) {
    this.templates = templates;
  }

  public void write(Path reportDir, ReportView view, Path pdf) throws IOException {
    Map<String, String> svgs = new LinkedHashMap<>();
    Map<String, Placement> placements = new LinkedHashMap<>();
    for (FigureView f : view.figures()) {
      if (f.svg() == null) continue;
      String svg = Files.readString(reportDir.resolve(f.svg()));
      Element root = parse(svg);
      double[] size = rootSize(root);
      if (size == null) {
        svgs.put(f.id(), inlinable(root, 1));
        continue;
      }
      double font = Double.isNaN(f.smallestFontPt()) ? SvgText.smallestFontPt(svg) : f.smallestFontPt();
      Placement p = Placement.of(size[0], size[1], font);
      placements.put(f.id(), p);
      svgs.put(f.id(), inlinable(root, p.scale()));
    }
    String xhtml = templates.render("report-pdf.ftlh", Map.of("report", view, "svgs", svgs,
        "placements", placements));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<String> failures = new ArrayList<>();
    // openhtmltopdf logs every page it lays out through java.util.logging; what matters reaches us as diagnostics
    QuietWhileRendering.install();
    QuietWhileRendering.RENDERING.set(true);
    try (PDDocument doc = new PDDocument(); OutputStream out = bytes) {
      doc.setDocumentId(documentId(xhtml));
      PdfRendererBuilder b = new PdfRendererBuilder();
      b.usePDDocument(doc);
      b.useFastMode();
      // the figures' SVGs embed their rasters as data: URIs; nothing else may be fetched
      BatikSVGDrawer svg = new BatikSVGDrawer(SvgScriptMode.SECURE, Set.of("data"));
      b.useSVGDrawer(svg);
      b.useFont(font(Typography.REGULAR_RESOURCE), "DejaVu Sans", 400, FontStyle.NORMAL, true);
      b.useFont(font(Typography.BOLD_RESOURCE), "DejaVu Sans", 700, FontStyle.NORMAL, true);
      b.withProducer("deepfig");
      // openhtmltopdf reports a figure it could not draw and carries on; the PDF would silently lack it
      b.withDiagnosticConsumer(d -> {
        if (XRLog.EXCEPTION.equals(d.getLogMessageId().getWhere()) && d.getLevel().intValue() >= Level.WARNING.intValue()) {
          failures.add(d.getFormattedMessage().lines().findFirst().orElse(""));
        }
      });
      b.withHtmlContent(xhtml, reportDir.toUri().toString());
      b.toStream(out);
      b.run();
    } finally {
      QuietWhileRendering.RENDERING.remove();
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("PDF report of " + reportDir + ": " + String.join("; ", failures));
    }
    Files.write(pdf, withoutClock(bytes.toByteArray(), documentId(xhtml)));
  }

  private static FSSupplier<InputStream> font(String resource) {
    return () -> Typography.class.getResourceAsStream(resource);
  }

  /**
   * Where and how large a figure goes: at its own size, or smaller to fit the text width and a page, on a portrait
   * page when its smallest text stays at least {@link #MIN_TEXT_PT} there, else on a landscape page if that shows
   * it larger.
   *
   * @param scale drawing points to page points
   * @param smallestTextPt the figure's smallest text as printed ({@code NaN} for a figure without text)
   */
  public record Placement(double scale, boolean landscape, double smallestTextPt) {
    static Placement of(double widthPt, double heightPt, double fontPt) {
      double portrait = Math.min(1, Math.min(CONTENT_WIDTH_PT / widthPt, MAX_FIGURE_HEIGHT_PT / heightPt));
      double landscape = Math.min(1, Math.min(LANDSCAPE_WIDTH_PT / widthPt, LANDSCAPE_HEIGHT_PT / heightPt));
      boolean legible = Double.isNaN(fontPt) || fontPt * portrait >= MIN_TEXT_PT - 1e-9;
      double scale = legible || landscape <= portrait ? portrait : landscape;
      return new Placement(scale, !legible && landscape > portrait, fontPt * scale);
    }
  }

  /** The SVG root's width and height in points, or null when it states none. */
  static double[] rootSize(String svg) {
    return rootSize(parse(svg));
  }

  private static double[] rootSize(Element root) {
    if (!root.getTagName().equals("svg")) return null;
    double w = points(root.getAttribute("width"));
    double h = points(root.getAttribute("height"));
    return w > 0 && h > 0 ? new double[] {w, h} : null;
  }

  /** A length in points or pixels ({@code 12}, {@code 12pt}, {@code 12px}); 0 for none or another unit. */
  private static double points(String length) {
    Matcher m = LENGTH.matcher(length.strip());
    return m.matches() ? Double.parseDouble(m.group(1)) : 0;
  }

  /** The SVG markup to inline: without its XML prolog and doctype, data: URIs on one line. */
  static String inlinable(String svg) {
    return inlinable(parse(svg), 1);
  }

  /**
   * {@link #inlinable} with its root width and height multiplied by {@code scale} (the viewBox keeps the drawing's
   * own coordinates).
   */
  static String scaled(String svg, double scale) {
    return inlinable(parse(svg), scale);
  }

  /**
   * The root element as markup (so without the document's prolog and doctype): data: URIs on one line, and, unless
   * {@code scale} is 1, the root's width and height times {@code scale}, in points.
   */
  private static String inlinable(Element root, double scale) {
    if (scale != 1 && rootSize(root) != null) {
      for (String side : List.of("width", "height")) {
        root.setAttribute(side, String.format(Locale.ROOT, "%.2fpt", points(root.getAttribute(side)) * scale));
      }
    }
    // Batik wraps the base64 of embedded rasters over many lines; openhtmltopdf's SVG loader rejects such URIs
    NodeList all = root.getElementsByTagName("*");
    for (int i = -1; i < all.getLength(); i++) {
      Element e = i < 0 ? root : (Element) all.item(i);
      NamedNodeMap attributes = e.getAttributes();
      for (int a = 0; a < attributes.getLength(); a++) {
        Attr attr = (Attr) attributes.item(a);
        String name = attr.getName();
        if ((name.equals("href") || name.endsWith(":href")) && attr.getValue().startsWith("data:")) {
          attr.setValue(attr.getValue().replaceAll("\\s+", ""));
        }
      }
    }
    try {
      Transformer t = TransformerFactory.newDefaultInstance().newTransformer();
      t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      StringWriter out = new StringWriter();
      t.transform(new DOMSource(root), new StreamResult(out));
      return out.toString();
    } catch (TransformerException e) {
      throw new IllegalStateException("cannot write an SVG back as text", e);
    }
  }

  /** The SVG's root element, read with namespaces (the doctype's external DTD is not fetched). */
  static Element parse(String svg) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
      f.setNamespaceAware(true);
      f.setValidating(false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(new DefaultHandler()); // fatal errors thrown, nothing printed
      return b.parse(new InputSource(new StringReader(svg))).getDocumentElement();
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new IllegalStateException("a figure's SVG is not well-formed XML: " + e.getMessage(), e);
    }
  }

  /** openhtmltopdf stamps a creation date: drop it, so the same report gives the same bytes. */
  private static byte[] withoutClock(byte[] pdf, long id) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      doc.getDocumentInformation().setCreationDate(null);
      doc.getDocumentInformation().setModificationDate(null);
      // the trailer /ID openhtmltopdf's save wrote came from the clock; replace it with one from the content
      byte[] idBytes = java.nio.ByteBuffer.allocate(16).putLong(id).putLong(~id).array();
      COSArray ids = new COSArray();
      ids.add(new COSString(idBytes));
      ids.add(new COSString(idBytes));
      doc.getDocument().getTrailer().setItem(COSName.ID, ids);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }

  private static long documentId(String xhtml) {
    return org.deepfig.provenance.Hashes.sha256Long(xhtml);
  }

  /**
   * openhtmltopdf's logger, quiet on a thread while it renders a report and the logger that was installed before
   * everywhere else. The library has one logger per process ({@code XRLog.setLoggerImpl} sets a static field; its
   * builder takes a diagnostic consumer per render, but no logger), so it cannot be handed to one render; this
   * wrapper is installed once and keeps the quiet to the rendering thread: another thread's openhtmltopdf logs as
   * before, and concurrent renders cannot put a quiet logger back for good as a save-and-restore swap could.
   * Diagnostics reach the render's consumer whatever the logger says.
   */
  private static final class QuietWhileRendering implements XRLogger {
    static final ThreadLocal<Boolean> RENDERING = ThreadLocal.withInitial(() -> false);

    private final XRLogger others;

    private QuietWhileRendering(XRLogger others) {
      this.others = others;
    }

    /** Wraps the current logger unless it is this wrapper already (someone may have set their own since). */
    static synchronized void install() {
      XRLogger current = XRLog.getLoggerImpl();
      if (current instanceof QuietWhileRendering) return;
      XRLog.setLoggerImpl(new QuietWhileRendering(current != null ? current : new JDKXRLogger()));
    }

    @Override
    public void log(String where, Level level, String msg) {
      if (!RENDERING.get()) others.log(where, level, msg);
    }

    @Override
    public void log(String where, Level level, String msg, Throwable th) {
      if (!RENDERING.get()) others.log(where, level, msg, th);
    }

    @Override
    public void log(Diagnostic diagnostic) {
      if (!RENDERING.get()) others.log(diagnostic);
    }

    @Override
    public void setLevel(String logger, Level level) {
      others.setLevel(logger, level);
    }

    @Override
    public boolean isLogLevelEnabled(Diagnostic diagnostic) {
      return RENDERING.get() || others.isLogLevelEnabled(diagnostic);
    }
  }
}
