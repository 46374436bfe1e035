package org.deepfig.analysis.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepfig.UserError;
import org.deepfig.analysis.Figure;
import org.deepfig.analysis.RunContext;
import org.deepfig.config.DataConfig;
import org.deepfig.config.DataSource;
import org.deepfig.config.SlicesConfig;
import org.deepfig.data.ImageSet;

/**
 * Named groups of test images ({@code data.slices}) that the audit figures show beside the whole test set: from a
 * CSV of {@code file,slice} rows, from a sub-folder level of a folder dataset (the folder {@code folder_level} steps
 * below an image's class folder names its slice) or from a rule (brightness).
 *
 * @param names the slices in order (CSV: first appearance; folder level: sorted by name; rule: the configured
 *     groups)
 * @param of each test image's slice index, -1 for an image in none
 */
public record Slices(List<String> names, int[] of) {
  /** One CSV row: its line number, the file (or test index) and the slice name. */
  record Row(int line, String file, String slice) {}

  /** A slice that holds test images: its name and its images. */
  public record Part(String name, int[] members) {
    /** The name with the number of images in brackets, as the slice charts label it. */
    public String label() {
      return name + " (" + members.length + ")";
    }
  }

  /** The slices that hold test images, in order; the names of those that hold none are added to {@code empty}. */
  public List<Part> nonEmpty(List<String> empty) {
    List<Part> out = new ArrayList<>();
    for (int s = 0; s < names.size(); s++) {
      int[] members = members(s);
      if (members.length == 0) empty.add(names.get(s));
      else out.add(new Part(names.get(s), members));
    }
    return out;
  }

  /**
   * {@code figures} with the slices figure {@code figure} makes second, when the config has slices (metrics and
   * calibration); {@code figures} as they are otherwise.
   */
  public static List<Figure> withSliceFigure(RunContext ctx, List<Figure> figures,
      java.util.function.Function<Slices, Figure> figure) {
    Slices slices = of(ctx.config().data(), ctx.configDir(), ctx.data().test());
    if (slices == null) return figures;
    List<Figure> out = new ArrayList<>(figures);
    out.add(1, figure.apply(slices));
    return out;
  }

