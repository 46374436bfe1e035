package org.deepfig.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.deepfig.UserError;
import org.deepfig.config.DataConfig;
import org.deepfig.config.ImageChoice;
import org.deepfig.config.Suggestions;
import org.deepfig.data.ImageFiles;
import org.deepfig.model.Capabilities;
import org.deepfig.model.LayerGraph;
import org.deepfig.model.LayerNode;

/**
 * What a {@code figures:} entry may name, known before any training: the model's layers (the zoo architecture built
 * for the dataset's shape, or an imported model's sidecar) and the dataset's summary (test-set size, class names).
 * {@link AnalysisKind#check} reads it and throws a {@link Mistake} for a layer, test image, channel or class that does
 * not exist; {@code deepfig validate} and {@code deepfig run} turn that into one line at the key's
 * {@code file:line:column}. The checks several kinds share (layer lists, {@code images:}, class names) live here.
 */
public final class References {
  /** A name in an entry's options that does not exist: {@code path} is the key inside the entry ({@code layers, 1}). */
  public static final class Mistake extends RuntimeException {
    private final List<String> path;
    private final String fix;

    Mistake(List<String> path, String message, String fix) {
      super(message);
      this.path = List.copyOf(path);
      this.fix = fix;
    }

    public List<String> path() {
      return path;
    }

    public String fix() {
      return fix;
    }
  }

  private final LayerGraph graph;
  private final int testSize;
  private final List<String> classes;
  private final boolean imported;
  private final Path configDir;
  private final DataConfig data;

  /**
   * @param imported whether the model is a TorchScript file (its graph shows only what the sidecar names)
   * @param configDir the config file's folder, which {@code {path: FILE}} images are relative to
   */
  public References(LayerGraph graph, int testSize, List<String> classes, boolean imported, Path configDir,
      DataConfig data) {
    this.graph = graph;
    this.testSize = testSize;
    this.classes = List.copyOf(classes);
    this.imported = imported;
    this.configDir = configDir;
    this.data = data;
  }

  public LayerGraph graph() {
    return graph;
  }

  public int testSize() {
    return testSize;
  }

  /** The class names figures show ({@code class_names} when given, else the dataset's). */
  public List<String> classes() {
    return classes;
  }

  public boolean imported() {
    return imported;
  }

  /** A mistake at the key {@code path} of the entry (names and list indices, e.g. {@code "units", 2}). */
  public Mistake mistake(String message, String fix, Object... path) {
    List<String> p = new ArrayList<>();
    for (Object o : path) p.add(String.valueOf(o));
    return new Mistake(p, message, fix);
  }

  /**
   * Each of {@code names} (the list at key {@code option}) must be a name {@code accepted} takes; {@code message} has
   * a %s for the name, {@code valid} are the names offered in the fix.
   */
  public void layers(String option, List<String> names, Predicate<String> accepted, String message,
      List<String> valid) {
    if (names == null) return;
    for (int i = 0; i < names.size(); i++) {
      String l = names.get(i);
      if (!accepted.test(l)) throw mistake(String.format(message, l), fix(l, valid), option, i);
    }
  }

  /** The layer at key {@code option} must exist and pass {@code ok} (a spatial layer); {@code valid} those that do. */
  public void spatialLayer(String option, String name, Predicate<LayerNode> ok, List<String> valid) {
    if (!graph.contains(name)) {
      throw mistake("no layer named '" + name + "' in this model", fix(name, graph.names()), option);
    }
    if (!ok.test(graph.layer(name))) {
      throw mistake("'" + name + "' is not a spatial layer of this model", fix(name, valid), option);
    }
  }

  /** Each name of the list at key {@code option} must be a class. */
  public void classNames(String option, List<String> names) {
    if (names == null) return;
    for (int i = 0; i < names.size(); i++) {
      if (!classes.contains(names.get(i))) {
        throw mistake("no class named '" + names.get(i) + "'", classFix(names.get(i), "use some of: "), option, i);
      }
    }
  }

  /**
   * Each entry of the {@code images:} option: an index in the test set, an existing class, a readable file; with
   * {@code needsTrueClass} (saliency's {@code target: true}) a file's true class must be known.
   */
  public void images(List<ImageChoice> images, boolean needsTrueClass) {
    if (images == null) return;
    for (int i = 0; i < images.size(); i++) {
      ImageChoice c = images.get(i);
      if (c.isIndex()) {
        int image = c.index();
        if (image >= testSize) {
          throw mistake("test image " + image + " does not exist (the test set has " + testSize + ")",
              "use indices below " + testSize + ", or raise data.test_size", "images", i);
        }
        continue;
      }
      ImageChoice.Selector s = c.selector();
      if (s.className() != null && !classes.contains(s.className())) {
        throw mistake("no class named '" + s.className() + "'", classFix(s.className(), "use one of: "), "images", i,
            "class");
      }
      if (s.path() != null) {
        Path file;
        try {
          file = ImageFiles.resolve(configDir, data, s.path());
        } catch (UserError e) {
          throw mistake(e.getMessage(), e.fix(), "images", i, "path");
        }
        if (needsTrueClass && s.className() == null && ImageFiles.classFromFolder(file, classes) < 0) {
          throw mistake("the true class of " + s.path() + " is unknown (target: true needs it)",
              "add class: NAME to this entry, or set target: predicted", "images", i, "path");
        }
      }
    }
  }

  /** The spatial layers' names (convolutions, pooling and their activations). */
  public List<String> spatialNames() {
    return names(graph.select(LayerNode::isSpatial));
  }

  /** The convolution layers' names, in model order: the default layers of the kinds that look at channels. */
  public List<String> convNames() {
    return names(graph.ofKind(org.deepfig.model.LayerKind.CONV));
  }

  public static List<String> names(List<LayerNode> nodes) {
    return nodes.stream().map(LayerNode::name).toList();
  }

  /**
   * The fix for a layer name that is not one of {@code valid}: "did you mean" the nearest when the name is not in the
   * model at all (a typo), else the valid names; for an imported model, how to export its layers.
   */
  public String fix(String name, List<String> valid) {
    String use = graph.contains(name) ? null
        : Suggestions.nearest(name, valid).map(s -> "did you mean '" + s + "'?").orElse(null);
    if (use == null) use = "use one of: " + String.join(", ", valid);
    if (!imported) return use;
    String export = Capabilities.EXPORT_FIX;
    return use + "; or " + Character.toLowerCase(export.charAt(0)) + export.substring(1);
  }

  /** The fix for a class name that does not exist: the nearest class, else {@code use} and every class. */
  public String classFix(String name, String use) {
    return Suggestions.nearest(name, classes).map(s -> "did you mean '" + s + "'?")
        .orElse(use + String.join(", ", classes));
  }
}
