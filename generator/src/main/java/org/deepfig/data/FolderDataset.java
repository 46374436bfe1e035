package org.deepfig.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.deepfig.UserError;
import org.deepfig.config.Seeds;

/**
 * Images in one sub-folder per class (PNG or JPEG), or in {@code train/} and {@code test/} folders each holding
 * class sub-folders. Class names are the sub-folder names, sorted. Images are decoded when a batch asks for them
 * (a folder of 100,000 images is never held in memory), resized to a square side by area averaging (Java2D's
 * bilinear scaling with progressive halving) and converted to grey or RGB.
 */
public final class FolderDataset {
  private FolderDataset() {}

  public static Dataset load(Path dir, int imageSize, int channels, double testFraction, long seed) {
    return load(dir, imageSize, channels, testFraction, seed, 0, 0);
  }

  /**
   * As {@link #load(Path, int, int, double, long)}, keeping at most {@code trainLimit} / {@code testLimit} images
   * of each split (0 = all): a seeded random subset, listed in file order.
   */
  public static Dataset load(Path dir, int imageSize, int channels, double testFraction, long seed, int trainLimit,
      int testLimit) {
    return load(dir, imageSize, channels, testFraction, seed, trainLimit, testLimit, null, 0);
  }

  /**
   * As above, with {@code classList} (null: the sub-folders are the classes) naming the model's classes: each
   * sub-folder is then the class of its name (an ImageNet-style folder holding some of 1,000 classes), and
   * {@code resize} (0: scale the whole image to the square) the side the shorter edge is scaled to before the
   * centre {@code imageSize} square is cropped.
   */
  public static Dataset load(Path dir, int imageSize, int channels, double testFraction, long seed, int trainLimit,
      int testLimit, List<String> classList, int resize) {
    Limits limits = new Limits(trainLimit, testLimit, seed);
    if (!Files.isDirectory(dir)) {
      throw new UserError(dir.toString(), "image folder not found", "set data.path to a folder with one "
          + "sub-folder of images per class");
    }
    if (Files.isDirectory(dir.resolve("train")) && Files.isDirectory(dir.resolve("test"))) {
      List<String> names = classList != null ? listed(dir.resolve("train"), classList)
          : classes(dir.resolve("train"));
      if (classList != null) listed(dir.resolve("test"), classList);
      else requireTrainedClasses(dir.resolve("test"), names);
      List<Item> train = items(dir.resolve("train"), names);
      List<Item> test = items(dir.resolve("test"), names);
      return dataset(dir, names, limits.train(train), limits.test(test), imageSize, channels, resize);
    }
    List<String> names = classList != null ? listed(dir, classList) : classes(dir);
    List<Item> all = items(dir, names);
    // a seeded split, stratified per class, so the test share of each class is the same
    List<Item> train = new ArrayList<>();
    List<Item> test = new ArrayList<>();
    for (int c = 0; c < names.size(); c++) {
      List<Item> of = new ArrayList<>();
      for (Item i : all) if (i.label() == c) of.add(i);
      Collections.shuffle(of, new Random(Seeds.derive(seed, "folder-split", c)));
      int nTest = (int) Math.round(of.size() * testFraction);
      test.addAll(of.subList(0, nTest));
      train.addAll(of.subList(nTest, of.size()));
    }
    return dataset(dir, names, limits.train(train), limits.test(test), imageSize, channels, resize);
  }

  /** {@code classList}, after checking that every sub-folder of {@code dir} is named in it. */
  private static List<String> listed(Path dir, List<String> classList) {
    java.util.Set<String> known = new java.util.HashSet<>(classList);
    for (String f : subFolders(dir)) {
      if (!known.contains(f)) {
        throw new UserError(dir.resolve(f).toString(), "the folder '" + f + "' names no class of "
            + "data.class_names_file", "rename the folder to one of the file's class names (e.g. '"
            + classList.get(0) + "'), or add the name to the file");
      }
    }
    return classList;
  }

  record Item(Path file, int label) {}

