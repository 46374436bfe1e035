package org.deepfig.analysis;

import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.deepfig.UserError;
import org.deepfig.config.ImageChoice;
import org.deepfig.data.ImageFiles;
import org.deepfig.data.ImageSet;
import org.deepfig.probe.Probe;
import org.deepfig.train.Evaluation;

/**
 * The images an {@code images:} option names, resolved: test images by index, by class or by a rule on the test
 * set's predictions, and image files decoded like the dataset's own. An {@link ImageSet} over them (test images are
 * read when asked for; files are decoded once), with what each figure says about an image: its name, true class
 * (-1 when unknown), predicted class and probability. An image chosen twice is kept once.
 */
public final class ImageSelection implements ImageSet.Picked {
  /**
   * One chosen image.
   *
   * @param id a file-name-safe token, unique in the selection: the test index, or {@code file-STEM} for a file
   * @param testIndex the index in the test set, or -1 for a file
   * @param label the true class, or -1 when unknown (a file whose class is neither given nor its folder's name)
   */
  public record Item(String id, String name, String shortName, int testIndex, Path file, int label, int predicted,
      float confidence) {}

  private final ImageSet test;
  private final List<Item> items;
  private final Map<Integer, float[]> decoded;
  private final List<String> notes;

  private ImageSelection(ImageSet test, List<Item> items, Map<Integer, float[]> decoded, List<String> notes) {
    this.test = test;
    this.items = List.copyOf(items);
    this.decoded = decoded;
    this.notes = List.copyOf(notes);
  }

  /**
   * Resolves {@code choices} for the option {@code option} (e.g. {@code saliency.images}, named in errors).
   *
   * @throws UserError for an index, class or file that does not exist (the pre-flight normally catches these)
   */
  public static ImageSelection resolve(String option, List<ImageChoice> choices, RunContext ctx) {
    ImageSet test = ctx.data().test();
    List<String> classes = ctx.data().classNames();
    Evaluation eval = ctx.testEvaluation();
    int[] labels = new int[test.size()];
    for (int i = 0; i < labels.length; i++) labels[i] = test.label(i);
    List<Item> items = new ArrayList<>();
    Map<Integer, float[]> decoded = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    Set<Integer> seenTest = new HashSet<>();
    Set<Path> seenFiles = new HashSet<>();
    Set<String> ids = new HashSet<>();
    List<float[]> files = new ArrayList<>();
    for (int c = 0; c < choices.size(); c++) {
      ImageChoice choice = choices.get(c);
      String where = "figures: " + option;
      if (choice.isIndex()) {
        int i = choice.index();
        if (i >= test.size()) {
          throw new UserError(where, "test image " + i + " does not exist (the test set has " + test.size() + ")",
              "use indices below " + test.size());
        }
        if (seenTest.add(i)) items.add(testItem(i, labels, eval));
        continue;
      }
      ImageChoice.Selector s = choice.selector();
      int cls = -1;
      if (s.className() != null) {
        cls = classes.indexOf(s.className());
        if (cls < 0) {
          throw new UserError(where, "no class named '" + s.className() + "'",
              "use one of: " + String.join(", ", classes));
        }
      }
      if (s.path() != null) {
        Path file;
        try {
          file = ImageFiles.resolve(ctx.configDir(), ctx.config().data(), s.path());
        } catch (UserError e) {
          throw new UserError(where, e.getMessage(), e.fix());
        }
        if (!seenFiles.add(file)) continue;
        int label = cls >= 0 ? cls : ImageFiles.classFromFolder(file, classes);
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        String id = "file-" + Figure.slug(stem);
        for (int k = 2; !ids.add(id); k++) id = "file-" + Figure.slug(stem) + "-" + k;
        Integer resize = ctx.config().data().resize();
        decoded.put(items.size(), ImageFiles.read(file, test, resize == null ? 0 : resize));
        files.add(decoded.get(items.size()));
        String shortName = stem.length() > 14 ? stem.substring(0, 13) + "…" : stem;
        items.add(new Item(id, s.path(), shortName, -1, file, label, -1, Float.NaN));
        continue;
      }
      int[] picked = pick(s.rule() == null ? null : s.rule().toString(), cls, s.count(), labels, eval.predicted(), eval.confidence(),
          ctx.seed("images " + option, c));
      if (picked.length < s.count()) notes.add(shortfall(s, picked.length, classes));
      for (int i : picked) if (seenTest.add(i)) items.add(testItem(i, labels, eval));
    }
    ImageSelection sel = new ImageSelection(test, items, decoded, notes);
    if (!files.isEmpty()) sel = sel.withFilePredictions(ctx);
    return sel;
  }

  private static Item testItem(int i, int[] labels, Evaluation eval) {
    return new Item(Integer.toString(i), "test image #" + i, "#" + i, i, null, labels[i], eval.predicted()[i],
        eval.confidence()[i]);
  }

