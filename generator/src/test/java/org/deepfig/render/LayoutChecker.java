package org.deepfig.render;

import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.batik.anim.dom.SAXSVGDocumentFactory;
import org.apache.batik.bridge.BridgeContext;
import org.apache.batik.bridge.CSSUtilities;
import org.apache.batik.bridge.GVTBuilder;
import org.apache.batik.bridge.UserAgentAdapter;
import org.apache.batik.css.engine.SVGCSSEngine;
import org.apache.batik.gvt.CompositeGraphicsNode;
import org.apache.batik.gvt.GraphicsNode;
import org.apache.batik.util.XMLResourceDescriptor;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Checks a figure's layout the way a reader sees it: renders the SVG to Batik's GVT tree and measures every painted
 * node. A figure passes when nothing lies outside the canvas, no two texts overlap, no text is smaller than
 * {@link #MIN_TEXT_POINTS} at the figure's size, every colour bar ({@code <g class="colour-bar">}) labels at least
 * two ticks (the texts of its {@code <g class="colour-bar-ticks">}), and no legend ({@code <g class="legend">}) and no
 * text crosses the border line of a plot ({@code <g class="plot-area">}, the frame of a chart's data area): each lies
 * wholly outside the frame or wholly inside it.
 */
public final class LayoutChecker {
  /** The smallest text a printed figure may carry. */
  public static final double MIN_TEXT_POINTS = 6;
  /** Slack for antialiasing and half a hairline stroke, in points. */
  static final double TOLERANCE = 0.75;
  /** Two texts may share this much (points, both ways) before they count as overlapping: glyph boxes touch. */
  static final double OVERLAP = 0.4;

  private static final java.util.Set<String> CONTAINERS = java.util.Set.of("svg", "g", "a", "switch", "use");

  private LayoutChecker() {}

  /** The problems of a drawing, each one sentence; empty when the layout is clean. */
  public static List<String> check(Drawing drawing) {
    return check(new SvgEncoder().encode(drawing, "{}"));
  }

  /** The problems of an SVG figure as written by {@link SvgEncoder}. */
  public static List<String> check(byte[] svg) {
    Document doc = parse(svg);
    Element root = doc.getDocumentElement();
    String[] box = root.getAttribute("viewBox").trim().split("[\\s,]+");
    double width = Double.parseDouble(box[2]);
    double height = Double.parseDouble(box[3]);
    // unitless width/height equal to the view box: one user unit is one point, the root transform is the identity
    root.setAttributeNS(null, "width", box[2]);
    root.setAttributeNS(null, "height", box[3]);
    BridgeContext ctx = new BridgeContext(new UserAgentAdapter());
    ctx.setDynamicState(BridgeContext.DYNAMIC);
    try {
      new GVTBuilder().build(ctx, doc);
      List<String> problems = new ArrayList<>();
      List<Text> texts = new ArrayList<>();
      Rectangle2D canvas = new Rectangle2D.Double(-TOLERANCE, -TOLERANCE, width + 2 * TOLERANCE,
          height + 2 * TOLERANCE);
      // text gets no slack: a glyph touching the edge is already cut in a viewer that rounds the page
      Rectangle2D page = new Rectangle2D.Double(0, 0, width, height);
      for (Element e : elements(root)) {
        if (inDefinitions(e)) continue; // a clip path is not drawn; it lives in the user space that refers to it
        GraphicsNode node = ctx.getGraphicsNode(e);
        // groups are measured through their children; an <image> is a composite node in Batik but a leaf here
        if (node == null || node instanceof CompositeGraphicsNode && CONTAINERS.contains(e.getLocalName())) continue;
        Rectangle2D bounds = node.getTransformedBounds(parentTransform(node));
        if (bounds == null || bounds.isEmpty()) continue;
        if (!(isText(e) ? page : canvas).contains(bounds)) {
          problems.add(String.format(Locale.ROOT, "outside the %.0f×%.0f canvas: <%s>%s at %s", width, height,
              e.getLocalName(), isText(e) ? " '" + e.getTextContent().trim() + "'" : "", describe(bounds)));
        }
        if (isText(e) && !e.getTextContent().isBlank()) {
          Text t = text(e, node);
          texts.add(t);
          if (t.points < MIN_TEXT_POINTS - 1e-6) {
            problems.add(String.format(Locale.ROOT, "text smaller than %.0f pt: '%s' at %.2f pt", MIN_TEXT_POINTS,
                t.content, t.points));
          }
        }
      }
      // sweep in x: only texts whose upright boxes meet are compared as slanted boxes (a 100×100 matrix has 10k)
      texts.sort(java.util.Comparator.comparingDouble(t -> t.box().getMinX()));
      for (int i = 0; i < texts.size(); i++) {
        Text a = texts.get(i);
        for (int j = i + 1; j < texts.size() && texts.get(j).box().getMinX() < a.box().getMaxX(); j++) {
          Text b = texts.get(j);
          if (!a.box().intersects(b.box())) continue;
          Area shared = new Area(a.outline());
          shared.intersect(new Area(b.outline()));
          Rectangle2D r = shared.getBounds2D();
          if (!shared.isEmpty() && r.getWidth() > OVERLAP && r.getHeight() > OVERLAP) {
            problems.add("texts overlap: '" + a.content() + "' and '" + b.content() + "' at " + describe(r));
          }
        }
      }
      problems.addAll(colourBars(root));
      problems.addAll(frameCrossings(root, ctx, texts));
      return problems;
    } finally {
      ctx.dispose();
    }
  }

  private static boolean inDefinitions(Element e) {
    for (org.w3c.dom.Node n = e.getParentNode(); n instanceof Element p; n = p.getParentNode()) {
      String name = p.getLocalName();
      if ("defs".equals(name) || "clipPath".equals(name) || "mask".equals(name)) return true;
    }
    return false;
  }

  /** Fails with every problem listed when the drawing's layout is not clean. */
  public static void assertClean(String name, Drawing drawing) {
    assertClean(name, new SvgEncoder().encode(drawing, "{}"));
  }

  /** Fails with every problem listed when the figure's layout is not clean. */
  public static void assertClean(String name, byte[] svg) {
    List<String> problems = check(svg);
    if (!problems.isEmpty()) {
      throw new AssertionError(name + ": " + problems.size() + " layout problem(s):\n  " + String.join("\n  ",
          problems));
    }
  }

  private record Text(String content, double points, java.awt.Shape outline, Rectangle2D box, boolean inLegend) {}

  /**
   * Legends and texts lying across a plot frame's border line. A box crosses a frame when it reaches more than
   * {@link #TOLERANCE} into the frame's inside and more than that beyond its outside; a legend's texts are judged as
   * the legend's one box.
   */
  private static List<String> frameCrossings(Element root, BridgeContext ctx, List<Text> texts) {
    List<Rectangle2D> frames = new ArrayList<>();
    List<Rectangle2D> legends = new ArrayList<>();
    for (Element g : elements(root)) {
      if (!"g".equals(g.getLocalName())) continue;
      GraphicsNode node = ctx.getGraphicsNode(g);
      if (node == null) continue;
      if (hasClass(g, SvgGroups.PLOT_AREA)) {
        // the frame's own line, not its stroke's width
        Rectangle2D r = node.getTransformedGeometryBounds(parentTransform(node));
        if (r != null) frames.add(r);
      } else if (hasClass(g, SvgGroups.LEGEND)) {
        Rectangle2D r = node.getTransformedBounds(parentTransform(node));
        if (r != null && !r.isEmpty()) legends.add(r);
      }
    }
    List<String> problems = new ArrayList<>();
    for (int f = 0; f < frames.size(); f++) {
      Rectangle2D frame = frames.get(f);
      for (int i = 0; i < legends.size(); i++) {
        if (crosses(legends.get(i), frame)) {
          problems.add(String.format(Locale.ROOT, "legend %d %s lies across the border of plot frame %d %s", i + 1,
              describe(legends.get(i)), f + 1, describe(frame)));
        }
      }
      for (Text t : texts) {
        if (!t.inLegend() && crosses(t.box(), frame)) {
          problems.add(String.format(Locale.ROOT, "text '%s' %s lies across the border of plot frame %d %s",
              t.content(), describe(t.box()), f + 1, describe(frame)));
        }
      }
    }
    return problems;
  }

  private static boolean crosses(Rectangle2D box, Rectangle2D frame) {
    Rectangle2D inside = new Rectangle2D.Double(frame.getMinX() + TOLERANCE, frame.getMinY() + TOLERANCE,
        frame.getWidth() - 2 * TOLERANCE, frame.getHeight() - 2 * TOLERANCE);
    Rectangle2D outside = new Rectangle2D.Double(frame.getMinX() - TOLERANCE, frame.getMinY() - TOLERANCE,
        frame.getWidth() + 2 * TOLERANCE, frame.getHeight() + 2 * TOLERANCE);
    return box.intersects(inside) && !outside.contains(box);
  }

  private static boolean inLegend(Element e) {
    for (Node p = e.getParentNode(); p instanceof Element a; p = a.getParentNode()) {
      if ("g".equals(a.getLocalName()) && hasClass(a, SvgGroups.LEGEND)) return true;
    }
    return false;
  }

  private static Text text(Element e, GraphicsNode node) {
    AffineTransform global = node.getGlobalTransform();
    double scale = Math.sqrt(Math.abs(global.getDeterminant()));
    float size = CSSUtilities.getComputedStyle(e, SVGCSSEngine.FONT_SIZE_INDEX).getFloatValue();
    // tight glyph box, turned with the text: rotated labels are compared as the slanted boxes they are
    Rectangle2D local = node.getGeometryBounds();
    java.awt.Shape outline = global.createTransformedShape(local);
    return new Text(e.getTextContent().trim(), size * scale, outline, outline.getBounds2D(), inLegend(e));
  }

  private static List<String> colourBars(Element root) {
    List<String> problems = new ArrayList<>();
    int index = 0;
    for (Element g : elements(root)) {
      if (!"g".equals(g.getLocalName()) || !hasClass(g, SvgGroups.COLOUR_BAR)) continue;
      index++;
      int labels = 0;
      for (Element inner : elements(g)) {
        if ("g".equals(inner.getLocalName()) && hasClass(inner, SvgGroups.COLOUR_BAR_TICKS)) {
          for (Element t : elements(inner)) if (isText(t) && !t.getTextContent().isBlank()) labels++;
        }
      }
      if (labels < 2) problems.add("colour bar " + index + " labels " + labels + " tick(s), needs at least 2");
    }
    return problems;
  }

  private static boolean hasClass(Element e, String cssClass) {
    return List.of(e.getAttribute("class").split("\\s+")).contains(cssClass);
  }

  private static boolean isText(Element e) {
    return "text".equals(e.getLocalName());
  }

  private static AffineTransform parentTransform(GraphicsNode node) {
    GraphicsNode parent = node.getParent();
    AffineTransform t = parent == null ? null : parent.getGlobalTransform();
    return t == null ? new AffineTransform() : t;
  }

  private static List<Element> elements(Element root) {
    List<Element> out = new ArrayList<>();
    NodeList all = root.getElementsByTagNameNS("*", "*");
    for (int i = 0; i < all.getLength(); i++) {
      Node n = all.item(i);
      if (n instanceof Element e) out.add(e);
    }
    return out;
  }

  private static String describe(Rectangle2D r) {
    return String.format(Locale.ROOT, "[x %.1f..%.1f, y %.1f..%.1f]", r.getMinX(), r.getMaxX(), r.getMinY(),
        r.getMaxY());
  }

  private static Document parse(byte[] svg) {
    SAXSVGDocumentFactory factory = new SAXSVGDocumentFactory(XMLResourceDescriptor.getXMLParserClassName());
    try {
      return factory.createDocument("file:/figure.svg", new ByteArrayInputStream(svg));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
