package org.deepfig.analysis.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.deepfig.config.ModelConfig.Arch;
import org.deepfig.model.Geometry;
import org.deepfig.model.LayerGraph;
import org.deepfig.model.LayerKind;
import org.deepfig.model.LayerNode;
import org.deepfig.render.LayoutChecker;
import org.deepfig.render.PngEncoder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The 3-D architecture view: sizes from the tensors, operations named, shortcuts only where the network has them. */
@Tag("slow")
class VolumeDiagramTest {

  private static LayerGraph zoo(Arch arch) {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      return ArchitectureTest.graph(m, arch);
    }
  }

  private static Map<String, VolumeDiagram.Block> byName(VolumeDiagram d) {
    return d.blocks().stream().collect(Collectors.toMap(b -> b.name, Function.identity()));
  }

  /** Writes the drawing as a PNG under target/ for a person to look at; the assertions do not depend on it. */
  private static void keep(String name, VolumeDiagram d) throws IOException {
    Path dir = Path.of("target", "volume-diagrams");
    Files.createDirectories(dir);
    ImageIO.write(PngEncoder.render(d, 150), "png", dir.resolve(name + ".png").toFile());
  }

  @Test
  void lenetBoxesScaleLinearlyWithSpatialSizeAndChannels() throws IOException {
    VolumeDiagram d = new VolumeDiagram("lenet5", zoo(Arch.LENET5));
    keep("lenet5", d);
    Map<String, VolumeDiagram.Block> b = byName(d);
    assertThat(d.blocks()).extracting(x -> x.name)
        .containsExactly("input", "conv1", "pool1", "conv2", "pool2", "fc1", "fc2", "fc3");
    // conv1 is 6×28×28, pool1 6×14×14: the 28-pixel box is exactly twice as wide and as tall
    assertThat(b.get("conv1").frontW).isCloseTo(2 * b.get("pool1").frontW, within(1e-9));
    assertThat(b.get("conv1").frontH).isCloseTo(2 * b.get("pool1").frontH, within(1e-9));
    // the 28-pixel input (padded by conv1) is as wide as conv1, the 10-pixel conv2 10/28 of it
    assertThat(b.get("input").frontW).isCloseTo(b.get("conv1").frontW, within(1e-9));
    assertThat(b.get("conv2").frontW / b.get("conv1").frontW).isCloseTo(10.0 / 28, within(1e-9));
    assertThat(b.get("conv1").frontW).isCloseTo(28 * d.ptPerPixel(), within(1e-9));
    // depth: 16 channels against 6 (both below the clamp)
    assertThat(b.get("conv2").depth / b.get("conv1").depth).isCloseTo(16.0 / 6, within(1e-9));
    assertThat(b.get("pool2").depth).isEqualTo(b.get("conv2").depth);
    assertThat(d.blocks()).noneMatch(x -> x.clamped);
    // dense columns as tall as their units
    assertThat(b.get("fc1").frontH / b.get("fc2").frontH).isCloseTo(120.0 / 84, within(1e-9));
  }

  @Test
  void everyBoxNamesTheOperationsThatMadeIt() {
    Map<String, VolumeDiagram.Block> b = byName(new VolumeDiagram("lenet5", zoo(Arch.LENET5)));
    assertThat(b.get("input").ops).containsExactly("image");
    assertThat(b.get("conv1").ops).containsExactly("conv 5×5", "ReLU");
    assertThat(b.get("pool1").ops).containsExactly("max pool 2×2");
    assertThat(b.get("fc1").ops).containsExactly("dense", "ReLU");
    assertThat(b.get("fc3").ops).containsExactly("dense");
    assertThat(b.get("conv2").labelLines).containsExactly("conv2", "conv 5×5 · ReLU", "16 ch · 10×10");
    assertThat(b.get("fc2").labelLines).containsExactly("fc2", "dense · ReLU", "84 units");
  }

  @Test
  void lenetHasNoShortcutsAndItsCaptionsSayNothingOfThem() {
    LayerGraph g = zoo(Arch.LENET5);
    VolumeDiagram d = new VolumeDiagram("lenet5", g);
    assertThat(d.skips()).isEmpty();
    for (String caption : List.of(Architecture.caption("lenet5", g, d, false),
        Architecture.caption("lenet5", g, null, false))) {
      assertThat(caption.toLowerCase()).doesNotContain("residual").doesNotContain("arc").doesNotContain("shortcut");
    }
    assertThat(Architecture.caption("lenet5", g, d, false)).contains("2 pt per pixel")
        .contains("Dense layers are columns");
  }

  @Test
  void resnetDrawsEachShortcutFromTheBlockInputToItsAddition() throws IOException {
    LayerGraph g = zoo(Arch.RESNET);
    VolumeDiagram d = new VolumeDiagram("resnet", g);
    keep("resnet", d);
    List<String> names = d.blocks().stream().map(x -> x.name).toList();
    assertThat(names).containsExactly("input", "conv1", "res1.conv1", "res1.conv2", "res2.conv1", "res2.conv2",
        "res3.conv1", "res3.conv2", "gap", "fc");
    assertThat(d.skips()).containsExactly(
        new VolumeDiagram.Skip(names.indexOf("res1.conv1"), names.indexOf("res1.conv2"), "identity"),
        new VolumeDiagram.Skip(names.indexOf("res2.conv1"), names.indexOf("res2.conv2"), "conv 1×1 /2 · BN"),
        new VolumeDiagram.Skip(names.indexOf("res3.conv1"), names.indexOf("res3.conv2"), "conv 1×1 /2 · BN"));
    assertThat(byName(d).get("res2.conv1").ops).containsExactly("conv 3×3 /2", "BN", "ReLU");
    assertThat(byName(d).get("res2.conv2").ops).containsExactly("conv 3×3", "BN", "add", "ReLU");
    assertThat(Architecture.caption("resnet", g, d, false)).contains("Red arcs are residual shortcuts");
    assertThat(Architecture.caption("resnet", g, null, false)).contains("Red arcs are residual shortcuts");
    assertThat(Architecture.caption("resnet", g, null, true)).contains("collapsed");
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void zooModelsLayOutCleanly(Arch arch) throws IOException {
    VolumeDiagram d = new VolumeDiagram(arch.name().toLowerCase(), zoo(arch));
    keep(arch.name().toLowerCase(), d);
    LayoutChecker.assertClean(arch.name(), d);
    // LeNet-5 and the MLP in one row; the small VGG (11 boxes) and ResNet (10) in two
    assertThat(d.rowCount()).isEqualTo(arch == Arch.LENET5 || arch == Arch.MLP ? 1 : 2);
    assertThat(d.width()).isLessThanOrEqualTo(VolumeDiagram.MAX_WIDTH);
  }

  /** A ResNet-34 on 224×224 images: 37 boxes, 16 shortcuts, up to 512 channels. */
  static LayerGraph resnet34() {
    List<LayerNode> out = new ArrayList<>();
    out.add(new LayerNode("conv1", LayerKind.CONV, new Shape(64, 112, 112), 9408, new Geometry(7, 2, 3, 1),
        List.of(), null));
    out.add(new LayerNode("bn1", LayerKind.BATCH_NORM, new Shape(64, 112, 112), 128, Geometry.IDENTITY,
        List.of("conv1"), null));
    out.add(new LayerNode("relu", LayerKind.RELU, new Shape(64, 112, 112), 0, Geometry.IDENTITY, List.of("bn1"),
        null));
    out.add(new LayerNode("maxpool", LayerKind.MAX_POOL, new Shape(64, 56, 56), 0, new Geometry(3, 2, 1, 1),
        List.of("relu"), null));
    String prev = "maxpool";
    int[] blocks = {3, 4, 6, 3};
    int side = 56;
    int channels = 64;
    for (int stage = 0; stage < 4; stage++) {
      for (int i = 0; i < blocks[stage]; i++) {
        boolean down = stage > 0 && i == 0;
        if (down) {
          side /= 2;
          channels *= 2;
        }
        String p = "layer" + (stage + 1) + "." + i;
        Shape s = new Shape(channels, side, side);
        out.add(new LayerNode(p + ".conv1", LayerKind.CONV, s, 1, new Geometry(3, down ? 2 : 1, 1, 1),
            List.of(prev), p));
        out.add(new LayerNode(p + ".bn1", LayerKind.BATCH_NORM, s, 1, Geometry.IDENTITY, List.of(p + ".conv1"), p));
        out.add(new LayerNode(p + ".relu1", LayerKind.RELU, s, 0, Geometry.IDENTITY, List.of(p + ".bn1"), p));
        out.add(new LayerNode(p + ".conv2", LayerKind.CONV, s, 1, new Geometry(3, 1, 1, 1), List.of(p + ".relu1"), p));
        out.add(new LayerNode(p + ".bn2", LayerKind.BATCH_NORM, s, 1, Geometry.IDENTITY, List.of(p + ".conv2"), p));
        String skip = prev;
        if (down) {
          out.add(new LayerNode(p + ".downsample.0", LayerKind.CONV, s, 1, new Geometry(1, 2, 0, 1), List.of(prev),
              p));
          out.add(new LayerNode(p + ".downsample.1", LayerKind.BATCH_NORM, s, 1, Geometry.IDENTITY,
              List.of(p + ".downsample.0"), p));
          skip = p + ".downsample.1";
        }
        out.add(new LayerNode(p + ".add", LayerKind.ADD, s, 0, Geometry.IDENTITY, List.of(p + ".bn2", skip), p));
        out.add(new LayerNode(p + ".relu", LayerKind.RELU, s, 0, Geometry.IDENTITY, List.of(p + ".add"), p));
        prev = p + ".relu";
      }
    }
    out.add(new LayerNode("avgpool", LayerKind.GLOBAL_AVG_POOL, new Shape(512, 1, 1), 0, null, List.of(prev), null));
    out.add(new LayerNode("flatten", LayerKind.FLATTEN, new Shape(512), 0, null, List.of("avgpool"), null));
    out.add(new LayerNode("fc", LayerKind.LINEAR, new Shape(1000), 513_000, null, List.of("flatten"), null));
    return new LayerGraph(new Shape(3, 224, 224), out);
  }

  @Test
  void aDeepNetworkWrapsIntoRowsAndClampsItsDeepestBoxes() throws IOException {
    VolumeDiagram d = new VolumeDiagram("resnet34", resnet34());
    keep("resnet34", d);
    LayoutChecker.assertClean("resnet34", d);
    assertThat(d.width()).isLessThanOrEqualTo(VolumeDiagram.MAX_WIDTH);
    assertThat(d.rowCount()).isGreaterThan(1);
    assertThat(d.skips()).hasSize(16);
    Map<String, VolumeDiagram.Block> b = byName(d);
    // 512 channels at the same points per channel as 256 would be twice as deep: clamped, and labelled
    assertThat(b.get("layer4.2.conv2").clamped).isTrue();
    assertThat(b.get("layer4.2.conv2").depth).isEqualTo(VolumeDiagram.MAX_DEPTH);
    assertThat(b.get("layer4.2.conv2").labelLines).contains("512 ch · 7×7");
    assertThat(b.get("layer3.0.conv1").clamped).isFalse();
    assertThat(b.get("layer3.0.conv1").depth).isEqualTo(VolumeDiagram.MAX_DEPTH);
    assertThat(b.get("layer1.0.conv1").frontW).isCloseTo(8 * b.get("layer4.0.conv1").frontW, within(1e-9));
    assertThat(d.scaleSentence()).contains("more than 256 channels are clamped");
    // every shortcut within one row, so every arc is drawn
    for (VolumeDiagram.Skip s : d.skips()) {
      assertThat(d.blocks().get(s.first()).row).isEqualTo(d.blocks().get(s.last()).row);
    }
  }

  /** VGG-16 on 224×224 images: 13 convolutions, 5 poolings, 3 dense layers, no shortcut. */
  static LayerGraph vgg16() {
    List<LayerNode> out = new ArrayList<>();
    int[][] stages = {{64, 2}, {128, 2}, {256, 3}, {512, 3}, {512, 3}};
    String prev = null;
    int side = 224;
    for (int s = 0; s < stages.length; s++) {
      for (int c = 0; c < stages[s][1]; c++) {
        String n = "conv" + (s + 1) + "_" + (c + 1);
        Shape shape = new Shape(stages[s][0], side, side);
        out.add(new LayerNode(n, LayerKind.CONV, shape, 1, new Geometry(3, 1, 1, 1),
            prev == null ? List.of() : List.of(prev), null));
        out.add(new LayerNode("relu" + n.substring(4), LayerKind.RELU, shape, 0, Geometry.IDENTITY, List.of(n), null));
        prev = "relu" + n.substring(4);
      }
      side /= 2;
      out.add(new LayerNode("pool" + (s + 1), LayerKind.MAX_POOL, new Shape(stages[s][0], side, side), 0,
          new Geometry(2, 2, 0, 1), List.of(prev), null));
      prev = "pool" + (s + 1);
    }
    out.add(new LayerNode("flatten", LayerKind.FLATTEN, new Shape(512 * 7 * 7), 0, null, List.of(prev), null));
    prev = "flatten";
    int[] units = {4096, 4096, 1000};
    for (int i = 0; i < units.length; i++) {
      out.add(new LayerNode("fc" + (i + 6), LayerKind.LINEAR, new Shape(units[i]), 1, null, List.of(prev), null));
      prev = "fc" + (i + 6);
      if (i < 2) {
        out.add(new LayerNode("relu" + (i + 6), LayerKind.RELU, new Shape(units[i]), 0, null, List.of(prev), null));
        prev = "relu" + (i + 6);
      }
    }
    return new LayerGraph(new Shape(3, 224, 224), out);
  }

  @Test
  void vgg16WrapsWithoutShortcutsAndSaysNothingOfThem() throws IOException {
    LayerGraph g = vgg16();
    VolumeDiagram d = new VolumeDiagram("vgg16", g);
    keep("vgg16", d);
    LayoutChecker.assertClean("vgg16", d);
    assertThat(d.blocks()).hasSize(1 + 13 + 5 + 3);
    assertThat(d.skips()).isEmpty();
    assertThat(d.width()).isLessThanOrEqualTo(VolumeDiagram.MAX_WIDTH);
    assertThat(d.height()).isLessThan(1000);
    Map<String, VolumeDiagram.Block> b = byName(d);
    // 224 px drawn as the longest side, the 7-pixel pool5 32 times smaller
    assertThat(b.get("input").frontW).isCloseTo(VolumeDiagram.MAX_SIDE, within(1e-9));
    assertThat(b.get("input").frontW / b.get("pool5").frontW).isCloseTo(32, within(1e-9));
    assertThat(b.get("fc6").frontH).isCloseTo(VolumeDiagram.MAX_DENSE, within(1e-9));
    assertThat(b.get("fc8").frontH / b.get("fc6").frontH).isCloseTo(1000.0 / 4096, within(1e-9));
    assertThat(Architecture.caption("vgg16", g, d, false).toLowerCase()).doesNotContain("residual")
        .contains("more than 256 channels are clamped");
  }

  @Test
  void narrowWidthsWrapTheSmallNetworksToo() throws IOException {
    VolumeDiagram d = new VolumeDiagram("lenet5", zoo(Arch.LENET5), 252);
    keep("lenet5-column", d);
    LayoutChecker.assertClean("lenet5 at 3.5 in", d);
    assertThat(d.width()).isLessThanOrEqualTo(252);
    assertThat(d.rowCount()).isGreaterThan(1);
  }
}
