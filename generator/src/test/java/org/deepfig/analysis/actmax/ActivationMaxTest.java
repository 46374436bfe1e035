package org.deepfig.analysis.actmax;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import org.deepfig.Progress;
import org.deepfig.analysis.AnalysisKinds;
import org.deepfig.analysis.Figure;
import org.deepfig.analysis.RunContext;
import org.deepfig.analysis.ValueMaps;
import org.deepfig.config.ConfigLoader;
import org.deepfig.config.Declared;
import org.deepfig.config.ExperimentConfig;
import org.deepfig.config.ModelConfig.Arch;
import org.deepfig.data.Dataset;
import org.deepfig.data.ShapesDataset;
import org.deepfig.model.ModelZoo;
import org.deepfig.model.Net;
import org.deepfig.probe.Probe;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class ActivationMaxTest {
  static final int SIDE = 16;

  /**
   * A perceptron whose first hidden layer is off for every input near mid-grey (the input is normalised to 0 there,
   * so each unit's pre-activation is its bias, −0.3, and the start's noise of σ 0.02 moves it by about 0.06 at most
   * in 5σ): the input gradient of every logit is exactly zero at the grey start. The ascent must notice, draw the
   * start again with stronger noise, and then raise each target logit well above its value at grey.
   */
  @Test
  void aNetworkDeadAtGreyIsRestartedAndTheObjectiveRises() throws Exception {
    Dataset d = ShapesDataset.generate(1, 10, 20, SIDE);
    ExperimentConfig config = new ConfigLoader(AnalysisKinds.specTypes()).parse("seed: 7\n", "t.yaml", "t");
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Net net = ModelZoo.create(Arch.MLP, new Shape(3, SIDE, SIDE), d.classNames(), new float[] {0.5f},
          new float[] {0.5f});
      // weights from a seed of the test's own, not libtorch's process-wide generator (whatever ran before)
      net.setInitializer(new org.deepfig.train.SeededInitializer(3), ai.djl.nn.Parameter.Type.WEIGHT);
      net.initialize(m, DataType.FLOAT32, new Shape(1, 3, SIDE, SIDE));
      float[] bias = new float[256];
      Arrays.fill(bias, -0.3f);
      net.layerBlock("fc1").orElseThrow().getParameters().get("bias").getArray().set(bias);
      RunContext ctx = new RunContext(config, null, d, net, null, null, null, null, m, Progress.SILENT);
      ActivationMaxSpec spec = Declared.create(ActivationMaxSpec.class, null, null, List.of(2, 5), 100, null,
          null, null, null, null);

      Figure figure = new ActivationMax().run(spec, ctx).get(0);

      assertThat(figure.caption()).contains("The input gradient of triangle, ring was exactly zero at the grey start")
          .doesNotContain("no gradient");
      List<ValueMaps.ValueMap> maps = ValueMaps.read(figure.attachments().get(0).bytes()).maps();
      Probe probe = new Probe(net, m);
      int per = 3 * SIDE * SIDE;
      float[] grey = new float[2 * per];
      Arrays.fill(grey, 0.5f);
      float[] start = probe.logits(grey, new Shape(2, 3, SIDE, SIDE));
      float[] grown = new float[2 * per];
      System.arraycopy(maps.get(0).values(), 0, grown, 0, per);
      System.arraycopy(maps.get(1).values(), 0, grown, per, per);
      float[] end = probe.logits(grown, new Shape(2, 3, SIDE, SIDE));
      int classes = d.numClasses();
      assertThat(end[2]).isGreaterThan(start[2] + 1);
      assertThat(end[classes + 5]).isGreaterThan(start[classes + 5] + 1);
      // and each image excites its own class most
      assertThat(argmax(end, 0, classes)).isEqualTo(2);
      assertThat(argmax(end, classes, classes)).isEqualTo(5);
    }
  }

  static int argmax(float[] v, int from, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) if (v[from + i] > v[from + best]) best = i;
    return best;
  }

  @Test
  void theCaptionNamesStartsThatNeverHadAGradient() {
    String note = ActivationMax.restartNote(new int[] {0, 3, 4}, new int[] {2, 0, 6}, new boolean[] {false, false,
        true}, null);
    assertThat(note).contains("The input gradient of channel 0 was exactly zero").contains("its start was drawn again")
        .contains("channel 4 had no input gradient").doesNotContain("channel 3");
    assertThat(ActivationMax.restartNote(new int[] {1}, new int[] {0}, new boolean[] {false}, List.of("a", "b")))
        .isEmpty();
  }
}
