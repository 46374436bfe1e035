package org.deepfig.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Real figures, clean as drawn, each mutated in its SVG to break one layout rule once: the checker must then report
 * exactly that rule. (LayoutCheckerTest does the same on hand-made figures.)
 */
class LayoutMutationTest {

  private static Document parse(byte[] svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
  }

  private static byte[] mutate(Drawing d, Consumer<Document> change) throws Exception {
    Document doc = parse(new SvgEncoder().encode(d, "{}"));
    change.accept(doc);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
    return out.toByteArray();
  }

  private static List<Element> all(Document doc, String tag) {
    NodeList list = doc.getElementsByTagNameNS("*", tag);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < list.getLength(); i++) out.add((Element) list.item(i));
    return out;
  }

  private static Element group(Document doc, String cssClass) {
    return all(doc, "g").stream().filter(g -> g.getAttribute("class").equals(cssClass)).findFirst().orElseThrow();
  }

  private static Element text(Document doc, String content) {
    return all(doc, "text").stream().filter(t -> t.getTextContent().trim().equals(content)).findFirst()
        .orElseThrow();
  }

  @Test
  void theUnmutatedFiguresAreClean() throws Exception {
    assertThat(LayoutChecker.check(mutate(SampleDrawings.lossCurves(), doc -> {}))).isEmpty();
    assertThat(LayoutChecker.check(mutate(SampleDrawings.confusion(), doc -> {}))).isEmpty();
  }

  @Test
  void legendMovedAcrossThePlotFrame() throws Exception {
    ChartDrawing chart = SampleDrawings.lossCurves();
    double legendToFrame = 12 + chart.plotArea().getWidth() / 10;
    assertThat(LayoutChecker.check(mutate(chart, doc -> group(doc, SvgGroups.LEGEND).setAttribute("transform",
        "translate(" + -legendToFrame + ",0)")))).singleElement().asString().startsWith("legend 1 ")
        .contains("lies across the border of plot frame 1");
  }

  @Test
  void titleMovedOffTheCanvas() throws Exception {
    assertThat(LayoutChecker.check(mutate(SampleDrawings.lossCurves(),
        doc -> text(doc, "LeNet-5 on MNIST").setAttribute("transform", "translate(0,-30)"))))
        .singleElement().asString().startsWith("outside the ").contains("'LeNet-5 on MNIST'");
  }

  @Test
  void axisTitleMovedOntoTheTitle() throws Exception {
    assertThat(LayoutChecker.check(mutate(SampleDrawings.lossCurves(), doc -> {
      Element title = text(doc, "LeNet-5 on MNIST");
      Element copy = (Element) title.cloneNode(true);
      copy.setTextContent("epoch");
      copy.setAttribute("x", String.valueOf(Double.parseDouble(title.getAttribute("x")) + 10));
      title.getParentNode().appendChild(copy);
    }))).singleElement().asString().startsWith("texts overlap: ").contains("'LeNet-5 on MNIST'").contains("'epoch'");
  }

  @Test
  void tickLabelShrunkBelowSixPoints() throws Exception {
    assertThat(LayoutChecker.check(mutate(SampleDrawings.lossCurves(),
        doc -> text(doc, "epoch").setAttribute("style", "font-size:5px"))))
        .singleElement().asString().isEqualTo("text smaller than 6 pt: 'epoch' at 5.00 pt");
  }

  @Test
  void colourBarLeftWithOneTick() throws Exception {
    assertThat(LayoutChecker.check(mutate(SampleDrawings.confusion(), doc -> {
      List<Element> ticks = new ArrayList<>();
      NodeList list = group(doc, SvgGroups.COLOUR_BAR_TICKS).getElementsByTagNameNS("*", "text");
      for (int i = 0; i < list.getLength(); i++) ticks.add((Element) list.item(i));
      assertThat(ticks).hasSizeGreaterThan(1);
      for (Element t : ticks.subList(1, ticks.size())) t.getParentNode().removeChild(t);
    }))).singleElement().asString().isEqualTo("colour bar 1 labels 1 tick(s), needs at least 2");
  }
}
