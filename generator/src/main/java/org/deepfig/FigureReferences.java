package org.deepfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.deepfig.analysis.activations.ActivationsSpec;
import org.deepfig.analysis.actmax.ActivationMaxSpec;
import org.deepfig.analysis.embedding.EmbeddingSpec;
import org.deepfig.analysis.filters.FiltersSpec;
import org.deepfig.analysis.patches.TopPatchesSpec;
import org.deepfig.analysis.saliency.SaliencySpec;
import org.deepfig.config.DataConfig;
import org.deepfig.config.FigureSpec;
import org.deepfig.config.ImageChoice;
import org.deepfig.data.ImageFiles;
import org.deepfig.model.Capabilities;
import org.deepfig.model.LayerGraph;
import org.deepfig.model.LayerKind;
import org.deepfig.model.LayerNode;

/**
 * The pre-flight check of the {@code figures:} entries: each layer, test image, channel and class an entry names must
 * exist in the model and the dataset. Only what the user wrote is checked; what an analysis picks itself (its default
 * layers) is the analysis's business and, when missing, a note on its figure.
 */
final class FigureReferences {
  private final int testSize;
  private final List<String> classes;
  private final Path configDir;
  private final DataConfig data;
  private final LayerGraph graph;
  private final boolean imported;
  private final ConfigPositions at;
  private List<String> entry; // ["figures", "i"]

  private FigureReferences(int testSize, List<String> classes, LayerGraph graph, boolean imported,
      ConfigPositions at, Path configDir, DataConfig data) {
    this.testSize = testSize;
    this.classes = classes;
    this.configDir = configDir;
    this.data = data;
    this.graph = graph;
    this.imported = imported;
    this.at = at;
  }

  static void check(List<FigureSpec> figures, int testSize, List<String> classes, LayerGraph graph, boolean imported,
      ConfigPositions at, Path configDir, DataConfig data) {
    FigureReferences r = new FigureReferences(testSize, classes, graph, imported, at, configDir, data);
    for (int i = 0; i < figures.size(); i++) {
      r.entry = List.of("figures", Integer.toString(i));
      r.check(figures.get(i));
    }
  }

  private void check(FigureSpec spec) {
    if (spec instanceof ActivationsSpec s) {
      layers("layers", s.layers(), graph::contains, "no layer named '%s' in this model", graph.names());
      images(s.images(), false);
    } else if (spec instanceof SaliencySpec s) {
      images(s.images(), s.target().equals("true"));
      if (!List.of("predicted", "true").contains(s.target()) && !classes.contains(s.target())) {
        throw at.error(key("target"), "no class named '" + s.target() + "'",
            "use predicted, true or one of: " + String.join(", ", classes));
      }
      if (s.gradcamLayer() != null) {
        layer("gradcam_layer", s.gradcamLayer(), LayerNode::isSpatial, spatialNames());
      }
    } else if (spec instanceof EmbeddingSpec s && s.layers() != null) {
      List<String> valid = new ArrayList<>(List.of("input"));
      valid.addAll(graph.names());
      layers("layers", s.layers(), l -> l.equals("input") || graph.contains(l), "no layer named '%s' in this model",
          valid);
    } else if (spec instanceof TopPatchesSpec s) {
      layers("layers", s.layers(), l -> graph.contains(l) && graph.layer(l).isSpatial(),
          "'%s' is not a spatial layer of this model", spatialNames());
      if (s.images() != null) images(s.images(), false);
      if (s.top() == null && s.channels().isList()) patchChannels(s);
    } else if (spec instanceof org.deepfig.analysis.lesion.LesionSpec s) {
      layers("layers", s.layers(), l -> graph.contains(l) && org.deepfig.analysis.lesion.Lesion.ablatable(
          graph.layer(l)), "no layer named '%s' with channels or units in this model",
          org.deepfig.analysis.lesion.Lesion.defaultLayers(graph));
    } else if (spec instanceof FiltersSpec s) {
      filters(s);
    } else if (spec instanceof ActivationMaxSpec s) {
      activationMax(s);
    } else if (spec instanceof org.deepfig.analysis.transfer.TransferSpec s) {
      transfer(s);
    } else if (spec instanceof org.deepfig.analysis.audit.MetricsSpec s && s.classes() != null) {
      for (String c : s.classes()) {
        if (!classes.contains(c)) {
          throw at.error(key("classes"), "no class named '" + c + "'", "use some of: " + String.join(", ", classes));
        }
      }
    }
  }

  /** transfer: the classes of split exist and leave half B some; the cuts are blocks of the zoo model. */
  private void transfer(org.deepfig.analysis.transfer.TransferSpec s) {
    List<String> split = s.split() == null ? List.of() : s.split();
    for (int i = 0; i < split.size(); i++) {
      if (!classes.contains(split.get(i))) {
        throw at.error(key("split", i), "no class named '" + split.get(i) + "'",
            "use some of: " + String.join(", ", classes));
      }
    }
    if (!split.isEmpty() && split.size() >= classes.size()) {
      throw at.error(key("split"), "split names every class, leaving half B empty", "name only the classes of half A");
    }
    if (imported || s.cuts() == null) return; // on an imported model the figure is a sentence saying why not
    int max = org.deepfig.analysis.transfer.Transfer.maxCut(graph);
    for (int i = 0; i < s.cuts().size(); i++) {
      if (s.cuts().get(i) > max) {
        throw at.error(key("cuts", i), "cut " + s.cuts().get(i) + " does not exist: this model has " + max
            + " blocks below its classifier", "use cuts between 1 and " + max);
      }
    }
  }

