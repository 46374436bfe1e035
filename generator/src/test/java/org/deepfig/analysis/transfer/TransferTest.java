package org.deepfig.analysis.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepfig.Progress;
import org.deepfig.UserError;
import org.deepfig.analysis.AnalysisKinds;
import org.deepfig.analysis.Figure;
import org.deepfig.analysis.RunContext;
import org.deepfig.config.ConfigLoader;
import org.deepfig.config.ExperimentConfig;
import org.deepfig.config.ModelConfig.Arch;
import org.deepfig.data.ArrayImageSet;
import org.deepfig.data.Dataset;
import org.deepfig.data.ShapesDataset;
import org.deepfig.model.ModelZoo;
import org.deepfig.model.Net;
import org.deepfig.model.Network;
import org.deepfig.provenance.StageCache;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("slow")
class TransferTest {
  static final ConfigLoader LOADER = new ConfigLoader(AnalysisKinds.specTypes());
  static final String CONFIG = """
      seed: 7
      device: cpu
      data: {source: shapes, train_size: 240, test_size: 80, image_size: 16}
      model: {arch: %s}
      train: {epochs: 1, batch_size: 32, learning_rate: 0.003}
      figures:
        - kind: transfer
      """;

  @TempDir Path dir;

  static ExperimentConfig config(String arch) {
    return LOADER.parse(CONFIG.formatted(arch), "test.yaml", "test");
  }

  static Dataset data(ExperimentConfig c) {
    return ShapesDataset.generate(c.seed(), c.data().trainSize(), c.data().testSize(), c.data().imageSize());
  }

  /** Every parameter of the layer, flattened, in the block's order. */
  static List<float[]> params(Network net, String layer) {
    List<float[]> out = new ArrayList<>();
    for (var p : net.layerBlock(layer).orElseThrow().getParameters()) out.add(p.getValue().getArray().toFloatArray());
    return out;
  }

  static Map<String, List<float[]>> snapshot(Network net, List<String> layers) {
    Map<String, List<float[]>> m = new LinkedHashMap<>();
    for (String l : layers) m.put(l, params(net, l));
    return m;
  }

  static boolean same(List<float[]> a, List<float[]> b) {
    if (a.size() != b.size()) return false;
    for (int i = 0; i < a.size(); i++) if (!java.util.Arrays.equals(a.get(i), b.get(i))) return false;
    return true;
  }

  /** The shapes data of {@code c} split into two seeded halves of the classes, A and B. */
  static Dataset[] halves(ExperimentConfig c) {
    Dataset all = data(c);
    ClassSplit split = ClassSplit.of(all.classNames(), null, 3);
    return new Dataset[] {ClassSplit.subset(all, split.a(), "A"), ClassSplit.subset(all, split.b(), "B")};
  }

  @Test
  void frozenLayersKeepTheBaseValuesFineTunedOnesMoveAndTheRestIsNew() {
    ExperimentConfig c = config("lenet5");
    Dataset[] halves = halves(c);
    Dataset a = halves[0];
    Dataset b = halves[1];
    Device cpu = Device.cpu();
    List<String> weighted = List.of("conv1", "conv2", "fc1", "fc2", "fc3");
    try (TransferStage.Live base = TransferStage.train(c, c.train(), a, 11, cpu, Progress.SILENT, null, List.of(),
        false)) {
      Map<String, List<float[]>> before = snapshot(base.net, weighted);
      Blocks blocks = Blocks.of(base.net.graph());
      List<String> copied = blocks.layersUpTo(2); // conv1 … pool2, flatten
      assertThat(copied).contains("conv1", "conv2").doesNotContain("fc1");
      try (TransferStage.Live frozen = TransferStage.train(c, c.train(), b, 12, cpu, Progress.SILENT, base.net,
          copied, true);
          TransferStage.Live tuned = TransferStage.train(c, c.train(), b, 12, cpu, Progress.SILENT, base.net,
              copied, false)) {
        for (String l : List.of("conv1", "conv2")) {
          // frozen: after a whole epoch of steps, still exactly the base network's values
          assertThat(same(params(frozen.net, l), before.get(l))).as("frozen %s equals base A's", l).isTrue();
          // fine-tuned from the same copy: the steps moved it, so freezing is what kept the frozen one still
          assertThat(same(params(tuned.net, l), before.get(l))).as("fine-tuned %s moved", l).isFalse();
        }
        for (String l : List.of("fc1", "fc2")) {
          assertThat(same(params(frozen.net, l), before.get(l))).as("re-initialised %s differs from base", l)
              .isFalse();
        }
        // the classifier has B's classes (5 of 10 here, like A's) and is new too
        assertThat(same(params(frozen.net, "fc3"), before.get("fc3"))).isFalse();
        // the frozen network did learn above the cut
        assertThat(frozen.history.epochs()).hasSize(1);
      }
      // copying took values, not the arrays: training the copies left the base network as it was
      Map<String, List<float[]>> after = snapshot(base.net, weighted);
      for (String l : weighted) assertThat(same(after.get(l), before.get(l))).as("base %s unchanged", l).isTrue();
    }
  }

