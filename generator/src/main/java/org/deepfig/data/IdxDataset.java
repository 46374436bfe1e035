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

  /**
   * The dataset's classes, image shape and split sizes from the four files' headers, each checked against its file's
   * size; no pixel is read.
   */
  public static DataSummary summarise(Path dir, String name, int trainLimit, int testLimit) {
    if (!Files.isDirectory(dir)) {
      throw new UserError(dir.toString(), "dataset folder not found", fixFor(name));
    }
    int[] train = splitHeader(dir, "train", name);
    int[] test = splitHeader(dir, "t10k", name);
    return new DataSummary(name, name.equals("mnist") ? DIGITS : FASHION_CLASSES, 1, train[1], train[2],
        limited(train[0], trainLimit), limited(test[0], testLimit));
  }

  private static int limited(int n, int limit) {
    return limit > 0 ? Math.min(limit, n) : n;
  }

  /** {n, rows, cols} of a split, its image and label files agreeing on n. */
  private static int[] splitHeader(Path dir, String prefix, String name) {
    Path images = find(dir, prefix + "-images-idx3-ubyte", name);
    Path labels = find(dir, prefix + "-labels-idx1-ubyte", name);
    int[] y = header(labels, LABELS_MAGIC, 0);
    int[] x = header(images, IMAGES_MAGIC, 2);
    if (x[0] != y[0]) {
      throw new UserError(images.toString(), "holds " + x[0] + " images but " + labels.getFileName() + " holds "
          + y[0] + " labels", "use image and label files from the same release");
    }
    return x;
  }

  /** Reads and checks an IDX header: {count, dims…}. */
  private static int[] header(Path file, int magic, int dims) {
    try (DataInputStream in = new DataInputStream(open(file))) {
      return readHeader(in, file, magic, dims);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /**
   * The magic number, the count and {@code dims} sizes, checked against the file's size before anything is allocated
   * for them: a header's count is read from the file, and a corrupt one must not become a huge allocation.
   */
  private static int[] readHeader(DataInputStream in, Path file, int magic, int dims) throws IOException {
    int got = in.readInt();
    if (got != magic) throw badMagic(file, got, magic);
    int[] h = new int[1 + dims];
    for (int i = 0; i < h.length; i++) h[i] = in.readInt();
    long item = 1;
    for (int i = 1; i < h.length; i++) {
      if (h[i] <= 0 || h[i] > 4096) throw corrupt(file, "has an impossible size " + sizeText(h));
      item *= h[i];
    }
    if (h[0] < 0) throw corrupt(file, "has a negative count " + h[0]);
    long expected = 4L * (2 + dims) + h[0] * item;
    boolean gzip = isGzip(file);
    long actual = gzip ? gzipContentSize(file) : Files.size(file);
    // gzip records the uncompressed size modulo 2^32 (RFC 1952, ISIZE)
    if (gzip ? (expected & 0xFFFFFFFFL) != actual : expected != actual) {
      throw corrupt(file, "the header's count " + h[0] + " disagrees with the file size: " + sizeText(h) + " needs "
          + expected + " bytes, the file holds " + actual + (gzip ? " uncompressed" : "")
          + " (truncated or corrupt)");
    }
    return h;
  }

  private static String sizeText(int[] h) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < h.length; i++) sb.append(i > 0 ? "×" : "").append(h[i]);
    return sb.toString();
  }

  private static boolean isGzip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }

  /** The last four bytes of a gzip file: the uncompressed size modulo 2^32, little-endian. */
  private static long gzipContentSize(Path file) throws IOException {
    try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(file)) {
      if (ch.size() < 18) throw new ZipException("too short for a gzip file");
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      ch.position(ch.size() - 4);
      while (b.hasRemaining()) {
        if (ch.read(b) < 0) throw new EOFException();
      }
      return b.flip().getInt() & 0xFFFFFFFFL;
    }
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
      int n = readHeader(in, file, LABELS_MAGIC, 0)[0];
      int count = limited(n, limit);
      byte[] bytes = new byte[count];
      in.readFully(bytes);
      int[] out = new int[count];
      for (int i = 0; i < count; i++) {
        out[i] = bytes[i] & 0xFF;
        if (out[i] > 9) throw corrupt(file, "label " + out[i] + " at index " + i + " is outside 0..9");
      }
      if (count == n && in.read() != -1) throw corrupt(file, "has bytes after its " + n + " labels");
      return out;
    } catch (NoSuchFileException e) {
      throw new UserError(file.toString(), "file not found", "check data.path");
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /** Returns {n, rows, cols}; the pixels (scaled to [0, 1]) go into {@code out[0]}. */
  static int[] readImages(Path file, int limit, float[][] out) {
    try (DataInputStream in = new DataInputStream(open(file))) {
      int[] h = readHeader(in, file, IMAGES_MAGIC, 2);
      int n = h[0];
      int rows = h[1];
      int cols = h[2];
      int count = limited(n, limit);
      if ((long) count * rows * cols > Integer.MAX_VALUE - 8) {
        throw corrupt(file, "holds more pixels than one array can (" + sizeText(h) + ")");
      }
      byte[] bytes = new byte[count * rows * cols];
      in.readFully(bytes);
      float[] px = new float[bytes.length];
      for (int i = 0; i < bytes.length; i++) px[i] = (bytes[i] & 0xFF) / 255f;
      if (count == n && in.read() != -1) throw corrupt(file, "has bytes after its " + n + " images");
      out[0] = px;
      return new int[] {count, rows, cols};
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /** What a failed read of an IDX file means to the user: truncated, not gzip, or unreadable. */
  private static UserError unreadable(Path file, IOException e) {
    if (e instanceof EOFException) return corrupt(file, "is truncated");
    if (e instanceof ZipException) return corrupt(file, "is not a valid gzip file (" + e.getMessage() + ")");
    return corrupt(file, "cannot be read: " + e.getMessage());
  }

  private static UserError badMagic(Path file, int got, int expected) {
    return corrupt(file, String.format("is not an IDX %s file (magic number 0x%08x, expected 0x%08x)",
        expected == IMAGES_MAGIC ? "image" : "label", got, expected));
  }

  private static UserError corrupt(Path file, String what) {
    return new UserError(file.toString(), what, "re-install or re-download the dataset files");
  }
}