  /** The files' predicted classes and probabilities, from one forward pass of the network. */
  private ImageSelection withFilePredictions(RunContext ctx) {
    List<Integer> at = new ArrayList<>(decoded.keySet());
    float[] batch = new float[at.size() * imageLength()];
    for (int i = 0; i < at.size(); i++) System.arraycopy(decoded.get(at.get(i)), 0, batch, i * imageLength(),
        imageLength());
    float[] logits = new Probe(ctx.network(), ctx.manager()).logits(batch, new Shape(at.size(), channels(),
        height(), width()));
    int k = logits.length / at.size();
    List<Item> out = new ArrayList<>(items);
    for (int i = 0; i < at.size(); i++) {
      float[] p = softmax(Arrays.copyOfRange(logits, i * k, (i + 1) * k));
      int best = 0;
      for (int c = 1; c < k; c++) if (p[c] > p[best]) best = c;
      Item it = out.get(at.get(i));
      out.set(at.get(i), new Item(it.id(), it.name(), it.shortName(), -1, it.file(), it.label(), best, p[best]));
    }
    return new ImageSelection(test, out, decoded, notes);
  }

  static float[] softmax(float[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : z) max = Math.max(max, v);
    double sum = 0;
    double[] e = new double[z.length];
    for (int i = 0; i < z.length; i++) sum += e[i] = Math.exp(z[i] - max);
    float[] out = new float[z.length];
    for (int i = 0; i < z.length; i++) out[i] = (float) (e[i] / sum);
    return out;
  }

  /**
   * The test images a rule picks (at most {@code count}), among those of class {@code cls} (-1: all): without a
   * rule the first of the class in test order; {@code most-confident} right predictions by descending probability;
   * {@code most-confident-wrong} wrong ones by descending probability of the wrong class; {@code least-confident}
   * all by ascending probability of the predicted class; {@code random} a seeded draw, in test order. Ties go to the
   * lower index.
   */
  public static int[] pick(String rule, int cls, int count, int[] labels, int[] predicted, float[] confidence,
      long seed) {
    List<Integer> pool = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      if (cls >= 0 && labels[i] != cls) continue;
      if ("most-confident".equals(rule) && predicted[i] != labels[i]) continue;
      if ("most-confident-wrong".equals(rule) && predicted[i] == labels[i]) continue;
      pool.add(i);
    }
    if (rule == null) return first(pool, count);
    switch (rule) {
      case "most-confident", "most-confident-wrong" -> pool.sort((a, b) -> confidence[a] != confidence[b]
          ? Float.compare(confidence[b], confidence[a]) : Integer.compare(a, b));
      case "least-confident" -> pool.sort((a, b) -> confidence[a] != confidence[b]
          ? Float.compare(confidence[a], confidence[b]) : Integer.compare(a, b));
      case "random" -> {
        SplittableRandom r = new SplittableRandom(seed);
        int n = Math.min(count, pool.size());
        for (int i = 0; i < n; i++) {
          int j = i + r.nextInt(pool.size() - i);
          Integer t = pool.get(i);
          pool.set(i, pool.get(j));
          pool.set(j, t);
        }
        int[] out = first(pool, n);
        Arrays.sort(out);
        return out;
      }
      default -> throw new IllegalArgumentException("unknown rule " + rule);
    }
    return first(pool, count);
  }

  private static int[] first(List<Integer> pool, int count) {
    return pool.subList(0, Math.min(count, pool.size())).stream().mapToInt(Integer::intValue).toArray();
  }

  private static String shortfall(ImageChoice.Selector s, int found, List<String> classes) {
    String of = s.className() == null ? "test images" : "test images of class " + s.className();
    String what = s.rule() == null ? of : s.rule() + " among the " + of;
    String why = switch (s.rule() == null ? "" : s.rule().toString()) {
      case "most-confident" -> "only " + found + " of them are classified right";
      case "most-confident-wrong" -> "only " + found + " of them are classified wrong";
      default -> "there are only " + found;
    };
    return String.format(Locale.ROOT, "%s: %d asked for, %d found (%s).", what, s.count(), found, why);
  }

  public List<Item> items() {
    return items;
  }

  public Item item(int i) {
    return items.get(i);
  }

  /** Sentences about entries that found fewer images than they asked for; empty when none. */
  public List<String> notes() {
    return notes;
  }

  /** The notes as one text, or null. */
  public String note() {
    return notes.isEmpty() ? null : String.join(" ", notes);
  }

  /** Whether any image was given as a file. */
  public boolean hasFiles() {
    return !decoded.isEmpty();
  }

  /** The true class's name of image {@code i}, or "unknown class". */
  public String trueName(int i, List<String> classes) {
    int l = items.get(i).label();
    return l < 0 ? "unknown class" : classes.get(l);
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public ImageSet source() {
    return test;
  }

  /** The true class, or -1 when unknown (see {@link Item#label()}). */
  @Override
  public int label(int i) {
    return items.get(i).label();
  }

  @Override
  public void copyImage(int i, float[] dst, int offset) {
    Item it = items.get(i);
    if (it.testIndex() >= 0) test.copyImages(it.testIndex(), it.testIndex() + 1, dst, offset);
    else System.arraycopy(decoded.get(i), 0, dst, offset, imageLength());
  }
}