  /** The test images of slice {@code s}, in image order. */
  public int[] members(int s) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < of.length; i++) if (of[i] == s) out.add(i);
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The slices of the configured test set, or null when the config has none. */
  public static Slices of(DataConfig data, Path configDir, ImageSet test) {
    SlicesConfig s = data.slices();
    if (s == null) return null;
    if (s.rule() != null) return byBrightness(test, s.groups());
    if (s.folderLevel() != null) {
      Path dataDir = configDir.resolve(data.path()).toAbsolutePath().normalize();
      String[] folder = new String[test.size()];
      for (int i = 0; i < test.size(); i++) {
        Path f = test.file(i);
        folder[i] = f == null ? null : folderAt(dataDir, f.toAbsolutePath().normalize(), s.folderLevel());
      }
      return byName(folder);
    }
    Path csv = configDir.resolve(s.csv()).normalize();
    List<Row> rows = read(csv);
    check(csv, rows, data, configDir, test.size());
    Map<String, Integer> index = new LinkedHashMap<>();
    int[] of = new int[test.size()];
    java.util.Arrays.fill(of, -1);
    Map<Path, Integer> byFile = new HashMap<>();
    for (int i = 0; i < test.size(); i++) {
      Path f = test.file(i);
      if (f != null) byFile.put(f.toAbsolutePath().normalize(), i);
    }
    Path dataDir = data.path() == null ? null : configDir.resolve(data.path()).toAbsolutePath().normalize();
    for (Row r : rows) {
      int slice = index.computeIfAbsent(r.slice(), k -> index.size());
      Integer i = data.source() == DataSource.FOLDER ? byFile.get(dataDir.resolve(r.file()).normalize())
          : Integer.valueOf(r.file());
      if (i != null) of[i] = slice; // a file outside the test images used (test_size) is in no slice
    }
    return new Slices(List.copyOf(index.keySet()), of);
  }

  /** Slices named per image (null: in none), the names sorted. */
  static Slices byName(String[] name) {
    List<String> names = java.util.Arrays.stream(name).filter(java.util.Objects::nonNull).distinct().sorted().toList();
    int[] of = new int[name.length];
    for (int i = 0; i < name.length; i++) of[i] = name[i] == null ? -1 : names.indexOf(name[i]);
    return new Slices(names, of);
  }

  /** How many folders below {@code dataDir} the class folders are: 2 with train/ and test/ (test/cat), else 1. */
  static int classDepth(Path dataDir) {
    return Files.isDirectory(dataDir.resolve("train")) && Files.isDirectory(dataDir.resolve("test")) ? 2 : 1;
  }

  /**
   * The name of the folder {@code level} steps below the class folder on the way to {@code file} (level 1:
   * test/cat/indoor/001.png → indoor), or null when the image lies less deep.
   */
  static String folderAt(Path dataDir, Path file, int level) {
    if (!file.startsWith(dataDir)) return null;
    Path r = dataDir.relativize(file);
    int at = classDepth(dataDir) + level - 1;
    return at < r.getNameCount() - 1 ? r.getName(at).toString() : null;
  }

  /** How deep below its class folder the deepest test image lies (0: images directly in the class folders). */
  static int deepestLevel(Path dataDir) {
    Path root = classDepth(dataDir) == 2 ? dataDir.resolve("test") : dataDir;
    int deepest = 0;
    try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!Files.isRegularFile(p) || !(n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg"))) continue;
        // below the root: class folder, then the sub-folders, then the file
        deepest = Math.max(deepest, root.relativize(p).getNameCount() - 2);
      }
    } catch (IOException e) {
      throw new UserError(root.toString(), "cannot be listed: " + e.getMessage(), "check permissions");
    }
    return deepest;
  }

  /**
   * The pre-flight check of {@code data.slices}: a CSV's rows as {@link #check(DataConfig, Path, int)}; a folder
   * level no test image reaches is an error at {@code folderLevelAt} (the config's {@code folder_level} line).
   */
  public static void check(DataConfig data, Path configDir, int testSize, String folderLevelAt) {
    SlicesConfig s = data.slices();
    if (s != null && s.folderLevel() != null) {
      Path dataDir = configDir.resolve(data.path()).toAbsolutePath().normalize();
      int deepest = deepestLevel(dataDir);
      if (deepest < s.folderLevel()) {
        String message = "no test image lies " + s.folderLevel() + (s.folderLevel() == 1 ? " folder" : " folders")
            + " below its class folder in " + dataDir + (deepest == 0 ? " (all are directly in their class folders)"
                : " (the deepest lie " + deepest + " below)");
        String fix = deepest == 0 ? "put the test images into sub-folders of their class folders "
            + "(test/cat/indoor/001.png), or name the slices with a csv" : "set folder_level to at most " + deepest;
        throw new UserError(folderLevelAt, message, fix);
      }
    }
    check(data, configDir, testSize);
  }

  /**
   * The pre-flight check of a slice CSV: every row names a test image that exists (a file under data.path for
   * folder datasets, else a test index below {@code testSize}).
   *
   * @throws UserError at the CSV's line naming the first unknown file
   */
  public static void check(DataConfig data, Path configDir, int testSize) {
    SlicesConfig s = data.slices();
    if (s == null || s.csv() == null) return;
    Path csv = configDir.resolve(s.csv()).normalize();
    check(csv, read(csv), data, configDir, testSize);
  }

  private static void check(Path csv, List<Row> rows, DataConfig data, Path configDir, int testSize) {
    boolean folder = data.source() == DataSource.FOLDER;
    Path dataDir = folder ? configDir.resolve(data.path()).toAbsolutePath().normalize() : null;
    for (Row r : rows) {
      String where = csv + ":" + r.line();
      if (folder) {
        Path f = dataDir.resolve(r.file()).normalize();
        if (!f.startsWith(dataDir) || !Files.isRegularFile(f)) {
          throw new UserError(where, "unknown file '" + r.file() + "': no such image under " + dataDir,
              "give each file as its path relative to data.path, e.g. test/cat/001.png");
        }
      } else {
        int i;
        try {
          i = Integer.parseInt(r.file());
        } catch (NumberFormatException e) {
          throw new UserError(where, "unknown file '" + r.file() + "': a " + data.source().name().toLowerCase()
              + " dataset's test images are named by their index", "give the test image's index, 0 to "
              + (testSize - 1));
        }
        if (i < 0 || i >= testSize) {
          throw new UserError(where, "unknown file '" + r.file() + "': the test set has images 0 to "
              + (testSize - 1), "give a test image index below " + testSize);
        }
      }
    }
  }

  /** The CSV's rows: file,slice per line; blank lines and a header line file,slice skipped. */
  static List<Row> read(Path csv) {
    List<String> lines;
    try {
      lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserError(csv.toString(), "cannot read the slice CSV (" + e.getClass().getSimpleName() + ")",
          "check data.slices.csv (a path relative to the config file)");
    }
    List<Row> rows = new ArrayList<>();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      if (line.isEmpty() || (n == 0 && line.replace(" ", "").equalsIgnoreCase("file,slice"))) continue;
      int comma = line.lastIndexOf(',');
      if (comma <= 0 || comma == line.length() - 1) {
        throw new UserError(csv + ":" + (n + 1), "expected file,slice, got '" + line + "'",
            "write one file,slice pair per line");
      }
      rows.add(new Row(n + 1, line.substring(0, comma).strip(), line.substring(comma + 1).strip()));
    }
    if (rows.isEmpty()) {
      throw new UserError(csv.toString(), "the slice CSV names no image", "add file,slice rows");
    }
    return rows;
  }

  /** Test images by mean pixel value into {@code groups.size()} equally large groups, darkest first. */
  static Slices byBrightness(ImageSet test, List<String> groups) {
    int n = test.size();
    double[] mean = new double[n];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (float v : test.image(i)) sum += v;
      mean[i] = sum / test.imageLength();
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    java.util.Arrays.sort(order, (a, b) -> mean[a] != mean[b] ? Double.compare(mean[a], mean[b]) : a - b);
    int[] of = new int[n];
    for (int r = 0; r < n; r++) of[order[r]] = (int) ((long) r * groups.size() / n);
    return new Slices(groups, of);
  }
}
