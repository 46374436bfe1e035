package org.deepfig.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deepfig.UserError;

/**
 * A TorchScript classifier loaded through DJL. Without a sidecar deepfig sees only input → logits; with the sidecar
 * of {@code scripts/export_torchscript.py} the module's {@code forward} also returns each listed layer's activation,
 * so taps see hidden layers, and a tap that replaces an activation is fed back through {@code forward_replacing}
 * (gradients with respect to a hidden layer, as Grad-CAM needs).
 *
 * <p>Two traps: parameters loaded in inference mode cannot be saved for backward, so the module is
 * loaded with {@code trainParam}; and DJL's block forward switches the module to train mode (BatchNorm on batch
 * statistics, Dropout on) whenever autograd is wanted. The module is therefore put in eval mode once, and run through
 * {@link IValueUtils#forward} with autograd allowed, never through {@code PtSymbolBlock.forward}.
 */
public final class TorchScriptNetwork implements Network {
  private static final String REPLACING = "forward_replacing";
  private final Model model;
  private final PtSymbolBlock block;
  private final TorchScriptSidecar sidecar; // null: exported without layers
  private final List<LayerNode> tapped;
  private final LayerNode logitsNode; // an extra node after the tapped ones, or null when a tapped layer is the logits
  private final Map<String, Integer> index = new HashMap<>();
  private final LayerGraph graph;
  private final List<String> classNames;
  private final float[] mean;
  private final float[] std;

  private TorchScriptNetwork(Model model, PtSymbolBlock block, TorchScriptSidecar sidecar, long totalParameters,
      Shape inputShape, List<String> classNames, float[] mean, float[] std) {
    this.model = model;
    this.block = block;
    this.sidecar = sidecar;
    this.classNames = List.copyOf(classNames);
    this.mean = mean.clone();
    this.std = std.clone();
    this.tapped = sidecar == null ? List.of() : sidecar.nodes();
    for (int i = 0; i < tapped.size(); i++) index.put(tapped.get(i).name(), i);
    List<LayerNode> layers = new ArrayList<>(tapped);
    if (sidecar != null && sidecar.logitsLayer() != null && index.containsKey(sidecar.logitsLayer())) {
      logitsNode = null;
    } else {
      long listed = tapped.stream().mapToLong(LayerNode::parameters).sum();
      List<String> in = tapped.isEmpty() ? List.of() : List.of(tapped.get(tapped.size() - 1).name());
      logitsNode = new LayerNode("logits", LayerKind.OTHER, new Shape(classNames.size()),
          Math.max(0, totalParameters - listed), null, in, null);
      layers.add(logitsNode);
    }
    Shape in = sidecar != null ? sidecar.inputShapeAsShape() : inputShape;
    this.graph = new LayerGraph(in, layers);
  }

