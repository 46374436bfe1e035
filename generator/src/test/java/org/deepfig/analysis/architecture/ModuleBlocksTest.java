package org.deepfig.analysis.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.deepfig.model.Geometry;
import org.deepfig.model.LayerGraph;
import org.deepfig.model.LayerKind;
import org.deepfig.model.LayerNode;
import org.deepfig.model.Resnet50Layers;
import org.deepfig.render.LayoutChecker;
import org.deepfig.render.PngEncoder;
import org.junit.jupiter.api.Test;

/** An imported model's residual blocks and stages, found from its module names, on ResNet-50's sidecar naming. */
class ModuleBlocksTest {
  /** Writes the drawing as a PNG under target/ for a person to look at; the assertions do not depend on it. */
  private static void keep(String name, BlockDiagram d) throws IOException {
    Path dir = Path.of("target", "block-diagrams");
    Files.createDirectories(dir);
    javax.imageio.ImageIO.write(PngEncoder.render(d, 100), "png", dir.resolve(name + ".png").toFile());
  }

  @Test
  void handMadeSidecarIsTorchvisionsResnet50() {
    LayerGraph g = Resnet50Layers.graph(224);
    assertThat(g.layers()).hasSize(158);
    assertThat(g.totalParameters()).isEqualTo(25_557_032); // torchvision's count
  }

  @Test
  void collapsedResnet50IsStemSixteenBottlenecksInFourStagesAndHead() throws IOException {
    BlockDiagram d = new BlockDiagram("resnet50", Resnet50Layers.graph(224), true);
    keep("resnet50-collapsed", d);
    // on paper: input; stem conv1, bn1, relu, maxpool; 3 + 4 + 6 + 3 = 16 bottlenecks; avgpool, fc → 23 boxes
    List<String> names = d.boxes().stream().map(BlockDiagram.Box::name).toList();
    assertThat(names).containsExactly("input", "conv1", "bn1", "relu", "maxpool", "layer1.0", "layer1.1",
        "layer1.2", "layer2.0", "layer2.1", "layer2.2", "layer2.3", "layer3.0", "layer3.1", "layer3.2", "layer3.3",
        "layer3.4", "layer3.5", "layer4.0", "layer4.1", "layer4.2", "avgpool", "fc");
    Map<String, BlockDiagram.Box> box = d.boxes().stream().collect(Collectors.toMap(BlockDiagram.Box::name, b -> b));
    // layer1.0: convs 64·64 + 3·3·64·64 + 64·256, projection 64·256, batch norms 2·(64 + 64 + 256 + 256)
    assertThat(box.get("layer1.0").params()).isEqualTo(4_096 + 36_864 + 16_384 + 16_384 + 1_280);
    assertThat(box.get("layer1.0").kind()).isEqualTo("Residual: conv 1×1, 3×3, 1×1");
    assertThat(box.get("layer2.0").kind()).isEqualTo("Residual: conv 1×1, 3×3 /2, 1×1");
    assertThat(box.get("layer2.0").shape()).isEqualTo("512×28×28");
    assertThat(box.get("layer4.2").shape()).isEqualTo("2048×7×7");
    assertThat(box.get("layer4.2").residual()).isTrue();
    assertThat(box.get("maxpool").residual()).isFalse();
    // the parameters of the boxes add up to the network's
    assertThat(d.boxes().stream().mapToLong(BlockDiagram.Box::params).sum()).isEqualTo(25_557_032);
    // one shortcut arc per block: a projection at the first block of each stage, identity elsewhere
    Map<String, String> arcs = d.shortcutsByBox();
    assertThat(arcs).hasSize(16);
    assertThat(arcs.get("layer1.0")).isEqualTo("projection 1×1");
    assertThat(arcs.get("layer2.0")).isEqualTo("projection 1×1 /2");
    assertThat(arcs.get("layer4.0")).isEqualTo("projection 1×1 /2");
    assertThat(arcs.values().stream().filter(l -> l.equals("identity")).count()).isEqualTo(12);
    assertThat(d.stageRuns()).containsExactly(new BlockDiagram.StageRun("layer1", 5, 7, 3),
        new BlockDiagram.StageRun("layer2", 8, 11, 4), new BlockDiagram.StageRun("layer3", 12, 17, 6),
        new BlockDiagram.StageRun("layer4", 18, 20, 3));
    assertThat(d.height()).isLessThan(900); // 23 rows of 36 pt, where 158 rows were 5,700
    LayoutChecker.assertClean("resnet50 collapsed", d);
  }

  @Test
  void uncollapsedResnet50DrawsEachShortcutBesideItsBlock() throws IOException {
    BlockDiagram d = new BlockDiagram("resnet50", Resnet50Layers.graph(224), false);
    keep("resnet50", d);
    // the 8 downsample layers move beside the main path: 1 + 158 − 8 boxes in the column
    assertThat(d.boxes()).hasSize(151);
    Map<String, String> arcs = d.shortcutsByBox();
    assertThat(arcs).hasSize(16);
    assertThat(arcs.get("layer3.0.relu3")).isEqualTo("layer3.0.downsample.0, layer3.0.downsample.1");
    assertThat(arcs.get("layer3.1.relu3")).isEqualTo("identity");
    assertThat(d.stageRuns()).extracting(BlockDiagram.StageRun::blocks).containsExactly(3L, 4L, 6L, 3L);
    LayoutChecker.assertClean("resnet50", d);
  }

  @Test
  void aSequentialExportHasNoBlocksAndCollapsesToItself() {
    // ViT-B/16 as exported: the encoder blocks are the tapped layers, edges assumed sequential, no merge
    List<LayerNode> out = new ArrayList<>();
    out.add(new LayerNode("conv_proj", LayerKind.CONV, new Shape(768, 14, 14), 590_592, new Geometry(16, 16, 0, 1),
        List.of(), null));
    String prev = "conv_proj";
    for (int i = 0; i < 12; i++) {
      String n = "encoder.layers.encoder_layer_" + i;
      out.add(new LayerNode(n, LayerKind.OTHER, new Shape(197, 768), 7_087_872, null, List.of(prev), null));
      prev = n;
    }
    out.add(new LayerNode("encoder.ln", LayerKind.OTHER, new Shape(197, 768), 1_536, null, List.of(prev), null));
    out.add(new LayerNode("heads.head", LayerKind.LINEAR, new Shape(1000), 769_000, null, List.of("encoder.ln"),
        null));
    LayerGraph g = new LayerGraph(new Shape(3, 224, 224), out);
    assertThat(ModuleBlocks.of(g)).isEmpty();
    assertThat(new BlockDiagram("vit", g, true).boxes()).isEqualTo(new BlockDiagram("vit", g, false).boxes());
    assertThat(new BlockDiagram("vit", g, true).stageRuns()).isEmpty();
  }
}
