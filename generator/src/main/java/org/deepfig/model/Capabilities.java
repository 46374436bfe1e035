package org.deepfig.model;

import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import org.deepfig.UserError;

/**
 * What an analysis may ask of a network before it starts: are these layers visible? An imported TorchScript model
 * shows only the layers its export listed, so the answer names the export option that fixes it. Analyses call
 * {@link #requireLayers} for layers the user named (a mistake: {@link UserError}) and {@link #missingNote} for layers
 * they choose themselves (not a mistake: a note on the figure, never a crash or a silent skip).
 */
public final class Capabilities {
  /** The fix for an imported model whose layers are not visible. */
  public static final String EXPORT_FIX = "Re-export it with scripts/export_torchscript.py --layers all (or "
      + "--layers NAME,NAME,…) to make its layers visible (README, 'Bring your own model')";

  private Capabilities() {}

  /** Throws a {@link UserError} naming the visible layers (and, for an imported model, the export fix). */
  public static void requireLayers(Network network, String analysis, Collection<String> layers) {
    List<String> missing = layers.stream().filter(l -> !network.graph().contains(l)).toList();
    if (missing.isEmpty()) return;
    String valid = String.join(", ", network.graph().names());
    String fix = network.imported()
        ? "use one of: " + valid + "; or " + lowerFirst(EXPORT_FIX)
        : "use one of: " + valid;
    throw new UserError(analysis, "no layer named " + String.join(", ", missing) + " in this model", fix);
  }

  /**
   * Null when some layer of the network matches {@code wanted}; otherwise a sentence for {@code Figure.note} saying
   * that {@code analysis} needs {@code what} (e.g. "a convolution layer") and, for an imported model, how to export
   * it so that it has one.
   */
  public static String missingNote(Network network, String analysis, String what, Predicate<LayerNode> wanted) {
    if (!network.graph().select(wanted).isEmpty()) return null;
    String s = analysis + " needs " + what + ", which this model does not show.";
    return network.imported() ? s + " " + EXPORT_FIX + "." : s;
  }

  /** For analyses that read a layer's weights: a note when the network does not expose its layers' blocks. */
  public static String weightsNote(Network network, String analysis, String layer) {
    if (network.layerWeight(layer).isPresent()) return null;
    return analysis + " needs the weights of " + layer + ", which " + (network.imported()
        ? "this TorchScript model does not name as " + layer + ".weight among its parameters; figures from "
            + "activations and gradients still work."
        : "this network does not expose.");
  }

  private static String lowerFirst(String s) {
    return Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
