package org.deepfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deepfig.analysis.AnalysisKinds;
import org.deepfig.config.ConfigLoader;
import org.deepfig.config.ExperimentConfig;
import org.deepfig.data.Dataset;
import org.deepfig.data.Datasets;
import org.deepfig.model.Network;
import org.deepfig.provenance.Hashes;
import org.deepfig.provenance.StageCache;
import org.deepfig.train.ModelStage;
import org.deepfig.train.Snapshots;
import org.deepfig.train.TrainedNetwork;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train.snapshots: parameters kept at chosen epochs, in the training cache entry, its key and the manifest. */
@Tag("slow")
class SnapshotsTest {
  @TempDir Path dir;
  static final ConfigLoader loader = new ConfigLoader(AnalysisKinds.specTypes());

  static String config(String train, String figures) {
    return """
        seed: 7
        device: cpu
        data: {source: toy2d, name: xor, train_size: 96, test_size: 32}
        model: {arch: mlp, hidden: [4, 4]}
        train: %s
        figures: %s
        """.formatted(train, figures);
  }

  private ExperimentConfig parse(String text) {
    return loader.parse(text, "test.yaml", "test");
  }

  @Test
  void epochZeroIsTheSeededInitialisationAndTheLastIsTheTrainedNetwork() {
    StageCache cache = new StageCache(dir.resolve("cache"), false);
    ExperimentConfig c = parse(config("{epochs: 2, batch_size: 32, snapshots: [0, 1, 2]}", "[]"));
    ExperimentConfig init = parse(config("{epochs: 0, batch_size: 32}", "[]"));
    Dataset data = Datasets.load(c.data(), dir, c.seed());
    ModelStage stage = new ModelStage(loader, cache, Progress.SILENT);
    try (TrainedNetwork t = stage.prepare(c, data, Device.cpu());
        TrainedNetwork zero = stage.prepare(init, data, Device.cpu())) {
      Snapshots s = t.snapshots();
      assertThat(s.configured()).isTrue();
      assertThat(s.epochs()).containsExactly(0, 1, 2);
      try (Snapshots.Snapshot e0 = s.open(0); Snapshots.Snapshot e1 = s.open(1); Snapshots.Snapshot e2 = s.open(2)) {
        // epoch 0 = the network trained for no epoch from the same seed: the seeded initialisation
        assertThat(weights(e0.network())).isEqualTo(weights(zero.network()));
        assertThat(weights(e0.network())).isEqualTo(weights(t.untrained()));
        // the last snapshot is the trained network, and epoch 1 lies between, different from both
        assertThat(weights(e2.network())).isEqualTo(weights(t.network()));
        assertThat(weights(e1.network())).isNotEqualTo(weights(e0.network())).isNotEqualTo(weights(e2.network()));
      }
      assertThat(s.entries().get(2).sha256()).isEqualTo(t.checkpointSha256());
      assertThat(s.entries().get(0).sha256()).isEqualTo(zero.checkpointSha256());
      assertThatThrownBy(() -> s.open(3)).hasMessageContaining("no snapshot of epoch 3");
    }
    // asking for other snapshots is another training stage
    assertThat(stage.key(c, Device.cpu())).isNotEqualTo(stage.key(
        parse(config("{epochs: 2, batch_size: 32, snapshots: {every: 2}}", "[]")), Device.cpu()));
  }

  @Test
  void aConfigWithOneMoreFigureReusesTheTrainingAndItsSnapshots() throws IOException {
    Path cache = dir.resolve("cache");
    String train = "{epochs: 3, batch_size: 32, snapshots: {every: 2}}";
    Path one = Files.writeString(dir.resolve("one.yaml"), config(train, "[{kind: training-curves}]"));
    Path two = Files.writeString(dir.resolve("two.yaml"), config(train,
        "[{kind: training-curves}, {kind: confusion}]"));
    List<String> log = new ArrayList<>();
    Pipeline p = new Pipeline(loader, new StageCache(cache, false), PipelineTest.recording(log));
    Pipeline.Result first = p.run(one, loader.load(one), dir.resolve("out1"));
    assertThat(log).contains("snapshots: epochs 0, 2, 3 kept in the cache").noneMatch(l -> l.contains("cached ("));
    log.clear();
    Pipeline.Result second = p.run(two, loader.load(two), dir.resolve("out2"));
    assertThat(second.trainedFromCache()).isTrue();
    assertThat(log).anyMatch(l -> l.startsWith("training: cached (")).contains(
        "snapshots: epochs 0, 2, 3 from the cache, not recomputed");
    JsonNode m = Pipeline.manifestMapper().readTree(dir.resolve("out2/manifest.json").toFile());
    JsonNode snaps = m.path("checkpoint").path("snapshots");
    assertThat(snaps).hasSize(3);
    assertThat(snaps.get(0).path("epoch").asInt()).isZero();
    assertThat(snaps.get(2).path("sha256").asText()).isEqualTo(m.path("checkpoint").path("sha256").asText());
    // each sha256 is the one of a file in the training's cache entry
    Path entry;
    try (var s = Files.list(cache.resolve("train"))) {
      entry = s.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    assertThat(snaps.get(1).path("sha256").asText())
        .isEqualTo(Hashes.sha256(entry.resolve("snapshot-epoch-0002.params")));
    assertThat(snaps.get(0).path("sha256").asText()).isEqualTo(Hashes.sha256(entry.resolve("initial.params")));
    // the first run, with the same training, listed the same snapshots
    JsonNode plain = Pipeline.manifestMapper().readTree(first.outDir().resolve("manifest.json").toFile());
    assertThat(plain.path("checkpoint").path("snapshots")).hasSize(3);
  }

  private static List<Float> weights(Network n) {
    List<Float> out = new ArrayList<>();
    for (String layer : List.of("fc1", "fc2", "fc3")) { // mlp hidden [4, 4]
      for (NDArray a : n.layerParameters(layer)) for (float v : a.toFloatArray()) out.add(v);
    }
    return out;
  }
}
