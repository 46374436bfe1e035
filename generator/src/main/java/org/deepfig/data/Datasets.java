package org.deepfig.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepfig.UserError;
import org.deepfig.config.DataConfig;

/** Opens the dataset a config names. Relative paths are relative to the config file's folder. */
public final class Datasets {
  public static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  private Datasets() {}

  public static Dataset load(DataConfig cfg, Path configDir, long seed) {
    Dataset d = switch (cfg.source()) {
      case SHAPES -> ShapesDataset.generate(seed, cfg.trainSize(), cfg.testSize(), cfg.imageSize());
      case IDX -> IdxDataset.load(idxDir(cfg, configDir), cfg.name(), cfg.trainSize(), cfg.testSize());
      case CIFAR10 -> Cifar10Dataset.load(resolve(configDir, cfg.path()), cfg.trainSize(), cfg.testSize());
      case FOLDER -> FolderDataset.load(resolve(configDir, cfg.path()), cfg.imageSize(), cfg.channels(),
          cfg.testFraction(), seed, cfg.trainSize(), cfg.testSize(), classList(cfg, configDir),
          cfg.resize() == null ? 0 : cfg.resize());
      case TOY2D -> Toy2dDataset.generate(cfg.name(), seed, cfg.trainSize(), cfg.testSize(), cfg.noise(),
          cfg.features());
    };
    if (cfg.classNamesFile() != null && cfg.source() != org.deepfig.config.DataSource.FOLDER) {
      return withClassNames(d, classList(cfg, configDir), "data.class_names_file");
    }
    return withClassNames(d, cfg.classNames(), "data.class_names");
  }

  /**
   * The names in {@code data.class_names_file} (one per line, UTF-8, the trailing newline optional), or null when
   * the config names none. A name may not repeat or be blank: a folder's sub-folder would be ambiguous.
   */
  static List<String> classList(DataConfig cfg, Path configDir) {
    if (cfg.classNamesFile() == null) return null;
    Path file = resolve(configDir, cfg.classNamesFile());
    List<String> lines;
    try {
      lines = Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UserError(file.toString(), "class names file not found", "check data.class_names_file (relative "
          + "to the config's folder)");
    } catch (java.io.IOException e) {
      throw new UserError(file.toString(), "cannot be read as UTF-8 text: " + e.getMessage(),
          "give a text file with one class name per line");
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String n = lines.get(i).strip();
      if (n.isEmpty() || !seen.add(n)) {
        throw new UserError(file + ":" + (i + 1), n.isEmpty() ? "blank class name" : "class name '" + n
            + "' repeats", "one distinct name per line, in the model's output order");
      }
      lines.set(i, n);
    }
    if (lines.size() < 2) {
      throw new UserError(file.toString(), "lists " + lines.size() + " class names", "list at least two classes");
    }
    return List.copyOf(lines);
  }

  /**
   * The dataset a config names, as far as can be known without decoding it: IDX and CIFAR-10 headers and sizes,
   * shapes from the config, a folder's listing with every image's header read. Throws what {@link #load} would
   * throw for a missing or corrupt dataset, before any training. Class names are the dataset's own.
   */
  public static DataSummary summarise(DataConfig cfg, Path configDir) {
    return switch (cfg.source()) {
      case SHAPES -> new DataSummary("shapes", ShapesDataset.CLASS_NAMES, 3, cfg.imageSize(), cfg.imageSize(),
          cfg.trainSize(), cfg.testSize());
      case IDX -> IdxDataset.summarise(idxDir(cfg, configDir), cfg.name(), cfg.trainSize(), cfg.testSize());
      case CIFAR10 -> Cifar10Dataset.summarise(resolve(configDir, cfg.path()), cfg.trainSize(), cfg.testSize());
      case TOY2D -> new DataSummary("toy2d:" + cfg.name(), Toy2dDataset.CLASS_NAMES, cfg.features().size(), 1, 1,
          cfg.trainSize(), cfg.testSize(), true);
      case FOLDER -> {
        // the seed only picks a subset; the headers of every listed file are read, whatever the subset
        Dataset d = FolderDataset.load(resolve(configDir, cfg.path()), cfg.imageSize(), cfg.channels(),
            cfg.testFraction(), 0, 0, 0, classList(cfg, configDir), cfg.resize() == null ? 0 : cfg.resize());
        FolderDataset.checkHeaders(d.sourceFiles());
        yield new DataSummary(d.name(), d.classNames(), cfg.channels(), cfg.imageSize(), cfg.imageSize(),
            limited(d.train().size(), cfg.trainSize()), limited(d.test().size(), cfg.testSize()));
      }
    };
  }

  /** The folder a dataset is read from (data.path, or the default IDX location), or null for generated data. */
  public static Path folder(DataConfig cfg, Path configDir) {
    if (cfg.path() != null) return resolve(configDir, cfg.path());
    if (cfg.source() == org.deepfig.config.DataSource.IDX && cfg.name().equals("fashion-mnist")) return FASHION_MNIST;
    return null;
  }

  private static int limited(int n, int limit) {
    return limit > 0 ? Math.min(limit, n) : n;
  }

  private static Path idxDir(DataConfig cfg, Path configDir) {
    if (cfg.path() != null) return resolve(configDir, cfg.path());
    if (cfg.name().equals("fashion-mnist")) return FASHION_MNIST;
    throw new UserError("data.path", "no default location for " + cfg.name(),
        "set data.path to the folder with the IDX files");
  }

  private static Path resolve(Path configDir, String path) {
    Path p = Path.of(path);
    return p.isAbsolute() ? p : configDir.resolve(p).normalize();
  }

  private static Dataset withClassNames(Dataset d, List<String> names, String key) {
    if (names == null) return d;
    if (names.size() != d.numClasses()) {
      throw new UserError(key, key.substring(5) + " lists " + names.size() + " names but " + d.name()
          + " has " + d.numClasses() + " classes", "give exactly one name per class, in label order");
    }
    return new Dataset(d.name(), names, d.train(), d.test(), d.sourceFiles());
  }

  static boolean exists(Path p) {
    return Files.exists(p);
  }
}
