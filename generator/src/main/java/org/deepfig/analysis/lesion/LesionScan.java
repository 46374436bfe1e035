package org.deepfig.analysis.lesion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.FloatBuffer;
import java.util.List;
import org.deepfig.Progress;
import org.deepfig.StopSignal;
import org.deepfig.data.ImageSet;
import org.deepfig.model.LayerNode;
import org.deepfig.model.Net;
import org.deepfig.model.Network;
import org.deepfig.model.TorchScriptNetwork;

/**
 * Test accuracy, overall and per class, of a network with sets of channels of one layer ablated: each channel (a
 * convolution's feature map, a dense layer's unit) replaced by 0 or by its mean over the training set. The ablation
 * goes through the layer's output, so it works on any {@link Network} with the layer visible.
 *
 * <p>What each ablation costs: a zoo network ({@link Net}) keeps the layer's output of each batch and runs only what
 * lies above it ({@link Net#forwardAbove}); a TorchScript graph runs as one, so each ablation is one pass from the
 * input through {@code forward_replacing} ({@link TorchScriptNetwork#forwardReplacing}), the layer's output taken once
 * per batch; any other network goes through a replacing tap.
 */
public final class LesionScan {
  private LesionScan() {}

  /**
   * Correct predictions per ablation and class.
   *
   * @param correct [ablation][class] correctly classified images
   * @param count [class] images of each class among those scanned
   */
  public record Counts(int[][] correct, int[] count) {
    public int images() {
      int n = 0;
      for (int c : count) n += c;
      return n;
    }

    /** Accuracy with ablation {@code a}. */
    public double accuracy(int a) {
      int s = 0;
      for (int c : correct[a]) s += c;
      return (double) s / Math.max(1, images());
    }

    /** Accuracy on class {@code k} with ablation {@code a}; NaN when no image of the class was scanned. */
    public double classAccuracy(int a, int k) {
      return count[k] == 0 ? Double.NaN : (double) correct[a][k] / count[k];
    }
  }

  /** The layer's state for one batch, and the logits with a replaced output. */
  private interface Runner {
    Object capture(ParameterStore ps, NDArray images, String layer);

    NDArray output(Object state);

    NDArray logits(ParameterStore ps, NDArray images, Object state, NDArray replaced);

    /** Arrays the state holds, attached to each ablation's manager while it runs so what it makes is freed. */
    List<NDArray> arrays(NDArray images, Object state);
  }

  /**
   * Scans the first {@code n} images of {@code set}; ablation {@code a} switches off the channels where
   * {@code ablations[a][c]} is true ({@code ablations[a]} all false: the intact network). {@code mean}, the
   * layer's mean output over the training set (one image's shape), replaces them; null replaces them by zero.
   */
  public static Counts scan(Network net, NDManager parent, ImageSet set, int n, String layer, float[] mean,
      boolean[][] ablations, int classes, int batch, Progress.Task task) {
    LayerNode node = net.graph().layer(layer);
    Shape one = new Shape(1).addAll(node.outputShape());
    int channels = node.channels();
    Shape perChannel = node.isSpatial() ? new Shape(1, channels, 1, 1) : new Shape(1, channels);
    Runner runner = runner(net);
    int[][] correct = new int[ablations.length][classes];
    int[] count = new int[classes];
    int len = set.imageLength();
    float[] buf = new float[batch * len];
    int[] labels = new int[batch];
    for (int from = 0; from < n; from += batch) {
      StopSignal.check();
      int b = Math.min(batch, n - from);
      set.copyImages(from, from + b, buf, 0);
      for (int i = 0; i < b; i++) {
        labels[i] = set.label(from + i);
        count[labels[i]]++;
      }
      try (NDManager m = parent.newSubManager()) {
        ParameterStore ps = new ParameterStore(m, false);
        NDArray x = m.create(FloatBuffer.wrap(buf, 0, b * len), new Shape(b, set.channels(), set.height(),
            set.width()));
        Object state = runner.capture(ps, x, layer);
        NDArray out = runner.output(state);
        NDArray meanArr = mean == null ? null : m.create(mean, one).toDevice(out.getDevice(), false);
        for (int a = 0; a < ablations.length; a++) {
          try (NDManager sub = m.newSubManager()) {
            for (NDArray held : runner.arrays(x, state)) held.tempAttach(sub);
            // per channel, broadcast over positions: out × keep (+ mean × off)
            float[] keep = new float[channels];
            for (int c = 0; c < channels; c++) keep[c] = ablations[a][c] ? 0f : 1f;
            NDArray keepArr = sub.create(keep, perChannel).toDevice(out.getDevice(), false);
            NDArray replaced = keepArr.mul(out);
            if (meanArr != null) replaced = replaced.add(keepArr.neg().add(1f).mul(meanArr));
            long[] predicted = runner.logits(ps, x, state, replaced).argMax(1).toLongArray();
            for (int i = 0; i < b; i++) if (predicted[i] == labels[i]) correct[a][labels[i]]++;
          }
        }
      }
      if (task != null) task.step(b);
    }
    return new Counts(correct, count);
  }

