package org.deepfig.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.deepfig.UserError;

/**
 * MNIST and Fashion-MNIST in LeCun's IDX format (gzipped or raw): {@code train-images-idx3-ubyte[.gz]},
 * {@code train-labels-idx1-ubyte[.gz]}, {@code t10k-…}. Magic numbers, sizes and label ranges are checked; a bad
 * file is a {@link UserError} naming it.
 */
public final class IdxDataset {
  static final int IMAGES_MAGIC = 0x00000803;
  static final int LABELS_MAGIC = 0x00000801;
  public static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
      "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
  public static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

  private IdxDataset() {}

  /** Loads both splits; a limit ≤ 0 means all images. */
  public static Dataset load(Path dir, String name, int trainLimit, int testLimit) {
    if (!Files.isDirectory(dir)) {
      throw new UserError(dir.toString(), "dataset folder not found", fixFor(name));
    }
    List<Path> files = new ArrayList<>();
    ArrayImageSet train = split(dir, "train", trainLimit, name, files);
    ArrayImageSet test = split(dir, "t10k", testLimit, name, files);
    return new Dataset(name, name.equals("mnist") ? DIGITS : FASHION_CLASSES, train, test, files);
  }

  private static ArrayImageSet split(Path dir, String prefix, int limit, String name, List<Path> files) {
    Path images = find(dir, prefix + "-images-idx3-ubyte", name);
    Path labels = find(dir, prefix + "-labels-idx1-ubyte", name);
    files.add(images);
    files.add(labels);
    int[] y = readLabels(labels, limit);
    float[][] holder = new float[1][];
    int[] hw = readImages(images, limit, holder);
    if (hw[0] != y.length) {
      throw new UserError(images.toString(), "holds " + hw[0] + " images but " + labels.getFileName() + " holds "
          + y.length + " labels", "use image and label files from the same release");
    }
    return new ArrayImageSet(1, hw[1], hw[2], holder[0], y, null);
  }

  private static Path find(Path dir, String base, String name) {
    for (String candidate : new String[] {base + ".gz", base}) {
      Path p = dir.resolve(candidate);
      if (Files.isRegularFile(p)) return p;
    }
    throw new UserError(dir.resolve(base + ".gz").toString(), "file not found (nor " + base + ")", fixFor(name));
  }

  private static String fixFor(String name) {
    return name.equals("fashion-mnist")
        ? "install Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist) or set data.path"
        : "download the four IDX files of " + name + " into that folder, or set data.path";
  }

  static InputStream open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    raw.mark(2);
    int b1 = raw.read();
    int b2 = raw.read();
    raw.reset();
    return b1 == 0x1f && b2 == 0x8b ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
  }

  static int[] readLabels(Path file, int limit) {
    try (DataInputStream in = new DataInputStream(open(file))) {
      int magic = in.readInt();
      if (magic != LABELS_MAGIC) throw badMagic(file, magic, LABELS_MAGIC);
      int n = in.readInt();
      if (n < 0) throw corrupt(file, "negative label count " + n);
      int count = limit > 0 ? Math.min(limit, n) : n;
      byte[] bytes = new byte[count];
      in.readFully(bytes);
      int[] out = new int[count];
      for (int i = 0; i < count; i++) {
        out[i] = bytes[i] & 0xFF;
        if (out[i] > 9) throw corrupt(file, "label " + out[i] + " at index " + i + " is outside 0..9");
      }
      if (count == n && in.read() != -1) throw corrupt(file, "has bytes after its " + n + " labels");
      return out;
    } catch (EOFException e) {
      throw corrupt(file, "is truncated");
    } catch (ZipException e) {
      throw corrupt(file, "is not a valid gzip file (" + e.getMessage() + ")");
    } catch (NoSuchFileException e) {
      throw new UserError(file.toString(), "file not found", "check data.path");
    } catch (IOException e) {
      throw corrupt(file, "cannot be read: " + e.getMessage());
    }
  }

  /** Returns {n, rows, cols}; the pixels (scaled to [0, 1]) go into {@code out[0]}. */
  static int[] readImages(Path file, int limit, float[][] out) {
    try (DataInputStream in = new DataInputStream(open(file))) {
      int magic = in.readInt();
      if (magic != IMAGES_MAGIC) throw badMagic(file, magic, IMAGES_MAGIC);
      int n = in.readInt();
      int rows = in.readInt();
      int cols = in.readInt();
      if (n < 0 || rows <= 0 || cols <= 0 || rows > 4096 || cols > 4096) {
        throw corrupt(file, "has an impossible size " + n + "×" + rows + "×" + cols);
      }
      int count = limit > 0 ? Math.min(limit, n) : n;
      byte[] bytes = new byte[count * rows * cols];
      in.readFully(bytes);
      float[] px = new float[bytes.length];
      for (int i = 0; i < bytes.length; i++) px[i] = (bytes[i] & 0xFF) / 255f;
      if (count == n && in.read() != -1) throw corrupt(file, "has bytes after its " + n + " images");
      out[0] = px;
      return new int[] {count, rows, cols};
    } catch (EOFException e) {
      throw corrupt(file, "is truncated");
    } catch (ZipException e) {
      throw corrupt(file, "is not a valid gzip file (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw corrupt(file, "cannot be read: " + e.getMessage());
    }
  }

  private static UserError badMagic(Path file, int got, int expected) {
    return corrupt(file, String.format("is not an IDX %s file (magic number 0x%08x, expected 0x%08x)",
        expected == IMAGES_MAGIC ? "image" : "label", got, expected));
  }

  private static UserError corrupt(Path file, String what) {
    return new UserError(file.toString(), what, "re-install or re-download the dataset files");
  }
}
