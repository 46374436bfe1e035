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
    if (!Files.isDirectory(dir)) throw new UserError(dir.toString(), "CIFAR-10 folder not found", WHERE_TO_GET);
    List<Path> files = new ArrayList<>();
    List<Path> trainFiles = new ArrayList<>();
    for (int i = 1; i <= 5; i++) trainFiles.add(require(dir.resolve("data_batch_" + i + ".bin")));
    Path testFile = require(dir.resolve("test_batch.bin"));
    files.addAll(trainFiles);
    files.add(testFile);
    List<String> names = DEFAULT_NAMES;
    Path meta = dir.resolve("batches.meta.txt");
    if (Files.isRegularFile(meta)) {
      try {
        List<String> lines = Files.readAllLines(meta).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.size() == 10) names = lines;
        files.add(meta);
      } catch (IOException e) {
        throw new UserError(meta.toString(), "cannot be read: " + e.getMessage(), WHERE_TO_GET);
      }
    }
    return new Dataset("cifar10", names, read(trainFiles, trainLimit), read(List.of(testFile), testLimit), files);
  }

  private static Path require(Path p) {
    if (!Files.isRegularFile(p)) throw new UserError(p.toString(), "file not found", WHERE_TO_GET);
    return p;
  }

  static ArrayImageSet read(List<Path> files, int limit) {
    long total = 0;
    for (Path f : files) {
      long size = size(f);
      if (size == 0 || size % RECORD != 0) {
        throw new UserError(f.toString(), "is corrupt: " + size + " bytes is not a whole number of 3,073-byte "
            + "records", WHERE_TO_GET);
      }
      total += size / RECORD;
    }
    int n = (int) (limit > 0 ? Math.min(limit, total) : total);
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
