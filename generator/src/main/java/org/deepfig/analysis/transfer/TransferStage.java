package org.deepfig.analysis.transfer;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.deepfig.Progress;
import org.deepfig.config.ExperimentConfig;
import org.deepfig.config.TrainConfig;
import org.deepfig.data.Dataset;
import org.deepfig.model.Net;
import org.deepfig.model.Network;
import org.deepfig.provenance.StageCache;
import org.deepfig.provenance.Versions;
import org.deepfig.train.Batches;
import org.deepfig.train.ModelStage;
import org.deepfig.train.Training;
import org.deepfig.train.TrainingHistory;

/**
 * The trainings of the transfer experiment, each a cached stage of its own: its key is a hash of exactly what it
 * reads (data, model, training options, its half's classes, its seed, which layers it copies and the key of the
 * network it copies them from), so a second run trains nothing and changing one option retrains only what depends
 * on it. Base networks keep their parameters in the cache (the transfers copy from them); a transfer keeps only its
 * history.
 */
final class TransferStage {
  static final String STAGE = "transfer";
  /** Bump when the way these networks are trained changes results, so old entries are not reused. */
  static final int CODE_VERSION = 1;
  private static final ObjectMapper JSON = org.deepfig.provenance.Json.plain();

  private final StageCache cache;
  private final Function<Object, String> sha;
  private final Progress progress;
  private final Device device;
  private final ExperimentConfig config;
  private final TrainConfig train;

  TransferStage(StageCache cache, Function<Object, String> sha, Progress progress, Device device,
      ExperimentConfig config, TrainConfig train) {
    this.cache = cache;
    this.sha = sha;
    this.progress = progress;
    this.device = device;
    this.config = config;
    this.train = train;
  }

  /** A network trained here, open (its native memory) until closed. */
  static final class Live implements AutoCloseable {
    final Model model;
    final Net net;
    TrainingHistory history;
    String key;

    Live(Model model, Net net) {
      this.model = model;
      this.net = net;
    }

    double accuracy() {
      var e = history.epochs();
      return e.isEmpty() ? Double.NaN : e.get(e.size() - 1).testAccuracy();
    }

    @Override
    public void close() {
      model.close();
    }
  }

  /** One transfer training's result: test accuracy on its half, the history, whether it came from the cache. */
  record Outcome(double accuracy, TrainingHistory history, boolean cached) {}

  /** The base network of a half ("A" or "B"), trained or taken from the cache; the caller closes it. */
  Live base(String half, Dataset data, long seed) {
    Map<String, Object> in = inputs(data, seed);
    in.put("role", "base " + half);
    String key = sha.apply(in);
    String label = "base " + half;
    var hit = cache.lookup(STAGE, key);
    if (hit.isPresent()) {
      Live live = fresh(config, data, device);
      read(live, hit.get());
      live.key = key;
      progress.info(String.format(Locale.ROOT, "transfer: %s: cached (%s), test accuracy %.1f%%", label,
          key.substring(0, 12), 100 * live.accuracy()));
      return live;
    }
    Live live = train(config, train, data, seed, device, prefixed(label), null, List.of(), false);
    live.key = key;
    StageCache.Stored stored = cache.store(STAGE, key, d -> {
      try (DataOutputStream out = new DataOutputStream(
          new BufferedOutputStream(Files.newOutputStream(d.resolve("trained.params"))))) {
        live.net.saveParameters(out);
      }
      JSON.writerWithDefaultPrettyPrinter().writeValue(d.resolve("history.json").toFile(), live.history);
    });
    // another run cached the same training first: continue with its network, so the cache and the figure agree
    if (stored.origin() == StageCache.Origin.OTHER_RUN) read(live, stored.dir());
    progress.info(String.format(Locale.ROOT, "transfer: %s: trained, test accuracy %.1f%%", label,
        100 * live.accuracy()));
    return live;
  }