  /** data.train_size / data.test_size for a folder: a seeded random subset of each split, kept in file order. */
  record Limits(int trainLimit, int testLimit, long seed) {
    List<Item> train(List<Item> items) {
      return limit(items, trainLimit, Seeds.derive(seed, "folder-train-size", 0));
    }

    List<Item> test(List<Item> items) {
      return limit(items, testLimit, Seeds.derive(seed, "folder-test-size", 0));
    }

    private static List<Item> limit(List<Item> items, int n, long seed) {
      if (n <= 0 || n >= items.size()) return items;
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) order.add(i);
      Collections.shuffle(order, new Random(seed));
      List<Integer> kept = new ArrayList<>(order.subList(0, n));
      Collections.sort(kept);
      List<Item> out = new ArrayList<>();
      for (int i : kept) out.add(items.get(i));
      return out;
    }
  }

  private static Dataset dataset(Path dir, List<String> names, List<Item> train, List<Item> test, int side,
      int channels, int resize) {
    if (train.isEmpty() || test.isEmpty()) {
      throw new UserError(dir.toString(), "needs images for both training and testing (found " + train.size()
          + " and " + test.size() + ")", "add images, or lower/raise data.test_fraction");
    }
    List<Path> files = new ArrayList<>();
    train.forEach(i -> files.add(i.file()));
    test.forEach(i -> files.add(i.file()));
    return new Dataset(dir.getFileName().toString(), names, new LazySet(train, side, channels, resize),
        new LazySet(test, side, channels, resize), files);
  }

  /** A class only in test/ would be evaluated on a model that never learnt it: refused, not dropped. */
  private static void requireTrainedClasses(Path testDir, List<String> trainClasses) {
    List<String> extra = new ArrayList<>(subFolders(testDir));
    extra.removeAll(trainClasses);
    extra.removeIf(c -> !hasImages(testDir.resolve(c)));
    if (!extra.isEmpty()) {
      throw new UserError(testDir.toString(), "class '" + extra.get(0) + "' has test images but no training folder "
          + "(the model could never predict it)", "add train/" + extra.get(0) + " with training images, or remove "
          + "test/" + extra.get(0));
    }
  }

  private static boolean hasImages(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(FolderDataset::isImage);
    } catch (IOException e) {
      throw new UserError(dir.toString(), "cannot be listed: " + e.getMessage(), "check permissions");
    }
  }

  /**
   * Reads every image's header (format and size, not its pixels) in path order and names the first file that is not
   * a readable PNG or JPEG, so a corrupt file stops the run before training rather than an epoch into it.
   */
  public static void checkHeaders(List<Path> files) {
    for (Path f : files.stream().sorted().toList()) {
      if (!readableHeader(f)) {
        throw new UserError(f.toString(), "is not a readable PNG or JPEG image", "remove or replace the file");
      }
    }
  }

  /** Whether {@code file} has a readable PNG or JPEG header with a positive size (its pixels are not decoded). */
  public static boolean readableHeader(Path file) {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) return false;
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) return false;
      ImageReader r = readers.next();
      try {
        r.setInput(in, true, true);
        return r.getWidth(0) > 0 && r.getHeight(0) > 0;
      } finally {
        r.dispose();
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static List<String> subFolders(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
          .sorted().toList();
    } catch (IOException e) {
      throw new UserError(dir.toString(), "cannot be listed: " + e.getMessage(), "check permissions");
    }
  }

  private static List<String> classes(Path dir) {
    List<String> names = subFolders(dir);
    if (names.size() < 2) {
      throw new UserError(dir.toString(), "has " + names.size() + " class sub-folders",
          "put the images of each class in its own sub-folder (at least two classes)");
    }
    return names;
  }

  private static List<Item> items(Path dir, List<String> names) {
    List<Item> out = new ArrayList<>();
    for (int c = 0; c < names.size(); c++) {
      Path sub = dir.resolve(names.get(c));
      if (!Files.isDirectory(sub)) continue;
      // images in sub-folders of a class folder belong to it too, as in torchvision's ImageFolder (their folders
      // can name slices: data.slices.folder_level); hidden folders are skipped
      try (Stream<Path> s = Files.walk(sub)) {
        int label = c;
        s.filter(p -> !hidden(sub.relativize(p))).filter(FolderDataset::isImage).sorted()
            .forEach(p -> out.add(new Item(p, label)));
      } catch (IOException e) {
        throw new UserError(sub.toString(), "cannot be listed: " + e.getMessage(), "check permissions");
      }
    }
    return out;
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) if (part.toString().startsWith(".")) return true;
    return false;
  }

  static boolean isImage(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(p) && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg"));
  }

  /**
   * Decodes one image file as the folder dataset does: resized to {@code side}×{@code side} by area averaging and
   * converted to grey (1 channel) or RGB (3), values in [0, 1], C×H×W into {@code dst} at {@code off}. Any image a
   * config names by path goes through here, so it is preprocessed exactly like the dataset's own images.
   */
  public static void readImage(Path file, int side, int channels, float[] dst, int off) {
    readImage(file, side, channels, 0, dst, off);
  }

  /**
   * As {@link #readImage(Path, int, int, float[], int)}; {@code resize} &gt; 0 scales the shorter side to it (aspect
   * kept) and takes the centre side × side square, as ImageNet preprocessing does.
   */
  public static void readImage(Path file, int side, int channels, int resize, float[] dst, int off) {
    BufferedImage src;
    try {
      src = ImageIO.read(file.toFile());
    } catch (IOException e) {
      src = null;
    }
    if (src == null) {
      throw new UserError(file.toString(), "is not a readable PNG or JPEG image", "remove or replace the file");
    }
    int sw = side;
    int sh = side;
    if (resize > 0) {
      double f = (double) resize / Math.min(src.getWidth(), src.getHeight());
      sw = Math.max(side, (int) Math.round(src.getWidth() * f));
      sh = Math.max(side, (int) Math.round(src.getHeight() * f));
    }
    BufferedImage scaled = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scaled.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.drawImage(src.getScaledInstance(sw, sh, java.awt.Image.SCALE_AREA_AVERAGING), -(sw - side) / 2,
        -(sh - side) / 2, null);
    g.dispose();
    int hw = side * side;
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        int rgb = scaled.getRGB(x, y);
        float r = ((rgb >> 16) & 0xFF) / 255f;
        float gg = ((rgb >> 8) & 0xFF) / 255f;
        float b = (rgb & 0xFF) / 255f;
        int p = y * side + x;
        if (channels == 1) {
          dst[off + p] = 0.299f * r + 0.587f * gg + 0.114f * b;
        } else {
          dst[off + p] = r;
          dst[off + hw + p] = gg;
          dst[off + 2 * hw + p] = b;
        }
      }
    }
  }

  /** Decodes on demand. */
  static final class LazySet implements ImageSet.ImageByImage {
    private final List<Item> items;
    private final int side;
    private final int channels;
    private final int resize;

    LazySet(List<Item> items, int side, int channels, int resize) {
      this.items = List.copyOf(items);
      this.side = side;
      this.channels = channels;
      this.resize = resize;
    }

    @Override
    public int size() {
      return items.size();
    }

    @Override
    public Path file(int i) {
      return items.get(i).file();
    }

    @Override
    public int channels() {
      return channels;
    }

    @Override
    public int height() {
      return side;
    }

    @Override
    public int width() {
      return side;
    }

    @Override
    public int label(int i) {
      return items.get(i).label();
    }

    @Override
    public void copyImage(int i, float[] dst, int offset) {
      readImage(items.get(i).file(), side, channels, resize, dst, offset);
    }

    /** The images of a batch are decoded in parallel: decoding, not copying, is what takes the time. */
    @Override
    public void copyImages(int from, int to, float[] dst, int offset) {
      int len = imageLength();
      java.util.stream.IntStream.range(from, to).parallel()
          .forEach(i -> copyImage(i, dst, offset + (i - from) * len));
    }
  }
}