  /**
   * Every layer below the classifier copied and frozen: only fc3 trains, and the sum of its gradients is 0 by
   * mathematics (softmax cross-entropy's p − y sums to 0 over the classes), which DJL's first-step check took for
   * "backward was never called" whenever rounding made it exactly 0 (it did with one thread on Fashion-MNIST).
   */
  @Test
  void onlyTheClassifierTrainsWhenEverythingBelowIsFrozen() {
    ExperimentConfig c = config("lenet5");
    Dataset[] halves = halves(c);
    Dataset a = halves[0];
    Dataset b = halves[1];
    try (TransferStage.Live base = TransferStage.train(c, c.train(), a, 11, Device.cpu(), Progress.SILENT, null,
        List.of(), false)) {
      Blocks blocks = Blocks.of(base.net.graph());
      List<String> below = blocks.layersUpTo(blocks.blocks().size() - 1);
      assertThat(below).contains("fc2").doesNotContain("fc3");
      try (TransferStage.Live top = TransferStage.train(c, c.train(), b, 12, Device.cpu(), Progress.SILENT,
          base.net, below, true)) {
        assertThat(same(params(top.net, "fc2"), params(base.net, "fc2"))).isTrue();
        assertThat(top.history.epochs()).hasSize(1);
        assertThat(top.history.epochs().get(0).trainLoss()).isFinite();
      }
    }
  }

  @Test
  void transferNetworksAreTheConfiguredOnesIncludingThePerceptronsWidths() {
    ExperimentConfig c = config("mlp, hidden: [24], activation: tanh");
    Dataset all = data(c);
    try (TransferStage.Live live = TransferStage.train(c, c.train(), all, 3, Device.cpu(), Progress.SILENT, null,
        List.of(), false)) {
      assertThat(live.net.graph().layer("fc1").channels()).isEqualTo(24);
      assertThat(live.net.graph().contains("tanh1")).isTrue();
      assertThat(live.net.graph().contains("fc3")).as("one hidden layer, as configured").isFalse();
    }
  }

