package org.deepfig.analysis.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.PNGTranscoder;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.deepfig.config.ModelConfig.Arch;
import org.deepfig.model.LayerGraph;
import org.deepfig.model.LayerNode;
import org.deepfig.model.ModelZoo;
import org.deepfig.model.Net;
import org.deepfig.render.PdfEncoder;
import org.deepfig.render.PngEncoder;
import org.deepfig.render.SvgEncoder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Tag("slow")
class ArchitectureTest {
  static final List<String> TEN = IntStream.range(0, 10).mapToObj(Integer::toString).toList();

  static LayerGraph graph(NDManager m, Arch arch) {
    Shape in = arch == Arch.MLP || arch == Arch.LENET5 ? new Shape(1, 28, 28) : new Shape(3, 32, 32);
    Net net = ModelZoo.create(arch, in, TEN, new float[] {0.5f}, new float[] {0.5f});
    net.initialize(m, DataType.FLOAT32, new Shape(1).addAll(in));
    return net.graph();
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void diagramListsEveryLayerWithItsOutputShape(Arch arch) {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      LayerGraph g = graph(m, arch);
      String svg = new String(new SvgEncoder().encode(new BlockDiagram("x", g, false), "{}"), StandardCharsets.UTF_8);
      for (LayerNode n : g.layers()) {
        assertThat(svg).as(n.name()).contains(">" + n.name() + "<");
        assertThat(svg).as(n.name() + " shape").contains(n.shapeText());
      }
    }
  }

  @Test
  void collapsedResnetShowsOneBoxPerResidualBlock() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      BlockDiagram d = new BlockDiagram("x", graph(m, Arch.RESNET), true);
      List<String> names = d.boxes().stream().map(BlockDiagram.Box::name).toList();
      assertThat(names).containsExactly("input", "conv1", "bn1", "relu1", "res1", "res2", "res3", "gap", "flatten",
          "fc");
      // res2: conv1 3·3·16·32+32, bn1 2·32, conv2 3·3·32·32+32, bn2 2·32, proj 16·32+32, proj_bn 2·32
      long res2 = 4640 + 64 + 9248 + 64 + 544 + 64;
      assertThat(d.boxes().get(5).params()).isEqualTo(res2);
    }
  }

  @Test
  void lenetMultiplyAddsMatchTheHandCount() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      LayerGraph g = graph(m, Arch.LENET5);
      // conv1: 28·28 positions · 6 filters · 1·5·5 = 117,600; conv2: 10·10 · 16 · 6·5·5 = 240,000
      assertThat(Macs.of(g, g.layer("conv1"))).isEqualTo(117_600);
      assertThat(Macs.of(g, g.layer("conv2"))).isEqualTo(240_000);
      // fc1 400·120, fc2 120·84, fc3 84·10
      assertThat(Macs.total(g)).isEqualTo(117_600 + 240_000 + 48_000 + 10_080 + 840);
    }
  }

  @Test
  void svgRendersLikeThePngBackendAndThePdfHasItsText() throws Exception {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      BlockDiagram d = new BlockDiagram("lenet5", graph(m, Arch.LENET5), false);
      byte[] svg = new SvgEncoder().encode(d, "{}");
      PNGTranscoder t = new PNGTranscoder();
      t.addTranscodingHint(PNGTranscoder.KEY_WIDTH, (float) d.width());
      t.addTranscodingHint(PNGTranscoder.KEY_BACKGROUND_COLOR, java.awt.Color.WHITE);
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      t.transcode(new TranscoderInput(new ByteArrayInputStream(svg)), new TranscoderOutput(png));
      BufferedImage fromSvg = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
      BufferedImage direct = PngEncoder.render(d, 72);
      assertThat(fromSvg.getWidth()).isEqualTo(direct.getWidth());
      // small text antialiases differently in the two rasterisers: compare 4×4-pixel block means (the structure)
      double sum = 0;
      int blocks = 0;
      for (int by = 0; by + 4 <= direct.getHeight(); by += 4) {
        for (int bx = 0; bx + 4 <= direct.getWidth(); bx += 4) {
          for (int s = 0; s <= 16; s += 8) {
            double a = 0;
            double b = 0;
            for (int y = by; y < by + 4; y++) {
              for (int x = bx; x < bx + 4; x++) {
                a += (fromSvg.getRGB(x, y) >> s) & 0xff;
                b += (direct.getRGB(x, y) >> s) & 0xff;
              }
            }
            sum += Math.abs(a - b) / 16;
          }
          blocks++;
        }
      }
      assertThat(sum / (3.0 * blocks)).isLessThan(3.0);
      try (PDDocument pdf = Loader.loadPDF(new PdfEncoder().encode(d, "{}"))) {
        String text = new PDFTextStripper().getText(pdf);
        assertThat(text).contains("conv2").contains("16×10×10").contains("2,416 params");
      }
    }
  }
}