  /**
   * One transfer: a network for {@code data} whose {@code layers} come from {@code source} (frozen or fine-tuned),
   * the rest initialised afresh with {@code seed}, trained on {@code data}.
   */
  Outcome transfer(String variant, int cut, int run, int runs, Live source, List<String> layers, boolean freeze,
      Dataset data, long seed) {
    Map<String, Object> in = inputs(data, seed);
    in.put("role", variant);
    in.put("cut", cut);
    in.put("layers", layers);
    in.put("freeze", freeze);
    in.put("source", source.key);
    String key = sha.apply(in);
    String label = String.format(Locale.ROOT, "%s n=%d, run %d/%d", variant, cut, run, runs);
    var hit = cache.lookup(STAGE, key);
    try {
      if (hit.isPresent()) {
        TrainingHistory h = JSON.readValue(hit.get().resolve("history.json").toFile(), TrainingHistory.class);
        double acc = last(h);
        progress.info(String.format(Locale.ROOT, "transfer: %s: cached (%s), test accuracy %.1f%%", label,
            key.substring(0, 12), 100 * acc));
        return new Outcome(acc, h, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt transfer cache entry " + hit.get() + " (delete it or run with --force)",
          e);
    }
    try (Live live = train(config, train, data, seed, device, prefixed(label), source.net, layers, freeze)) {
      TrainingHistory h = live.history;
      cache.store(STAGE, key, d -> JSON.writerWithDefaultPrettyPrinter()
          .writeValue(d.resolve("history.json").toFile(), h));
      progress.info(String.format(Locale.ROOT, "transfer: %s: trained, test accuracy %.1f%%", label,
          100 * live.accuracy()));
      return new Outcome(live.accuracy(), h, false);
    }
  }

  /** Loads a base network's parameters and history from its cache entry into {@code live} (closing it on failure). */
  private static void read(Live live, Path dir) {
    try {
      try (DataInputStream is = new DataInputStream(new BufferedInputStream(
          Files.newInputStream(dir.resolve("trained.params"))))) {
        live.net.loadParameters(live.model.getNDManager(), is);
      }
      live.history = JSON.readValue(dir.resolve("history.json").toFile(), TrainingHistory.class);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      live.close();
      throw new UncheckedIOException("corrupt transfer cache entry " + dir + " (delete it or run with --force)",
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  private Map<String, Object> inputs(Dataset data, long seed) {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("stage", STAGE);
    in.put("data", config.data().withoutSlices());
    in.put("model", config.model());
    in.put("train", train);
    in.put("classes", data.classNames());
    in.put("seed", seed);
    in.put("transfer_code", CODE_VERSION);
    in.put("code", Versions.codeFingerprint());
    in.put("numerics", org.deepfig.probe.ConvKernels.numerics(device));
    return in;
  }

  private static double last(TrainingHistory h) {
    var e = h.epochs();
    return e.isEmpty() ? Double.NaN : e.get(e.size() - 1).testAccuracy();
  }

  /** Progress whose task names say which training this is ("transfer: AnB+ n=3, run 2/3, epoch 4/10"). */
  private Progress prefixed(String label) {
    return new Progress() {
      @Override
      public Task start(String name, long total) {
        return progress.start("transfer: " + label + ", " + name, total);
      }

      @Override
      public void info(String line) {
        progress.info("transfer: " + label + ": " + line);
      }
    };
  }

  /** A new network of the configured architecture for {@code data}'s classes (not yet initialised). */
  private static Live fresh(ExperimentConfig c, Dataset data, Device device) {
    Net net = ModelStage.newNet(c, data);
    return new Live(ModelStage.initialised(net, "deepfig-transfer", device,
        new Shape(1).addAll(Batches.sample(data.train()))), net);
  }

  /**
   * Trains a network of the configured architecture on {@code data} from {@code seed}; when {@code source} is given,
   * its {@code layers} are copied in after initialisation and frozen ({@code freeze}) or trained with the rest.
   * The caller closes the result.
   */
  static Live train(ExperimentConfig c, TrainConfig t, Dataset data, long seed, Device device, Progress progress,
      Network source, List<String> layers, boolean freeze) {
    Net net = ModelStage.newNet(c, data);
    Model model = Model.newInstance("deepfig-transfer", device, "PyTorch");
    model.setBlock(net);
    Live live = new Live(model, net);
    try {
      live.history = Training.run(model, net, data, t, seed, progress, n -> {
        if (source != null) LayerCopy.copy(source, net, layers, freeze);
      });
      return live;
    } catch (RuntimeException e) {
      live.close();
      throw e;
    }
  }
}
