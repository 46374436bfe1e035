package org.deepfig.analysis.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.deepfig.Progress;
import org.deepfig.analysis.RunContext;
import org.deepfig.config.ModelConfig.Arch;
import org.deepfig.data.Dataset;
import org.deepfig.data.ShapesDataset;
import org.deepfig.embed.Matrix;
import org.deepfig.model.ModelZoo;
import org.deepfig.model.Net;
import org.deepfig.probe.Probe;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** t-SNE of wide layers: spatial average pooling and streamed PCA before the embedding. */
@Tag("slow")
class ReduceTest {
  static EmbeddingSpec spec(String reduce, Integer maxDimensions, Integer pcaDimensions) {
    return org.deepfig.config.Declared.create(EmbeddingSpec.class, null, 60, 5.0, null, null, null, null, null, null,
        null, false, 0, reduce == null ? null
        : EmbeddingSpec.Reduce.valueOf(reduce.toUpperCase(java.util.Locale.ROOT)), maxDimensions,
        pcaDimensions, null, null);
  }

  @Test
  void poolingIsEachChannelsMeanOverItsPositions() {
    // 2 images × 2 channels × 3 positions
    float[] v = {1, 2, 3, 10, 20, 60, -1, -1, -4, 0, 0, 9};
    assertThat(Embedding.pool(v, 2, 2)).containsExactly(2f, 30f, -2f, 3f);
  }

  @Test
  void autoReducesOnlyLayersWiderThanTheThreshold() {
    assertThat(Embedding.mode(spec("auto", 65536, 50), 802_816, true)).isEqualTo("pca");
    assertThat(Embedding.mode(spec("auto", 65536, 50), 2048, false)).isEqualTo("whole");
    assertThat(Embedding.mode(spec("pool", null, null), 802_816, true)).isEqualTo("pool");
    assertThat(Embedding.mode(spec("pool", null, null), 2048, false)).as("a dense layer has nothing to pool")
        .isEqualTo("whole");
    assertThat(Embedding.mode(spec("pca", null, 50), 40, false)).isEqualTo("whole");
    assertThat(Embedding.mode(spec("none", null, null), 802_816, true)).isEqualTo("whole");
    // a batch of a 802,816-wide layer stays within 16 M values; narrow layers keep batches of 200
    assertThat(Embedding.batchFor(802_816)).isEqualTo(20);
    assertThat(Embedding.batchFor(3072)).isEqualTo(200);
  }

  @Test
  void pooledFeaturesAreTheHandComputedMeansAndStreamedPcaTheLayersTopComponents() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Dataset d = ShapesDataset.generate(2, 10, 60, 32);
      Net net = ModelZoo.create(Arch.LENET5, new Shape(3, 32, 32), d.classNames(), new float[] {0.5f},
          new float[] {0.5f});
      net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      var config = new org.deepfig.config.ConfigLoader(org.deepfig.analysis.AnalysisKinds.specTypes())
          .parse("device: cpu\n", "t.yaml", "t");
      RunContext ctx = new RunContext(config, null, d, net, null, null, null, Device.cpu(), m, Progress.SILENT);
      int[] subset = {0, 3, 7, 11, 20, 41, 59};
      Embedding.Features pooled = Embedding.features(net, ctx, d.test(), subset, List.of("input", "relu1", "relu3"),
          spec("pool", null, null));
      float[] images = d.test().gather(subset);
      float[] relu1 = new Probe(net, m).activations(images, new Shape(7, 3, 32, 32), List.of("relu1")).of("relu1");
      Matrix x = pooled.values().get("relu1");
      assertThat(x.rows()).isEqualTo(7);
      assertThat(x.cols()).isEqualTo(6);
      for (int i = 0; i < 7; i++) {
        for (int c = 0; c < 6; c++) {
          double mean = 0;
          for (int p = 0; p < 28 * 28; p++) mean += relu1[(i * 6 + c) * 784 + p] / 784.0;
          assertThat(x.get(i, c)).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-5));
        }
      }
      assertThat(pooled.values().get("input").cols()).as("the image pooled: its mean colour").isEqualTo(3);
      assertThat(pooled.values().get("relu3").cols()).as("a dense layer is kept").isEqualTo(120);
      assertThat(pooled.reductions()).containsOnlyKeys("input", "relu1");
      assertThat(pooled.reductions().get("relu1")).isEqualTo("4704 → 6 by averaging each channel over its 784 "
          + "positions");

      Embedding.Features pca = Embedding.features(net, ctx, d.test(), subset, List.of("relu1", "relu3"),
          spec("auto", 1000, 4));
      assertThat(pca.reductions()).containsOnlyKeys("relu1");
      assertThat(pca.reductions().get("relu1")).isEqualTo("4704 → 4 by streamed PCA");
      Matrix r = pca.values().get("relu1");
      assertThat(r.cols()).isEqualTo(4);
      // the streamed scores have the variance of the layer's top principal components: their sum is at most the
      // layer's total variance, and the first is the largest
      double[] var = new double[4];
      for (int c = 0; c < 4; c++) for (int i = 0; i < 7; i++) var[c] += r.get(i, c) * r.get(i, c) / 7;
      assertThat(var[0]).isGreaterThanOrEqualTo(var[1]);
      double total = 0;
      for (int j = 0; j < 4704; j++) {
        double mu = 0;
        for (int i = 0; i < 7; i++) mu += relu1[i * 4704 + j] / 7.0;
        for (int i = 0; i < 7; i++) total += (relu1[i * 4704 + j] - mu) * (relu1[i * 4704 + j] - mu) / 7;
      }
      // 7 points span at most 6 directions; 4 components hold most of it, never more than all
      assertThat(var[0] + var[1] + var[2] + var[3]).isLessThanOrEqualTo(total * (1 + 1e-4))
          .isGreaterThan(0.5 * total);
      assertThat(pca.values().get("relu3").cols()).isEqualTo(120);
    }
  }
}
