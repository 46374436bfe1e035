package org.deepfig.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deepfig.UserError;

/**
 * CIFAR-10 in its binary format: {@code data_batch_1.bin} … {@code data_batch_5.bin} and {@code test_batch.bin},
 * each a sequence of 3,073-byte records (a label byte, then 1,024 red, 1,024 green and 1,024 blue bytes, row-major),
 * with class names from {@code batches.meta.txt}.
 */
public final class Cifar10Dataset {
  static final int SIDE = 32;
  static final int RECORD = 1 + 3 * SIDE * SIDE;
  static final List<String> DEFAULT_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
      "horse", "ship", "truck");
  static final String WHERE_TO_GET = "download https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz, unpack it "
      + "and set data.path to its cifar-10-batches-bin folder";

  private Cifar10Dataset() {}

  public static Dataset load(Path dir, int trainLimit, int testLimit) {
    List<Path> trainFiles = trainFiles(dir);
    Path testFile = testFile(dir);
    List<Path> files = new ArrayList<>(trainFiles);
    files.add(testFile);
    List<String> names = names(dir, files);
    return new Dataset("cifar10", names, read(trainFiles, trainLimit), read(List.of(testFile), testLimit), files);
  }

  /** Classes and split sizes from the files' names and sizes, without reading the records. */
  public static DataSummary summarise(Path dir, int trainLimit, int testLimit) {
    List<Path> trainFiles = trainFiles(dir);
    Path testFile = testFile(dir);
    List<String> names = names(dir, new ArrayList<>());
    return new DataSummary("cifar10", names, 3, SIDE, SIDE, limited(records(trainFiles), trainLimit),
        limited(records(List.of(testFile)), testLimit));
  }

  private static List<Path> trainFiles(Path dir) {
    if (!Files.isDirectory(dir)) throw new UserError(dir.toString(), "CIFAR-10 folder not found", WHERE_TO_GET);
    List<Path> out = new ArrayList<>();
    for (int i = 1; i <= 5; i++) out.add(require(dir.resolve("data_batch_" + i + ".bin")));
    return out;
  }

  private static Path testFile(Path dir) {
    return require(dir.resolve("test_batch.bin"));
  }

  /** The class names of {@code batches.meta.txt} when it lists ten (added to {@code files}), else the defaults. */
  private static List<String> names(Path dir, List<Path> files) {
    Path meta = dir.resolve("batches.meta.txt");
    if (!Files.isRegularFile(meta)) return DEFAULT_NAMES;
    try {
      List<String> lines = Files.readAllLines(meta).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
      files.add(meta);
      return lines.size() == 10 ? lines : DEFAULT_NAMES;
    } catch (IOException e) {
      throw new UserError(meta.toString(), "cannot be read: " + e.getMessage(), WHERE_TO_GET);
    }
  }

  private static int limited(long n, int limit) {
    return (int) (limit > 0 ? Math.min(limit, n) : n);
  }

  private static Path require(Path p) {
    if (!Files.isRegularFile(p)) throw new UserError(p.toString(), "file not found", WHERE_TO_GET);
    return p;
  }

  /** The number of records in {@code files}, each file checked to hold whole records. */
  private static long records(List<Path> files) {
    long total = 0;
    for (Path f : files) {
      long size = size(f);
      if (size == 0 || size % RECORD != 0) {
        throw new UserError(f.toString(), "is corrupt: " + size + " bytes is not a whole number of 3,073-byte "
            + "records", WHERE_TO_GET);
      }
      total += size / RECORD;
    }
    return total;
  }

  static ArrayImageSet read(List<Path> files, int limit) {
    int n = limited(records(files), limit);
    float[] pixels = new float[n * 3 * SIDE * SIDE];
    int[] labels = new int[n];
    int at = 0;
    for (Path f : files) {
      if (at == n) break;
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(f);
      } catch (IOException e) {
        throw new UserError(f.toString(), "cannot be read: " + e.getMessage(), WHERE_TO_GET);
      }
      for (int r = 0; r < bytes.length / RECORD && at < n; r++, at++) {
        int off = r * RECORD;
        int label = bytes[off] & 0xFF;
        if (label > 9) throw new UserError(f.toString(), "record " + r + " has label " + label, WHERE_TO_GET);
        labels[at] = label;
        int base = at * (RECORD - 1);
        for (int i = 0; i < RECORD - 1; i++) pixels[base + i] = (bytes[off + 1 + i] & 0xFF) / 255f;
      }
    }
    return new ArrayImageSet(3, SIDE, SIDE, pixels, labels, null);
  }

  private static long size(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      throw new UserError(f.toString(), "cannot be read: " + e.getMessage(), WHERE_TO_GET);
    }
  }
}