  private void filters(FiltersSpec s) {
    List<String> convs = names(graph.ofKind(LayerKind.CONV));
    if (s.layer() != null && (!graph.contains(s.layer()) || graph.layer(s.layer()).kind() != LayerKind.CONV)) {
      throw at.error(key("layer"), "'" + s.layer() + "' is not a convolution layer of this model",
          "use one of: " + String.join(", ", convs));
    }
    String layer = s.layer() != null ? s.layer() : convs.isEmpty() ? null : convs.get(0);
    if (s.channel() != null && layer != null && s.channel() >= graph.layer(layer).channels()) {
      int out = graph.layer(layer).channels();
      throw at.error(key("channel"), "channel " + s.channel() + " does not exist: " + layer + " has " + out
          + " output channels (0–" + (out - 1) + ")", "set channel between 0 and " + (out - 1));
    }
  }

  private void activationMax(ActivationMaxSpec s) {
    int available = classes.size();
    if (s.target().equals("channel")) {
      List<String> convs = names(graph.ofKind(LayerKind.CONV));
      String layer = s.layer() != null ? s.layer() : convs.isEmpty() ? null : convs.get(convs.size() - 1);
      if (layer == null || !graph.contains(layer) || !graph.layer(layer).isSpatial()) {
        throw at.error(key(s.layer() != null ? "layer" : "target"), "'" + layer + "' is not a spatial layer of this "
            + "model", "name a convolution layer, e.g. one of: " + String.join(", ", convs));
      }
      available = graph.layer(layer).channels();
    }
    List<Integer> units = s.units() == null ? List.of() : s.units();
    for (int i = 0; i < units.size(); i++) {
      int u = units.get(i);
      if (u < 0 || u >= available) {
        throw at.error(key("units", i), "unit " + u + " does not exist (there are " + available + ")",
            "use units between 0 and " + (available - 1));
      }
    }
  }

  /** Each entry of an images: option: an index in the test set, an existing class, a readable file allowed. */
  private void images(List<ImageChoice> images, boolean needsTrueClass) {
    for (int i = 0; i < images.size(); i++) {
      ImageChoice c = images.get(i);
      if (c.isIndex()) {
        int image = c.index();
        if (image >= testSize) {
          throw at.error(key("images", i), "test image " + image + " does not exist (the test set has " + testSize
              + ")", "use indices below " + testSize + ", or raise data.test_size");
        }
        continue;
      }
      ImageChoice.Selector s = c.selector();
      if (s.className() != null && !classes.contains(s.className())) {
        throw at.error(entryKey(i, "class"), "no class named '" + s.className() + "'",
            "use one of: " + String.join(", ", classes));
      }
      if (s.path() != null) {
        Path file;
        try {
          file = ImageFiles.resolve(configDir, data, s.path());
        } catch (UserError e) {
          throw at.error(entryKey(i, "path"), e.getMessage(), e.fix());
        }
        if (needsTrueClass && s.className() == null && ImageFiles.classFromFolder(file, classes) < 0) {
          throw at.error(entryKey(i, "path"), "the true class of " + s.path() + " is unknown (target: true "
              + "needs it)", "add class: NAME to this entry, or set target: predicted");
        }
      }
    }
  }

  /** Listed top-patches channels must exist in every scanned layer. */
  private void patchChannels(TopPatchesSpec s) {
    List<String> layers = s.layers() != null ? s.layers() : names(graph.ofKind(LayerKind.CONV));
    int most = s.channels().indices().stream().mapToInt(Integer::intValue).max().orElse(0);
    for (String l : layers) {
      if (!graph.contains(l)) continue;
      int c = graph.layer(l).channels();
      if (most >= c) {
        throw at.error(key("channels", s.channels().indices().indexOf(most)), "channel " + most + " does not exist: "
            + l + " has " + c + " channels (0–" + (c - 1) + ")", "list channels between 0 and " + (c - 1)
            + ", or name layers that have them");
      }
    }
  }

  /** Each of {@code names} must be a name {@code accepted} takes; {@code message} has a %s for the name. */
  private void layers(String option, List<String> names, Predicate<String> accepted, String message,
      List<String> valid) {
    if (names == null) return;
    for (int i = 0; i < names.size(); i++) {
      String l = names.get(i);
      if (!accepted.test(l)) {
        throw at.error(key(option, i), String.format(message, l), fix(valid));
      }
    }
  }

  private void layer(String option, String name, Predicate<LayerNode> ok, List<String> valid) {
    if (!graph.contains(name)) {
      throw at.error(key(option), "no layer named '" + name + "' in this model", fix(graph.names()));
    }
    if (!ok.test(graph.layer(name))) {
      throw at.error(key(option), "'" + name + "' is not a spatial layer of this model", fix(valid));
    }
  }

  private String fix(List<String> valid) {
    String use = "use one of: " + String.join(", ", valid);
    if (!imported) return use;
    String export = Capabilities.EXPORT_FIX;
    return use + "; or " + Character.toLowerCase(export.charAt(0)) + export.substring(1);
  }

  private List<String> spatialNames() {
    return names(graph.select(LayerNode::isSpatial));
  }

  private static List<String> names(List<LayerNode> nodes) {
    return nodes.stream().map(LayerNode::name).toList();
  }

  private List<String> entryKey(int i, String field) {
    List<String> path = key("images", i);
    path.add(field);
    return path;
  }

  private List<String> key(String option, int... index) {
    List<String> path = new ArrayList<>(entry);
    path.add(option);
    for (int i : index) path.add(Integer.toString(i));
    return path;
  }
}
