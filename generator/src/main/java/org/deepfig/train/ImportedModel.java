package org.deepfig.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import org.deepfig.Progress;
import org.deepfig.UserError;
import org.deepfig.config.ExperimentConfig;
import org.deepfig.data.Dataset;
import org.deepfig.data.ImageSet;
import org.deepfig.model.LayerGraph;
import org.deepfig.model.Taps;
import org.deepfig.model.TorchScriptNetwork;
import org.deepfig.provenance.Hashes;

/**
 * The model stage for {@code model.file}: loads a TorchScript model instead of training one, and checks that it fits
 * the dataset (input shape, one logit per class) with a trial batch before any analysis runs. No history, no untrained
 * copy; the checkpoint hash is the file's.
 */
final class ImportedModel {
  private ImportedModel() {}

  static TrainedNetwork load(ExperimentConfig c, Path configDir, Dataset data, Device device, Progress progress) {
    Path file = configDir.resolve(c.model().file()).normalize();
    ImageSet test = data.test();
    Shape images = new Shape(test.channels(), test.height(), test.width());
    List<Integer> declared = c.model().inputShape();
    if (declared != null && !shape(declared).equals(images)) {
      throw new UserError(file.toString(), "model.input_shape is " + text(shape(declared))
          + " but the dataset's images are " + text(images), fix(data, shape(declared)));
    }
    TorchScriptNetwork net = TorchScriptNetwork.load(file, device, images, data.classNames(),
        c.data().meanFloats(), c.data().stdFloats());
    try {
      LayerGraph g = net.graph();
      if (net.hasLayers() && !g.inputShape().equals(images)) {
        throw new UserError(file.toString(), "the model was exported for " + text(g.inputShape())
            + " input but the dataset's images are " + text(images), fix(data, g.inputShape()));
      }
      trialBatch(net, file, data, images);
      String sha = Hashes.sha256(file);
      progress.info("model: loaded " + file.getFileName() + " (" + g.totalParameters() + " parameters, "
          + (net.hasLayers() ? (g.layers().size() - (g.contains("logits") ? 1 : 0)) + " visible layers)"
              : "no layer sidecar: only input and logits visible)"));
      return new TrainedNetwork(net, null, TrainingHistory.none(), "file:" + sha.substring(0, 16), sha, false,
          net.model(), null);
    } catch (RuntimeException e) {
      net.model().close();
      throw e;
    }
  }

  /** Runs two test images through the model: it must accept their shape and return N×classes logits. */
  private static void trialBatch(TorchScriptNetwork net, Path file, Dataset data, Shape images) {
    int n = Math.min(2, data.test().size());
    float[] x = new float[n * data.test().imageLength()];
    data.test().copyImages(0, n, x, 0);
    try (NDManager m = net.model().getNDManager().newSubManager()) {
      NDArray in = m.create(FloatBuffer.wrap(x), new Shape(n).addAll(images));
      Shape out;
      try {
        out = net.forward(new ParameterStore(m, false), in, false, Taps.NONE).getShape();
      } catch (TorchScriptNetwork.ModelRunException e) {
        throw new UserError(file.toString(), "the model fails on the dataset's " + text(images) + " images ("
            + e.getMessage() + ")", "export the model for " + text(images) + " input, or change data.image_size / "
            + "data.channels to the input it was trained on");
      }
      Shape expected = new Shape(n, data.numClasses());
      if (!out.equals(expected)) {
        throw new UserError(file.toString(), "the model returns " + text(out) + " for a batch of " + n
            + " images, expected " + text(expected) + " (one logit per class of " + data.name() + ", "
            + data.numClasses() + " classes)", "use a model with " + data.numClasses()
            + " outputs for this dataset, or a dataset with the model's classes");
      }
    }
  }

  private static String fix(Dataset data, Shape wanted) {
    return "use a dataset of " + text(wanted) + " images (data.image_size sets H and W, data.channels C for folder "
        + "data), or export the model for " + data.test().channels() + "×" + data.test().height() + "×"
        + data.test().width();
  }

  private static Shape shape(List<Integer> v) {
    return new Shape(v.stream().mapToLong(Integer::longValue).toArray());
  }

  private static String text(Shape s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.dimension(); i++) sb.append(i > 0 ? "×" : "").append(s.get(i));
    return sb.toString();
  }
}
