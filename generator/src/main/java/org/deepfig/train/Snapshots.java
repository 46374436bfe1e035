package org.deepfig.train;

import ai.djl.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deepfig.model.Network;

/**
 * The parameters of a zoo network at chosen epochs of its training ({@code train.snapshots}), kept in the training
 * stage's cache entry: epoch 0 is the seeded initialisation, the last epoch the trained network. Figures drawn per
 * epoch {@link #open} a snapshot as a network of its own, without retraining. Without {@code train.snapshots} the
 * initialisation and the trained network are the two snapshots ({@link #configured()} false); an imported model has
 * none.
 */
public final class Snapshots {
  /** One kept epoch: the parameter file in the cache entry and its sha256 (listed in the manifest). */
  public record Entry(int epoch, Path file, String sha256) {}

  /** Builds a fresh network of the run's architecture with the parameters of {@code file}. */
  @FunctionalInterface
  public interface Loader {
    Snapshot load(int epoch, Path file) throws IOException;
  }

  /** A network at one epoch; closing releases its native memory. */
  public record Snapshot(int epoch, Network network, Model model) implements AutoCloseable {
    @Override
    public void close() {
      if (model != null) model.close();
    }
  }

  public static final Snapshots NONE = new Snapshots(List.of(), null, false);

  /** What a per-epoch figure of a network without snapshots (an imported model) says. */
  public static final String NONE_NOTE = "This model was loaded, not trained here, so it has no training snapshots: "
      + "only the loaded network is shown.";

  private final List<Entry> entries;
  private final Loader loader;
  private final boolean configured;

  public Snapshots(List<Entry> entries, Loader loader, boolean configured) {
    this.entries = List.copyOf(entries);
    this.loader = loader;
    this.configured = configured;
  }

  /** The kept epochs, ascending. */
  public List<Integer> epochs() {
    List<Integer> out = new ArrayList<>();
    for (Entry e : entries) out.add(e.epoch());
    return out;
  }

  public List<Entry> entries() {
    return entries;
  }

  /** Whether the config asked for snapshots (then the manifest lists them). */
  public boolean configured() {
    return configured;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * What a per-epoch figure says about the epochs it could show: nothing when the config listed snapshots,
   * {@link #NONE_NOTE} for a network without any (an imported model), else that only the initialisation and the
   * trained network are shown.
   */
  public String note() {
    return note("Without train.snapshots only the initialisation and the trained network are shown.");
  }

  /** {@link #note()} with the figure's own sentence for a trained network without listed snapshots. */
  public String note(String withoutSnapshots) {
    return configured ? null : isEmpty() ? NONE_NOTE : withoutSnapshots;
  }

  /** The network at {@code epoch} (one of {@link #epochs()}), loaded from the cache; the caller closes it. */
  public Snapshot open(int epoch) {
    for (Entry e : entries) {
      if (e.epoch() == epoch) {
        try {
          return loader.load(epoch, e.file());
        } catch (IOException ex) {
          throw new UncheckedIOException("cannot read the snapshot of epoch " + epoch + " (" + e.file() + ")", ex);
        }
      }
    }
    throw new IllegalArgumentException("no snapshot of epoch " + epoch + " (kept: " + epochs() + ")");
  }
}
