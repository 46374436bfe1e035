package org.deepfig.train;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepfig.Progress;
import org.deepfig.config.ConfigLoader;
import org.deepfig.config.ExperimentConfig;
import org.deepfig.data.Dataset;
import org.deepfig.data.ImageSet;
import org.deepfig.model.ModelZoo;
import org.deepfig.model.Net;
import org.deepfig.provenance.Hashes;
import org.deepfig.provenance.StageCache;
import org.deepfig.provenance.TrainingInputs;
import org.deepfig.provenance.Json;

/**
 * The training stage: trains the zoo network, or loads its parameters from the stage cache when data, model, train
 * and seed are exactly those of an earlier run (so changing only figures never retrains).
 */
public final class ModelStage {
  /** Bump when the training code changes in a way that changes results, so old cache entries are not reused. */
  static final int TRAINING_CODE_VERSION = 1;
  private static final String STAGE = "train";
  private final ConfigLoader loader;
  private final StageCache cache;
  private final Progress progress;

  public ModelStage(ConfigLoader loader, StageCache cache, Progress progress) {
    this.loader = loader;
    this.cache = cache;
    this.progress = progress;
  }

  /** The inputs training reads: their hash is the cache key. */
  public TrainingInputs inputs(ExperimentConfig c, Device device) {
    return TrainingInputs.of(loader, c, TRAINING_CODE_VERSION, org.deepfig.provenance.Versions.codeFingerprint(),
        org.deepfig.probe.ConvKernels.numerics(device));
  }

  /** The cache key: a hash of exactly the inputs training reads. */
  public String key(ExperimentConfig c, Device device) {
    return inputs(c, device).key();
  }

  /** Loads {@code model.file} (relative to {@code configDir}) when set, otherwise trains or reuses the cache. */
  public TrainedNetwork prepare(ExperimentConfig c, Path configDir, Dataset data, Device device) {
    if (c.model().file() != null) return ImportedModel.load(c, configDir, data, device, progress);
    return prepare(c, data, device);
  }

  public TrainedNetwork prepare(ExperimentConfig c, Dataset data, Device device) {
    TrainingInputs inputs = inputs(c, device);
    String key = inputs.key();
    ImageSet train = data.train();
    Shape input = Batches.sample(train);
    Net net = newNet(c, data);
    Net untrained = newNet(c, data);
    Model model = Model.newInstance("deepfig", device, "PyTorch");
    Model untrainedModel = Model.newInstance("deepfig-untrained", device, "PyTorch");
    model.setBlock(net);
    untrainedModel.setBlock(untrained);
    Shape batchShape = new Shape(1).addAll(input);
    try {
      var hit = cache.lookup(STAGE, key);
      boolean fromCache = hit.isPresent();
      Path dir;
      if (fromCache) {
        dir = hit.get();
        net.initialize(model.getNDManager(), DataType.FLOAT32, batchShape);
        load(net, model, dir.resolve("trained.params"));
        progress.info("training: cached (" + key.substring(0, 12) + "), not retrained");
      } else {
        byte[][] initial = new byte[1][];
        List<Integer> wanted = c.train().snapshotEpochs();
        Map<Integer, byte[]> kept = new LinkedHashMap<>();
        TrainingHistory h = Training.run(model, net, data, c.train(), c.seed(), progress,
            n -> initial[0] = save(net), epoch -> {
              if (wanted.contains(epoch) && epoch < c.train().epochs()) kept.put(epoch, save(net));
            });
        StageCache.Stored stored = cache.store(STAGE, key, d -> {
          Files.write(d.resolve("initial.params"), initial[0]);
          for (var e : kept.entrySet()) Files.write(d.resolve(snapshotFile(e.getKey())), e.getValue());
          try (DataOutputStream out = new DataOutputStream(
              new BufferedOutputStream(Files.newOutputStream(d.resolve("trained.params"))))) {
            net.saveParameters(out);
          }
          Json.plain().writerWithDefaultPrettyPrinter().writeValue(d.resolve("history.json").toFile(), h);
        });
        dir = stored.dir();
        switch (stored.origin()) {
          case THIS_RUN -> progress.info("training: done, cached as " + key.substring(0, 12));
          case OTHER_RUN -> {
            // so the figures, the manifest and the cache all describe the one network that was kept
            load(net, model, dir.resolve("trained.params"));
            progress.info("training: done; another run cached the same training first (" + key.substring(0, 12)
                + "), continuing with its parameters");
          }
          case UNCACHED -> progress.info("training: done (not cached)");
        }
      }
      untrained.initialize(untrainedModel.getNDManager(), DataType.FLOAT32, batchShape);
      load(untrained, untrainedModel, dir.resolve("initial.params"));
      TrainingHistory history = Json.plain().readValue(dir.resolve("history.json").toFile(),
          TrainingHistory.class);
      Snapshots snapshots = snapshots(c, data, device, dir, fromCache);
      return new TrainedNetwork(net, untrained, history, key, Hashes.sha256(dir.resolve("trained.params")),
          fromCache, model, untrainedModel, snapshots, inputs);
    } catch (IOException e) {
      model.close();
      untrainedModel.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      model.close();
      untrainedModel.close();
      throw e;
    }
  }

