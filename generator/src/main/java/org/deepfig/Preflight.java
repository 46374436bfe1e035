package org.deepfig;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deepfig.analysis.AnalysisKinds;
import org.deepfig.analysis.References;
import org.deepfig.config.ExperimentConfig;
import org.deepfig.config.FigureSpec;
import org.deepfig.data.DataSummary;
import org.deepfig.data.Datasets;
import org.deepfig.model.Devices;
import org.deepfig.model.LayerGraph;
import org.deepfig.model.LayerKind;
import org.deepfig.model.LayerNode;
import org.deepfig.model.ModelZoo;
import org.deepfig.model.Net;
import org.deepfig.model.TorchScriptSidecar;
import org.deepfig.probe.ConvKernels;

/**
 * The semantic check of a loaded config, made by {@code deepfig validate} and at the start of {@code deepfig run},
 * before any training: what the config refers to must exist. The output folder stays inside the working directory,
 * the templates folder and the model file exist, the dataset's headers are sound (every image of a folder dataset),
 * {@code class_names} has one name per class, and every figure's layers, test images, channels and classes are in the
 * model and the dataset; and, on a CPU whose convolution kernels compute input gradients wrongly in this process,
 * no figure takes gradients. Cheap: headers and sizes are read, a zoo network is built and two tiny convolutions
 * are checked once per machine, but nothing is trained or decoded. The first mistake is a {@link UserError} at the offending key's {@code file:line:column}.
 */
public final class Preflight {
  private final Path configFile;
  private final Path configDir;
  private final ExperimentConfig config;
  private final ConfigPositions at;

  private Preflight(Path configFile, ExperimentConfig config) {
    this.configFile = configFile;
    this.configDir = configFile.toAbsolutePath().getParent();
    this.config = config;
    this.at = new ConfigPositions(configFile);
  }

  /**
   * Checks {@code config}, read from {@code configFile}; {@code outOverride} is {@code --out} (null when not given).
   *
   * @throws UserError naming the first mistake
   */
  public static void check(Path configFile, ExperimentConfig config, Path outOverride) {
    new Preflight(configFile, config).run(outOverride);
  }

  /**
   * As {@link #check(Path, ExperimentConfig, Path)}; {@code cacheRoot} (may be null) keeps the start-up check of the
   * convolution kernels ({@link ConvKernels}) for later runs on this machine.
   */
  public static void check(Path configFile, ExperimentConfig config, Path outOverride, Path cacheRoot) {
    if (cacheRoot != null) ConvKernels.cacheIn(cacheRoot);
    check(configFile, config, outOverride);
  }