  /**
   * Loads {@code file} (and {@code model.layers.json} beside it, when present) onto {@code device}.
   *
   * @param inputShape C×H×W of the images it will see (the graph's input without a sidecar)
   * @throws UserError when the file is missing or not a TorchScript archive, or the sidecar does not fit it
   */
  public static TorchScriptNetwork load(Path file, Device device, Shape inputShape, List<String> classNames,
      float[] mean, float[] std) {
    if (!Files.isRegularFile(file)) {
      throw new UserError(file.toString(), "model file not found",
          "check model.file (a path relative to the config file's folder)");
    }
    Path sidecarFile = TorchScriptSidecar.pathFor(file);
    TorchScriptSidecar sidecar = Files.isRegularFile(sidecarFile) ? TorchScriptSidecar.read(sidecarFile) : null;
    Model model = Model.newInstance("imported", device, "PyTorch");
    try {
      PtSymbolBlock block;
      try {
        block = JniUtils.loadModule((PtNDManager) model.getNDManager(), file.toAbsolutePath(), true, new String[0],
            new String[0], true);
      } catch (EngineException e) {
        throw new UserError(file.toString(), "not a TorchScript archive (" + TorchScriptSidecar.firstLine(
            e.getMessage()) + ")", "export the model with torch.jit.trace/torch.jit.script and save(), or with "
            + "scripts/export_torchscript.py; a state_dict saved with torch.save is not enough");
      }
      JniUtils.enableInferenceMode(block); // module.eval(): BatchNorm running statistics, no Dropout
      model.setBlock(block);
      long total = freezeParameters(block, model.getNDManager());
      return new TorchScriptNetwork(model, block, sidecar, total, inputShape, classNames, mean, std);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** Parameters need no gradients (we only take gradients w.r.t. inputs and activations); returns their count. */
  private static long freezeParameters(PtSymbolBlock block, NDManager manager) {
    long total = 0;
    try (NDManager m = manager.newSubManager()) {
      NDList params = JniUtils.moduleGetParams(block, (PtNDManager) m);
      for (NDArray p : params) {
        total += p.size();
        p.setRequiresGradient(false);
      }
    }
    return total;
  }

  /** A layer's weight: its own parameter named {@code weight} (see {@link #layerParameters}). */
  @Override
  public java.util.Optional<NDArray> layerWeight(String name) {
    NDArray found = null;
    for (NDArray p : layerParameters(name)) {
      if (found == null && p.getName().endsWith(".weight")) found = p;
      else p.close();
    }
    return java.util.Optional.ofNullable(found);
  }

  /**
   * The module's own parameter tensors of a layer ({@code model.LAYER.*} inside the export helper's wrapper, or
   * {@code LAYER.*} in a plain traced module), in the module's order; they alias the module's storage.
   */
  @Override
  public List<NDArray> layerParameters(String name) {
    NDList params = JniUtils.moduleGetParams(block, (PtNDManager) model.getNDManager());
    List<NDArray> out = new java.util.ArrayList<>();
    for (NDArray p : params) {
      String n = p.getName() == null ? "" : p.getName();
      String prefix = n.startsWith("model." + name + ".") ? "model." + name + "."
          : n.startsWith(name + ".") ? name + "." : null;
      if (prefix != null && n.indexOf('.', prefix.length()) < 0) {
        out.add(p); // the layer's own parameters, not those of a sub-module
      } else {
        p.close();
      }
    }
    return out;
  }

  /** The DJL model owning the module's native memory; close it when done. */
  public Model model() {
    return model;
  }

  /** Whether the model came with a layer sidecar. */
  public boolean hasLayers() {
    return sidecar != null;
  }

  @Override
  public Block block() {
    return block;
  }

  @Override
  public LayerGraph graph() {
    return graph;
  }

  @Override
  public List<String> classNames() {
    return classNames;
  }

  @Override
  public boolean imported() {
    return true;
  }

  @Override
  public String visibilityNote() {
    if (sidecar != null) return null;
    return "This TorchScript model was exported without its layers, so deepfig sees only its input and logits: "
        + "figures of hidden layers (activations, top-9 patches, t-SNE of a layer, Grad-CAM) are not available; "
        + "figures from logits and input gradients (confusion, saliency) are. " + Capabilities.EXPORT_FIX + ".";
  }

  /**
   * The logits; {@code training} is ignored (an imported model is only analysed, always in eval mode). Taps run in
   * the sidecar's order; when one replaces an activation, the forward pass is redone with that replacement so the
   * layers after it, and the logits, see it.
   */
  @Override
  public NDArray forward(ParameterStore ps, NDArray images, boolean training, Taps taps) {
    NDArray x = normalise(images);
    if (taps == Taps.NONE && sidecar != null && sidecar.logitsMethod() != null) return logitsOnly(x);
    NDList outs = run(x, null, null);
    if (taps == Taps.NONE) return outs.get(0);
    float[] keep = null;
    NDArray[] deltas = null;
    for (int i = 0; i < tapped.size(); i++) {
      LayerNode node = tapped.get(i);
      NDArray out = outs.get(i + 1);
      NDArray seen = taps.tap(node, inputOf(node, x, outs), out);
      if (seen != out) {
        if (keep == null) {
          keep = new float[tapped.size()];
          Arrays.fill(keep, 1f);
          deltas = new NDArray[tapped.size()];
          for (int j = 0; j < deltas.length; j++) deltas[j] = x.getManager().zeros(new Shape(1), x.getDataType());
        }
        keep[i] = 0f;
        deltas[i] = seen;
        outs = run(x, keep, deltas);
      }
    }
    NDArray logits = outs.get(0);
    if (logitsNode == null) return logits;
    return taps.tap(logitsNode, tapped.isEmpty() ? x : outs.get(tapped.size()), logits);
  }

  /**
   * The logits when {@code layer} outputs {@code value}: one {@code forward_replacing} pass from the input (a
   * TorchScript graph runs as one, so there is no resuming above the layer), without the first pass {@link #forward}
   * makes to show taps the layer's own output.
   */
  public NDArray forwardReplacing(NDArray images, String layer, NDArray value) {
    Integer at = index.get(layer);
    if (at == null) throw new IllegalArgumentException("no layer " + layer + " in the sidecar");
    NDArray x = normalise(images);
    float[] keep = new float[tapped.size()];
    Arrays.fill(keep, 1f);
    keep[at] = 0f;
    NDArray[] deltas = new NDArray[tapped.size()];
    for (int j = 0; j < deltas.length; j++) {
      deltas[j] = j == at ? value : x.getManager().zeros(new Shape(1), x.getDataType());
    }
    return run(x, keep, deltas).get(0);
  }

  /**
   * The logits through the export's logits-only method: without it every tapped activation of the batch stays alive
   * until the forward pass returns (ResNet-50 at 224 px: about 100 MB per image with all its layers listed).
   */
  private NDArray logitsOnly(NDArray x) {
    NDArray method = x.getManager().create(0f);
    method.setName("module_method:" + sidecar.logitsMethod());
    try {
      NDList out = IValueUtils.forward(block, new NDList(unnamed(x), method), true);
      return out.get(0);
    } catch (EngineException e) {
      throw new ModelRunException(TorchScriptSidecar.firstLine(e.getMessage()), e);
    }
  }

  /**
   * Bytes one image's forward pass holds at once at most: the input plus every listed layer's output (all are
   * returned together), in float32; the input alone through the logits-only method.
   */
  @Override
  public long bytesPerImage(boolean taps) {
    long values = graph.inputShape().size();
    if (taps || sidecar == null || sidecar.logitsMethod() == null) {
      for (LayerNode n : tapped) values += n.outputShape().size();
    }
    return 4 * values;
  }

  private NDArray inputOf(LayerNode node, NDArray x, NDList outs) {
    if (node.inputs().isEmpty()) return x;
    if (node.inputs().size() != 1) return null;
    Integer j = index.get(node.inputs().get(0));
    return j == null ? x : outs.get(j + 1);
  }

  /** forward(x), or forward_replacing(x, keep, *deltas); checks the module returns what the sidecar promises. */
  private NDList run(NDArray x, float[] keep, NDArray[] deltas) {
    NDList in = new NDList(unnamed(x));
    if (keep != null) {
      NDManager m = x.getManager();
      in.add(m.create(keep).toDevice(x.getDevice(), false));
      for (NDArray d : deltas) in.add(unnamed(d));
      NDArray method = m.create(0f);
      method.setName("module_method:" + REPLACING);
      in.add(method);
    }
    NDList out;
    try {
      out = IValueUtils.forward(block, in, true);
    } catch (EngineException e) {
      throw new ModelRunException(TorchScriptSidecar.firstLine(e.getMessage()), e);
    }
    int expected = 1 + tapped.size();
    if (sidecar != null && out.size() != expected) {
      throw new UserError(null, "the model returns " + out.size() + " tensors but its sidecar lists "
          + tapped.size() + " layers (expected logits + " + tapped.size() + " activations)",
          "export the .pt and its .layers.json together with scripts/export_torchscript.py");
    }
    return out;
  }

  /** DJL groups inputs whose names contain '.' into dicts; ours are plain tensors. */
  private static NDArray unnamed(NDArray a) {
    if (a.getName() != null) a.setName(null);
    return a;
  }

  private NDArray normalise(NDArray images) {
    int c = (int) images.getShape().get(1);
    NDManager m = images.getManager();
    NDArray mArr = m.create(perChannel(mean, c), new Shape(1, c, 1, 1)).toDevice(images.getDevice(), false);
    NDArray sArr = m.create(perChannel(std, c), new Shape(1, c, 1, 1)).toDevice(images.getDevice(), false);
    return images.sub(mArr).div(sArr);
  }

  private static float[] perChannel(float[] v, int c) {
    if (v.length == c) return v;
    float[] out = new float[c];
    Arrays.fill(out, v[0]);
    return out;
  }

  /** The module failed on its input (wrong shape, wrong dtype): the message is libtorch's first line. */
  public static final class ModelRunException extends RuntimeException {
    ModelRunException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
