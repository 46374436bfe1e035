package org.deepfig.model;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.deepfig.UserError;
import org.deepfig.provenance.Json;

/**
 * The layer list {@code scripts/export_torchscript.py} writes beside a TorchScript model ({@code model.pt} →
 * {@code model.layers.json}): the model's {@code forward} returns the logits, then one activation per listed layer in
 * this order, and {@code forward_replacing(x, keep, *deltas)} computes {@code out·keep[i] + deltas[i]} at layer i.
 *
 * @param logitsLayer the listed layer whose output is the logits, or null when the logits come after the last one
 * @param edges how the input edges were found ("data flow (torch.fx)" or "assumed sequential")
 * @param logitsMethod a method returning the logits alone (no activation kept, so a batch needs a plain forward
 *     pass's memory), or null for exports made before it existed
 */
public record TorchScriptSidecar(String format, List<Integer> inputShape, int numClasses, long parameters,
    String edges, String logitsLayer, String logitsMethod, List<Layer> layers) {
  public static final String FORMAT = "deepfig-torchscript-layers/1";

  /** One tapped layer, as in {@link LayerNode}; {@code kind} is snake_case of {@link LayerKind}. */
  public record Layer(String name, String kind, String module, List<Integer> outputShape, long parameters,
      GeometryJson geometry, List<String> inputs) {}

  public record GeometryJson(int kernel, int stride, int padding, int dilation) {}

  public TorchScriptSidecar {
    layers = layers == null ? List.of() : List.copyOf(layers);
  }

  /** {@code model.pt} → {@code model.layers.json}. */
  public static Path pathFor(Path model) {
    String name = model.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return model.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".layers.json");
  }

  public static TorchScriptSidecar read(Path file) {
    ObjectMapper json = Json.snakeCase().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    TorchScriptSidecar s;
    try {
      s = json.readValue(Files.readAllBytes(file), TorchScriptSidecar.class);
    } catch (IOException e) {
      throw new UserError(file.toString(), "not a readable layer sidecar: " + firstLine(e.getMessage()),
          "re-export the model with scripts/export_torchscript.py, which writes the .pt and its sidecar together");
    }
    s.validate(file);
    return s;
  }

  private void validate(Path file) {
    String fix = "re-export the model with scripts/export_torchscript.py, which writes the .pt and its sidecar together";
    if (!FORMAT.equals(format)) {
      throw new UserError(file.toString(), "unknown sidecar format '" + format + "' (expected " + FORMAT + ")", fix);
    }
    if (inputShape == null || inputShape.size() != 3) {
      throw new UserError(file.toString(), "input_shape must be [C, H, W], got " + inputShape, fix);
    }
    Set<String> seen = new HashSet<>();
    for (Layer l : layers) {
      if (l.name() == null || !seen.add(l.name()) || l.name().equals("input")) {
        throw new UserError(file.toString(), "layer names must be present and unique (and not 'input'): " + l.name(),
            fix);
      }
      if (l.outputShape() == null || l.outputShape().isEmpty()) {
        throw new UserError(file.toString(), "layer " + l.name() + " has no output_shape", fix);
      }
      for (String in : l.inputs() == null ? List.<String>of() : l.inputs()) {
        if (!in.equals("input") && !seen.contains(in)) {
          throw new UserError(file.toString(), "layer " + l.name() + " reads '" + in + "', which is not listed before it",
              fix);
        }
      }
    }
  }

  public Shape inputShapeAsShape() {
    return new Shape(inputShape.stream().mapToLong(Integer::longValue).toArray());
  }

  /** The sidecar's layers as graph nodes, in forward order. */
  public List<LayerNode> nodes() {
    List<LayerNode> out = new ArrayList<>();
    for (Layer l : layers) {
      Shape shape = new Shape(l.outputShape().stream().mapToLong(Integer::longValue).toArray());
      GeometryJson g = l.geometry();
      Geometry geometry = g == null || shape.dimension() != 3 ? null
          : new Geometry(g.kernel(), g.stride(), g.padding(), g.dilation());
      out.add(new LayerNode(l.name(), kind(l.kind()), shape, l.parameters(), geometry,
          l.inputs() == null ? List.of() : l.inputs(), null, l.module()));
    }
    return out;
  }

  static LayerKind kind(String k) {
    if (k == null) return LayerKind.OTHER;
    try {
      return LayerKind.valueOf(k.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return LayerKind.OTHER;
    }
  }

  static String firstLine(String s) {
    if (s == null) return "";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