  @Test
  void blocksOfTheZooModels() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Blocks lenet = Blocks.of(net(m, Arch.LENET5).graph());
      assertThat(lenet.blocks().stream().map(Blocks.Block::label)).containsExactly("conv1", "conv2", "fc1", "fc2",
          "fc3");
      assertThat(lenet.maxCut()).isEqualTo(4);
      assertThat(lenet.layersUpTo(1)).containsExactly("conv1", "relu1", "pool1");
      assertThat(lenet.layersUpTo(2)).containsExactly("conv1", "relu1", "pool1", "conv2", "relu2", "pool2",
          "flatten");
      Blocks mlp = Blocks.of(net(m, Arch.MLP).graph());
      assertThat(mlp.blocks().stream().map(Blocks.Block::label)).containsExactly("fc1", "fc2", "fc3");
      assertThat(mlp.layersUpTo(1)).containsExactly("flatten", "fc1", "relu1");
      Blocks resnet = Blocks.of(net(m, Arch.RESNET).graph());
      assertThat(resnet.blocks().stream().map(Blocks.Block::label)).containsExactly("conv1", "res1", "res2", "res3",
          "fc");
      assertThat(resnet.layersUpTo(1)).containsExactly("conv1", "bn1", "relu1");
      assertThat(resnet.blocks().get(3).layers()).contains("res3.proj", "res3.relu", "gap", "flatten");
    }
  }

  static Net net(NDManager m, Arch arch) {
    Net net = ModelZoo.create(arch, new Shape(3, 16, 16), ShapesDataset.CLASS_NAMES, new float[] {0.5f},
        new float[] {0.5f});
    net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 16, 16));
    return net;
  }

  @Test
  void seededSplitIsReproducibleAndNamedSplitTakesTheNames() {
    List<String> classes = ShapesDataset.CLASS_NAMES; // 10 classes
    ClassSplit s = ClassSplit.of(classes, null, 42);
    assertThat(s.a()).hasSize(5).isSorted();
    assertThat(s.b()).hasSize(5).isSorted();
    List<Integer> union = new ArrayList<>();
    for (int i : s.a()) union.add(i);
    for (int i : s.b()) union.add(i);
    Collections.sort(union);
    assertThat(union).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(ClassSplit.of(classes, null, 42).a()).isEqualTo(s.a());
    // some other seed gives another half (checked over a few, as any one seed may repeat the half by chance)
    boolean differs = false;
    for (long seed = 43; seed < 48; seed++) differs |= !java.util.Arrays.equals(ClassSplit.of(classes, null, seed).a(),
        s.a());
    assertThat(differs).isTrue();
    // three classes: A gets the smaller half
    assertThat(ClassSplit.of(List.of("x", "y", "z"), null, 1).a()).hasSize(1);

    ClassSplit named = ClassSplit.of(classes, List.of("star", "circle"), 42);
    assertThat(named.a()).containsExactly(0, 4);
    assertThat(named.b()).containsExactly(1, 2, 3, 5, 6, 7, 8, 9);
    assertThatThrownBy(() -> ClassSplit.of(classes, List.of("hexagon"), 42)).isInstanceOf(UserError.class)
        .hasMessageContaining("no class named 'hexagon'");
    assertThatThrownBy(() -> ClassSplit.of(List.of("x", "y"), List.of("x", "y"), 1)).isInstanceOf(UserError.class)
        .hasMessageContaining("half B empty");
  }

  @Test
  void subsetKeepsTheHalfsImagesRelabelledInOrder() {
    // six 1×1 images whose pixel is their index; labels 0 1 2 0 2 1
    float[] px = {0, 1, 2, 3, 4, 5};
    ArrayImageSet set = new ArrayImageSet(1, 1, 1, px, new int[] {0, 1, 2, 0, 2, 1}, null);
    ClassSplit.Subset sub = new ClassSplit.Subset(set, new int[] {0, 2});
    assertThat(sub.size()).isEqualTo(4);
    // images 0, 2, 3, 4; class 0 stays 0, class 2 becomes 1
    assertThat(new int[] {sub.label(0), sub.label(1), sub.label(2), sub.label(3)}).containsExactly(0, 1, 0, 1);
    float[] out = new float[3];
    sub.copyImages(1, 4, out, 0);
    assertThat(out).containsExactly(2, 3, 4);
  }

  @Test
  void secondRunTrainsNothingAndMoreRepeatsTrainOnlyTheNewRuns() {
    ExperimentConfig c = config("mlp");
    Dataset d = data(c);
    StageCache cache = new StageCache(dir.resolve("cache"), false);
    Transfer kind = new Transfer();
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Net main = net(m, Arch.MLP);
      TransferSpec one = org.deepfig.config.Declared.create(TransferSpec.class, null, 1, 1, List.of(1));
      List<String> log = new ArrayList<>();
      List<String> tasks = new ArrayList<>();
      List<Figure> first = kind.run(one, ctx(c, d, main, m, cache, log, tasks));
      // 2 base networks + 4 variants at one cut, one epoch each
      assertThat(log.stream().filter(l -> l.endsWith("%") && l.contains(": trained,"))).hasSize(6);
      assertThat(tasks).contains("transfer: base A, epoch 1/1", "transfer: AnB+ n=1, run 1/1, epoch 1/1",
          "transfer: BnB n=1, run 1/1, epoch 1/1");
      assertThat(first.get(0).tables().get(0).rows()).hasSize(2 + 4);

      log.clear();
      tasks.clear();
      List<Figure> second = kind.run(one, ctx(c, d, main, m, cache, log, tasks));
      assertThat(tasks).isEmpty();
      assertThat(log).hasSize(6).allMatch(l -> l.contains(": cached ("));
      assertThat(second.get(0).tables()).isEqualTo(first.get(0).tables());

      log.clear();
      tasks.clear();
      kind.run(org.deepfig.config.Declared.create(TransferSpec.class, null, 2, 1, List.of(1)), ctx(c, d, main, m, cache, log, tasks));
      // the bases and run 1 of each variant come from the cache; only run 2 of each is trained
      assertThat(log.stream().filter(l -> l.contains(": trained,")))
          .containsExactlyInAnyOrder(log.stream().filter(l -> l.contains("run 2/2: trained,")).toArray(String[]::new))
          .hasSize(4);
      assertThat(log.stream().filter(l -> l.contains(": cached ("))).hasSize(6);
    }
  }

  static RunContext ctx(ExperimentConfig c, Dataset d, Network net, NDManager m, StageCache cache, List<String> log,
      List<String> tasks) {
    Progress p = new Progress() {
      @Override
      public Task start(String name, long total) {
        tasks.add(name);
        return SILENT.start(name, total);
      }

      @Override
      public void info(String line) {
        log.add(line);
      }
    };
    return new RunContext(c, null, d, net, null, null, null, Device.cpu(), m, p, cache);
  }

  @Test
  void anImportedModelGetsASentenceNotAFigure() {
    ExperimentConfig c = config("mlp");
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Net zoo = net(m, Arch.MLP);
      Network imported = new Network() {
        @Override
        public ai.djl.nn.Block block() {
          return zoo;
        }

        @Override
        public ai.djl.ndarray.NDArray forward(ai.djl.training.ParameterStore ps, ai.djl.ndarray.NDArray x,
            boolean training, org.deepfig.model.Taps taps) {
          return zoo.forward(ps, x, training, taps);
        }

        @Override
        public org.deepfig.model.LayerGraph graph() {
          return zoo.graph();
        }

        @Override
        public List<String> classNames() {
          return zoo.classNames();
        }

        @Override
        public boolean imported() {
          return true;
        }
      };
      List<String> log = new ArrayList<>();
      List<Figure> f = new Transfer().run(org.deepfig.config.Declared.defaults(TransferSpec.class),
          ctx(c, data(c), imported, m, null, log, new ArrayList<>()));
      assertThat(f).hasSize(1);
      assertThat(f.get(0).drawing()).isNull();
      assertThat(f.get(0).note()).isEqualTo(Transfer.NEEDS_ZOO).contains("needs a zoo model");
      assertThat(log).isEmpty();
      assertThat(new Transfer().cost(org.deepfig.config.Declared.defaults(TransferSpec.class), data(c), imported).gradientImages())
          .isZero();
    }
  }

  @Test
  void validateSaysThatAnImportedModelGetsTheSentence() throws java.io.IOException {
    Path cfg = dir.resolve("imported.yaml");
    java.nio.file.Files.writeString(cfg, """
        seed: 1
        data: {source: shapes, train_size: 10, test_size: 10}
        model:
          file: model.pt
        figures:
          - kind: confusion
          - kind: transfer
        """);
    assertThat(org.deepfig.Preflight.warnings(cfg, LOADER.load(cfg))).singleElement().asString()
        .startsWith(cfg + ":7:").endsWith(": " + Transfer.NEEDS_ZOO + " Its entry shows this sentence instead.");
  }

  @Test
  void cutsBeyondTheModelAreRefused() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Blocks lenet = Blocks.of(net(m, Arch.LENET5).graph());
      assertThat(Transfer.cuts(org.deepfig.config.Declared.defaults(TransferSpec.class), lenet)).containsExactly(1, 2, 3, 4);
      assertThat(Transfer.cuts(org.deepfig.config.Declared.create(TransferSpec.class, null, null, null, List.of(3, 1, 3)), lenet)).containsExactly(1, 3);
      assertThatThrownBy(() -> Transfer.cuts(org.deepfig.config.Declared.create(TransferSpec.class, null, null, null, List.of(5)), lenet))
          .isInstanceOf(UserError.class).hasMessageContaining("cut 5 does not exist");
    }
  }
}