  /**
   * The mean output of each layer over the first {@code n} images of {@code set} (one image's values, per channel
   * and position): what {@code mode: mean} puts in an ablated channel's place. One forward pass for all layers.
   */
  public static java.util.Map<String, float[]> means(Network net, NDManager parent, ImageSet set, int n,
      List<String> layers, int batch, Progress.Task task) {
    java.util.Map<String, double[]> sums = new java.util.LinkedHashMap<>();
    java.util.Set<String> wanted = java.util.Set.copyOf(layers);
    int len = set.imageLength();
    float[] buf = new float[batch * len];
    for (int from = 0; from < n; from += batch) {
      StopSignal.check();
      int b = Math.min(batch, n - from);
      set.copyImages(from, from + b, buf, 0);
      try (NDManager m = parent.newSubManager()) {
        NDArray x = m.create(FloatBuffer.wrap(buf, 0, b * len), new Shape(b, set.channels(), set.height(),
            set.width()));
        net.forward(new ParameterStore(m, false), x, false, (node, in, out) -> {
          if (wanted.contains(node.name())) {
            float[] s = out.sum(new int[] {0}).toFloatArray();
            double[] acc = sums.computeIfAbsent(node.name(), k -> new double[s.length]);
            for (int i = 0; i < s.length; i++) acc[i] += s[i];
          }
          return out;
        });
      }
      if (task != null) task.step(b);
    }
    java.util.Map<String, float[]> out = new java.util.LinkedHashMap<>();
    for (String l : layers) {
      double[] s = sums.get(l);
      if (s == null) throw new IllegalArgumentException("layer " + l + " was not in the forward pass");
      float[] mean = new float[s.length];
      for (int i = 0; i < s.length; i++) mean[i] = (float) (s[i] / Math.max(1, n));
      out.put(l, mean);
    }
    return out;
  }

  private static Runner runner(Network net) {
    if (net instanceof Net zoo) {
      return new Runner() {
        @Override
        public Object capture(ParameterStore ps, NDArray images, String layer) {
          return zoo.capture(ps, images, layer);
        }

        @Override
        public NDArray output(Object state) {
          return ((Net.Resume) state).output();
        }

        @Override
        public NDArray logits(ParameterStore ps, NDArray images, Object state, NDArray replaced) {
          return zoo.forwardAbove(ps, (Net.Resume) state, replaced);
        }

        @Override
        public List<NDArray> arrays(NDArray images, Object state) {
          Net.Resume r = (Net.Resume) state;
          return r.blockInput() == null ? List.of(r.output()) : List.of(r.output(), r.blockInput());
        }
      };
    }
    Runner tapped = new Runner() { // the layer's output through a recording tap; see logits for the replacing pass
      @Override
      public Object capture(ParameterStore ps, NDArray images, String layer) {
        NDArray[] seen = new NDArray[1];
        net.forward(ps, images, false, (node, in, out) -> {
          if (node.name().equals(layer)) seen[0] = out;
          return out;
        });
        if (seen[0] == null) throw new IllegalArgumentException("layer " + layer + " was not in the forward pass");
        return new Object[] {layer, seen[0]};
      }

      @Override
      public NDArray output(Object state) {
        return (NDArray) ((Object[]) state)[1];
      }

      @Override
      public NDArray logits(ParameterStore ps, NDArray images, Object state, NDArray replaced) {
        String layer = (String) ((Object[]) state)[0];
        if (net instanceof TorchScriptNetwork ts) return ts.forwardReplacing(images, layer, replaced);
        return net.forward(ps, images, false, (node, in, out) -> node.name().equals(layer) ? replaced : out);
      }

      @Override
      public List<NDArray> arrays(NDArray images, Object state) {
        return List.of(images, output(state));
      }
    };
    return tapped;
  }
}