  /**
   * What is worth saying but does not stop a run: a model card with fields left out (named, with the line of
   * {@code card:}). One line each, without the {@code warning: } prefix.
   */
  public static List<String> warnings(Path configFile, ExperimentConfig config) {
    List<String> out = new ArrayList<>();
    if (config.card() != null) {
      String w = config.card().warning(new ConfigPositions(configFile).of(List.of("card")));
      if (w != null) out.add(w);
    }
    boolean imported = config.model().file() != null;
    for (int i = 0; i < config.figures().size(); i++) {
      String w = warning(config.figures().get(i), imported);
      if (w != null) out.add(new ConfigPositions(configFile).of(List.of("figures", Integer.toString(i))) + ": " + w);
    }
    return out;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static String warning(FigureSpec spec, boolean imported) {
    org.deepfig.analysis.AnalysisKind kind = AnalysisKinds.forSpec(spec);
    return kind.warning(spec, imported);
  }

  private void run(Path outOverride) {
    outputFolder(outOverride);
    compareBaseline();
    templatesFolder();
    font();
    DataSummary data = Datasets.summarise(config.data(), configDir);
    org.deepfig.analysis.audit.Slices.check(config.data(), configDir, data.testSize(),
        at.of(List.of("data", "slices", "folder_level")));
    List<String> classes = classNames(data);
    if (data.vectors()) vectorData();
    imageData(data.vectors());
    boolean imported = config.model().file() != null;
    LayerGraph graph = imported ? importedGraph(data, classes) : zooGraph(data, classes);
    References refs = new References(graph, data.testSize(), classes, imported, configDir, config.data());
    figureReferences(refs);
    gradientKernels(refs);
  }

  /**
   * Each {@code figures:} entry's own check ({@link org.deepfig.analysis.AnalysisKind#check}): the layers, test
   * images, channels and classes it names exist. The first mistake is an error at its key.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private void figureReferences(References refs) {
    for (int i = 0; i < config.figures().size(); i++) {
      FigureSpec spec = config.figures().get(i);
      org.deepfig.analysis.AnalysisKind kind = AnalysisKinds.forSpec(spec);
      try {
        kind.check(spec, refs);
      } catch (References.Mistake m) {
        List<String> path = new ArrayList<>(List.of("figures", Integer.toString(i)));
        path.addAll(m.path());
        throw at.error(path, m.getMessage(), m.fix());
      }
    }
  }

  /**
   * The figures that take input gradients are refused when this process's convolution kernels compute them wrongly
   * and deepfig cannot route around them (ConvKernels; README, Known problems): never a wrong map.
   */
  private void gradientKernels(References refs) {
    List<FigureSpec> figures = config.figures();
    int first = -1;
    for (int i = 0; i < figures.size() && first < 0; i++) {
      if (takesGradients(figures.get(i), refs)) first = i;
    }
    if (first < 0 || !Device.Type.CPU.equals(Devices.resolve(config.device()).getDeviceType())) return;
    ConvKernels.Verdict v = ConvKernels.verdict();
    if (v.route() != ConvKernels.Route.FAULTY) return;
    String kind = AnalysisKinds.forSpec(figures.get(first)).kind();
    throw at.error(List.of("figures", Integer.toString(first)), ConvKernels.refusalMessage(kind, v),
        ConvKernels.refusalFix());
  }

  /** Whether a figure takes gradients through the network as configured ({@code AnalysisKind.takesGradients}). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static boolean takesGradients(FigureSpec spec, References refs) {
    org.deepfig.analysis.AnalysisKind kind = AnalysisKinds.forSpec(spec);
    return kind.takesGradients(spec, refs);
  }

  /** {@code compare:} names a config file or a report folder (with its manifest.json) that exists. */
  private void compareBaseline() {
    if (config.compare() == null) return;
    Path base = configDir.resolve(config.compare()).normalize();
    boolean ok = Files.isDirectory(base) ? Files.isRegularFile(base.resolve("manifest.json"))
        : Files.isRegularFile(base);
    if (!ok) {
      throw at.error(List.of("compare"), "the baseline '" + config.compare() + "' is neither a config file nor a "
          + "report folder (" + base + ")", "name a config or a folder written by deepfig run, relative to the config");
    }
  }

  /** Vector data (toy2d points) have no pixels: the kinds that draw images refuse them, with their reason. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private void vectorData() {
    for (int i = 0; i < config.figures().size(); i++) {
      FigureSpec spec = config.figures().get(i);
      org.deepfig.analysis.AnalysisKind kind = AnalysisKinds.forSpec(spec);
      String why = kind.needsImages(spec);
      if (why != null) {
        throw at.error(List.of("figures", Integer.toString(i)), "figure kind '" + kind.kind() + "' cannot draw "
            + config.data().source().name().toLowerCase(java.util.Locale.ROOT) + " data: " + why + ", and the "
            + "samples are 2-D points, not images", "remove this entry, or use image data (shapes, idx, cifar10, "
            + "folder)");
      }
    }
  }

  /** The kinds that draw over the plane of toy2d points refuse images; a zoo model other than mlp refuses points. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private void imageData(boolean vectors) {
    if (vectors && config.model().file() == null && config.model().arch() != org.deepfig.config.ModelConfig.Arch.MLP) {
      throw at.error(List.of("model", "arch"), "toy2d points are vectors, and only the mlp architecture takes "
          + "vectors", "set model.arch: mlp");
    }
    if (vectors) return;
    for (int i = 0; i < config.figures().size(); i++) {
      FigureSpec spec = config.figures().get(i);
      org.deepfig.analysis.AnalysisKind kind = AnalysisKinds.forSpec(spec);
      String why = kind.needsPoints(spec);
      if (why != null) {
        throw at.error(List.of("figures", Integer.toString(i)), "figure kind '" + kind.kind() + "' needs toy2d data: "
            + why, "remove this entry, or use data.source: toy2d");
      }
    }
  }

  private void outputFolder(Path outOverride) {
    Path out;
    try {
      out = OutputFolder.resolve(configFile, config.output().dir(), outOverride);
    } catch (UserError e) {
      throw at.error(List.of("output", "dir"), e.getMessage(), e.fix());
    }
    OutputFolder.checkReplaceable(out); // a folder deepfig did not make is refused before any training
  }

  private void templatesFolder() {
    String t = config.output().templates();
    if (t != null && !Files.isDirectory(configDir.resolve(t).normalize())) {
      throw at.error(List.of("output", "templates"), "templates folder not found: "
          + configDir.resolve(t).normalize(), "fix output.templates (a folder relative to the config file's folder)");
    }
    if (t != null) SafeTree.refuseLinksOut(configDir.resolve(t).normalize(), "templates folder");
  }

  private void font() {
    if (config.output().font() == null) return;
    try {
      org.deepfig.render.FontFinder.find(config.output().font(), configDir);
    } catch (IllegalArgumentException e) {
      throw at.error(List.of("output", "font"), e.getMessage(), "fix output.font or leave it out for DejaVu Sans");
    }
  }

  private List<String> classNames(DataSummary data) {
    List<String> names = config.data().classNames();
    if (names == null) return data.classNames();
    if (names.size() != data.numClasses()) {
      throw at.error(List.of("data", "class_names"), "class_names lists " + names.size() + " names but "
          + data.name() + " has " + data.numClasses() + " classes", "give exactly one name per class, in label order");
    }
    return names;
  }

  /** The zoo network's graph, built for the dataset's images as training would build it (not trained). */
  private LayerGraph zooGraph(DataSummary data, List<String> classes) {
    Shape input = data.vectors() ? new Shape(data.channels()) : new Shape(data.channels(), data.height(), data.width());
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Net net = ModelZoo.create(config.model(), input, classes, config.data().meanFloats(),
          config.data().stdFloats());
      net.initialize(m, DataType.FLOAT32, new Shape(1).addAll(input));
      return net.graph();
    }
  }