  /**
   * A model named {@code name} on {@code device} holding {@code net}, initialised (DJL's default) for batches of
   * {@code batchShape}; closed again if initialisation fails. The caller closes it.
   */
  public static Model initialised(Net net, String name, Device device, Shape batchShape) {
    Model model = Model.newInstance(name, device, "PyTorch");
    try {
      model.setBlock(net);
      net.initialize(model.getNDManager(), DataType.FLOAT32, batchShape);
      return model;
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** The zoo network a config trains, not yet initialised. */
  public static Net newNet(ExperimentConfig c, Dataset data) {
    ImageSet train = data.train();
    return ModelZoo.create(c.model(), Batches.sample(train), data.classNames(), c.data().meanFloats(),
        c.data().stdFloats());
  }

  /** The file of an intermediate snapshot (epoch 0 is {@code initial.params}, the last {@code trained.params}). */
  static String snapshotFile(int epoch) {
    return String.format(java.util.Locale.ROOT, "snapshot-epoch-%04d.params", epoch);
  }

  /**
   * The snapshots in a training entry: those train.snapshots asks for, or the initialisation and the trained
   * network when it asks for none.
   */
  private Snapshots snapshots(ExperimentConfig c, Dataset data, Device device, Path dir, boolean fromCache) {
    int last = c.train().epochs();
    boolean configured = c.train().snapshots() != null;
    List<Integer> epochs = configured ? c.train().snapshotEpochs() : (last == 0 ? List.of(0) : List.of(0, last));
    List<Snapshots.Entry> entries = new ArrayList<>();
    for (int e : epochs) {
      Path file = dir.resolve(e == last ? "trained.params" : e == 0 ? "initial.params" : snapshotFile(e));
      entries.add(new Snapshots.Entry(e, file, Hashes.sha256(file)));
    }
    if (configured) {
      progress.info("snapshots: epochs " + epochs.toString().replaceAll("[\\[\\]]", "")
          + (fromCache ? " from the cache, not recomputed" : " kept in the cache"));
    }
    ImageSet train = data.train();
    Shape batchShape = Batches.shape(train, 1);
    Snapshots.Loader loader = (epoch, file) -> {
      Net n = newNet(c, data);
      Model m = initialised(n, "deepfig-epoch-" + epoch, device, batchShape);
      try {
        load(n, m, file);
        return new Snapshots.Snapshot(epoch, n, m);
      } catch (IOException | RuntimeException ex) {
        m.close();
        throw ex;
      }
    };
    return new Snapshots(entries, loader, configured);
  }

  private static byte[] save(Net net) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      net.saveParameters(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void load(Net net, Model model, Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      net.loadParameters(model.getNDManager(), in);
    } catch (MalformedModelException e) {
      throw new IOException("corrupt cache entry " + file + ": " + e.getMessage(), e);
    }
  }
}
