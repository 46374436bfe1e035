package org.deepfig.analysis.patches;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deepfig.Progress;
import org.deepfig.data.ImageSet;
import org.deepfig.model.Network;

/**
 * One streaming pass over a dataset that keeps, for every channel of the chosen layers, the k images whose spatial
 * maximum of that channel is highest, with the position of that maximum (Zeiler & Fergus 2014, §4). The max is taken
 * natively per batch, so only N×C numbers per layer cross into Java, and the argmax only for the rows that can enter
 * the top k; memory is channels × k, whatever the dataset's size. Ties go to the lower image index, then the lower position, so the result does not
 * depend on the batch size.
 */
public final class TopKScan {
  /** One activating example: the channel's maximum on image {@code image}, at (y, x) of the layer's map. */
  public record Hit(float value, int image, int y, int x) {}

  private TopKScan() {}

  /** layer → per channel, the top-k hits in descending order. */
  public static Map<String, List<List<Hit>>> scan(Network net, NDManager parent, ImageSet set, int images,
      List<String> layers, int k, int batch, Progress.Task task) {
    return scan(net, parent, set, images, layers, k, batch, task, null);
  }

  /**
   * As {@link #scan(Network, NDManager, ImageSet, int, List, int, int, Progress.Task)}; when {@code means} is not
   * null it receives, per layer, each channel's mean activation over all positions of all scanned images.
   */
  public static Map<String, List<List<Hit>>> scan(Network net, NDManager parent, ImageSet set, int images,
      List<String> layers, int k, int batch, Progress.Task task, Map<String, double[]> means) {
    Set<String> wanted = Set.copyOf(layers);
    Map<String, double[]> sums = new LinkedHashMap<>();
    Map<String, TopK[]> tops = new LinkedHashMap<>();
    int len = set.imageLength();
    float[] buf = new float[batch * len];
    for (int from = 0; from < images; from += batch) {
      int b = Math.min(batch, images - from);
      set.copyImages(from, from + b, buf, 0);
      final int batchFrom = from;
      try (NDManager m = parent.newSubManager()) {
        NDArray x = m.create(FloatBuffer.wrap(buf, 0, b * len), new Shape(b, set.channels(), set.height(),
            set.width()));
        net.forward(new ParameterStore(m, false), x, false, (node, in, out) -> {
          if (wanted.contains(node.name())) {
            Shape s = out.getShape();
            int c = (int) s.get(1);
            int w = (int) s.get(3);
            NDArray rows = out.reshape(s.get(0) * c, s.get(2) * w);
            float[] mx = rows.max(new int[] {1}).toFloatArray();
            if (means != null) {
              float[] mean = rows.mean(new int[] {1}).toFloatArray();
              double[] sum = sums.computeIfAbsent(node.name(), l -> new double[c]);
              for (int r = 0; r < mean.length; r++) sum[r % c] += mean[r];
            }
            TopK[] t = tops.computeIfAbsent(node.name(), l -> {
              TopK[] a = new TopK[c];
              for (int i = 0; i < c; i++) a[i] = new TopK(k);
              return a;
            });
            // only (image, channel) rows that beat their channel's k-th value at the start of this batch can enter
            // the top k; their argmax is taken natively for those rows alone (after the first batches, a few)
            int[] cand = new int[mx.length];
            int nc = 0;
            for (int r = 0; r < mx.length; r++) if (t[r % c].admits(mx[r])) cand[nc++] = r;
            if (nc > 0) {
              long[] pos;
              if (nc == mx.length) {
                pos = rows.argMax(1).toLongArray();
              } else {
                long[] idx = new long[nc];
                for (int i = 0; i < nc; i++) idx[i] = cand[i];
                pos = rows.get(new NDIndex("{}", m.create(idx))).argMax(1).toLongArray();
              }
              for (int i = 0; i < nc; i++) {
                int r = cand[i];
                int p = (int) pos[nc == mx.length ? r : i];
                t[r % c].offer(mx[r], batchFrom + r / c, p / w, p % w);
              }
            }
          }
          return out;
        });
      }
      if (task != null) task.step(b);
    }
    Map<String, List<List<Hit>>> out = new LinkedHashMap<>();
    for (String layer : layers) {
      TopK[] t = tops.get(layer);
      if (t == null) throw new IllegalArgumentException("layer " + layer + " was not in the forward pass");
      List<List<Hit>> perChannel = new ArrayList<>();
      for (TopK top : t) perChannel.add(top.hits());
      out.put(layer, perChannel);
      if (means != null) {
        double[] m = sums.get(layer).clone();
        for (int c = 0; c < m.length; c++) m[c] /= images;
        means.put(layer, m);
      }
    }
    return out;
  }

  /** The k largest offers in descending order; an equal value never displaces an earlier (lower-index) one. */
  static final class TopK {
    private final float[] value;
    private final int[] image;
    private final int[] y;
    private final int[] x;
    private int size;

    TopK(int k) {
      value = new float[k];
      image = new int[k];
      y = new int[k];
      x = new int[k];
    }

    /** Whether an offer of {@code v} could enter (a value equal to the k-th never does). */
    boolean admits(float v) {
      return size < value.length || v > value[value.length - 1];
    }

    void offer(float v, int img, int py, int px) {
      int k = value.length;
      if (size == k && !(v > value[k - 1])) return;
      int at = size < k ? size : k - 1;
      while (at > 0 && v > value[at - 1]) {
        if (at < k) {
          value[at] = value[at - 1];
          image[at] = image[at - 1];
          y[at] = y[at - 1];
          x[at] = x[at - 1];
        }
        at--;
      }
      value[at] = v;
      image[at] = img;
      y[at] = py;
      x[at] = px;
      if (size < k) size++;
    }

    List<Hit> hits() {
      List<Hit> out = new ArrayList<>();
      for (int i = 0; i < size; i++) out.add(new Hit(value[i], image[i], y[i], x[i]));
      return out;
    }
  }
}