  /**
   * An imported model's graph as {@code TorchScriptNetwork} shows it: the sidecar's layers, then the logits unless
   * the sidecar names one of its layers as the logits; without a sidecar, the logits only.
   */
  private LayerGraph importedGraph(DataSummary data, List<String> classes) {
    Path file = configDir.resolve(config.model().file()).normalize();
    if (!Files.isRegularFile(file)) {
      throw at.error(List.of("model", "file"), "model file not found: " + file,
          "check model.file (a path relative to the config file's folder)");
    }
    Path sidecarFile = TorchScriptSidecar.pathFor(file);
    TorchScriptSidecar sidecar = Files.isRegularFile(sidecarFile) ? TorchScriptSidecar.read(sidecarFile) : null;
    List<LayerNode> layers = new ArrayList<>(sidecar == null ? List.of() : sidecar.nodes());
    if (sidecar == null || layers.stream().noneMatch(l -> l.name().equals(sidecar.logitsLayer()))) {
      List<String> in = layers.isEmpty() ? List.of() : List.of(layers.get(layers.size() - 1).name());
      layers.add(new LayerNode("logits", LayerKind.OTHER, new Shape(classes.size()), 0, null, in, null));
    }
    Shape input = sidecar != null ? sidecar.inputShapeAsShape()
        : new Shape(data.channels(), data.height(), data.width());
    return new LayerGraph(input, layers);
  }
}
