package org.deepfig.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deepfig.OutputFolder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Compares a report folder with the manifest written beside it and with a fresh re-run of that manifest's config:
 * every file the manifest lists (was it edited? does the re-run write the same bytes, and how far apart are they
 * when not?), every file in the folder it does not list, and the manifest itself against the re-run's.
 */
public final class Verifier {
  public static final String MANIFEST = "manifest.json";

  /**
   * Manifest fields that say where a run happened rather than what it produced: the re-run records its own, so they
   * are noted when they differ ({@link #environmentNotes}), not compared. {@code /files} is compared file by file.
   */
  static final Set<String> NOT_COMPARED = Set.of("/versions", "/device", "/git_commit", "/checkpoint/cache_key",
      "/checkpoint/inputs", "/files");

  private static final Set<String> TEXT = Set.of("html", "htm", "css", "svg", "json", "txt", "js", "csv", "md");
  private static final int MAX_FIELDS_SHOWN = 3;

  /** What a file's check found. */
  public enum Verdict {
    IDENTICAL("identical"), DIFFERS("DIFFERS"), UNLISTED("UNLISTED"), MISSING("MISSING");

    private final String label;

    Verdict(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * One file's verdict.
   *
   * @param figure the id of the figure the file belongs to, or {@code -}
   * @param detail why it differs, or a qualification of {@code identical}; empty when there is nothing to add
   */
  public record Check(String figure, String path, Verdict verdict, String detail) {
    public boolean identical() {
      return verdict == Verdict.IDENTICAL;
    }
  }

  /**
   * Whether an HTML page is the re-run's with only a site's navigation bar added ({@code deepfig site} adds one to
   * each experiment page it copies); the site builder knows its bar, so the caller passes its check in.
   */
  @FunctionalInterface
  public interface Pages {
    /** No page is taken for the re-run's unless it has the same bytes. */
    Pages SAME_BYTES_ONLY = (page, fresh) -> false;

    boolean onlyNavigationAdded(String page, String fresh);
  }

  private Verifier() {}

  /** Files of every figure in a manifest: figure id → (relative path → sha256). */
  public static Map<String, Map<String, String>> figureFiles(JsonNode manifest) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (JsonNode f : manifest.path("figures")) {
      Map<String, String> files = new LinkedHashMap<>();
      for (JsonNode file : f.path("files")) files.put(file.path("path").asText(), file.path("sha256").asText());
      out.put(f.path("id").asText(), files);
    }
    return out;
  }

  /**
   * Checks every file of {@code runDir} and of its manifest: against the sha256 the manifest records (was it
   * edited?) and against the file of {@code rerunDir} (does the config still produce it?); then the manifest against
   * the re-run's. One check per file, in path order, {@code manifest.json} last.
   */
  public static List<Check> compare(Path runDir, JsonNode manifest, Path rerunDir, JsonNode rerunManifest,
      Pages pages) {
    Map<String, String> listed = new LinkedHashMap<>();
    for (JsonNode f : manifest.path("files")) listed.put(f.path("path").asText(), f.path("sha256").asText());
    Set<String> onDisk = filesIn(runDir);
    Set<String> rerun = filesIn(rerunDir);
    Set<String> paths = new TreeSet<>(listed.keySet());
    paths.addAll(onDisk);
    paths.addAll(rerun);
    Map<String, String> figureOf = figureOfFile(rerunManifest);
    figureOf.putAll(figureOfFile(manifest));
    List<Check> checks = new ArrayList<>();
    for (String rel : paths) {
      String figure = figureOf.getOrDefault(rel, "-");
      checks.add(judge(figure, rel, runDir, rerunDir, listed.get(rel), onDisk.contains(rel), rerun.contains(rel),
          pages));
    }
    checks.add(compareMarker(runDir, rerunDir));
    checks.add(compareManifests(manifest, rerunManifest));
    return checks;
  }

  /**
   * The list of files deepfig wrote ({@link OutputFolder#MARKER}, written after the manifest and so not listed in
   * it): the same bytes as the re-run's, or absent from both.
   */
  private static Check compareMarker(Path runDir, Path rerunDir) {
    Path mine = runDir.resolve(OutputFolder.MARKER);
    Path fresh = rerunDir.resolve(OutputFolder.MARKER);
    boolean here = Files.isRegularFile(mine);
    boolean there = Files.isRegularFile(fresh);
    if (here && there && Hashes.sha256(mine).equals(Hashes.sha256(fresh))) {
      return new Check("-", OutputFolder.MARKER, Verdict.IDENTICAL, "");
    }
    if (!here && !there) return new Check("-", OutputFolder.MARKER, Verdict.IDENTICAL, "(neither has one)");
    if (!here) return new Check("-", OutputFolder.MARKER, Verdict.MISSING, "the re-run writes it");
    return new Check("-", OutputFolder.MARKER, Verdict.DIFFERS, there ? "its list of files differs from the "
        + "re-run's" : "the re-run does not write it");
  }

  /** The figure files only, judged as {@link #compare} judges them (how GalleryTest checks the README's gallery). */
  public static List<Check> compareFigures(Path runDir, JsonNode manifest, Path rerunDir) {
    List<Check> checks = new ArrayList<>();
    figureFiles(manifest).forEach((id, files) -> files.forEach((rel, sha) ->
        checks.add(judge(id, rel, runDir, rerunDir, sha, Files.isRegularFile(runDir.resolve(rel)),
            Files.isRegularFile(rerunDir.resolve(rel)), Pages.SAME_BYTES_ONLY))));
    return checks;
  }

  /**
   * One file's verdict, from the sha256 the manifest lists for it (null: not listed), whether the report folder has
   * it and whether the re-run wrote it.
   */
  private static Check judge(String figure, String rel, Path runDir, Path rerunDir, String listedSha,
      boolean present, boolean rerunWrites, Pages pages) {
    if (!insideFolder(rel)) {
      return new Check(figure, rel, Verdict.DIFFERS, "manifest.json lists a path outside the report folder");
    }
    if (listedSha == null && present) {
      return new Check(figure, rel, Verdict.UNLISTED, "in the folder but not listed in manifest.json"
          + (rerunWrites ? " (the re-run writes it)" : "; the re-run does not write it either"));
    }
    if (listedSha == null) {
      return new Check(figure, rel, Verdict.MISSING, "the re-run writes it; the report has neither the file nor an "
          + "entry for it in manifest.json");
    }
    if (!present) return new Check(figure, rel, Verdict.MISSING, "listed in manifest.json but not in the folder");
    Path original = runDir.resolve(rel);
    Path fresh = rerunDir.resolve(rel);
    String sha = Hashes.sha256(original);
    boolean edited = !sha.equals(listedSha);
    String editedNote = "edited after the run (its sha256 no longer matches manifest.json)";
    if (!rerunWrites) {
      return new Check(figure, rel, Verdict.DIFFERS, edited ? editedNote + ", and the re-run does not write it"
          : "the re-run does not write this file");
    }
    if (sha.equals(Hashes.sha256(fresh))) {
      if (!edited) return new Check(figure, rel, Verdict.IDENTICAL, "");
      return new Check(figure, rel, Verdict.DIFFERS, "its bytes are the re-run's, but manifest.json records another "
          + "sha256 for it (its entry there, or the file, was changed after the run)");
    }
    if (!edited && onlySiteNavigationAdded(original, fresh, pages)) {
      return new Check(figure, rel, Verdict.IDENTICAL, "apart from the site's navigation bar");
    }
    return new Check(figure, rel, Verdict.DIFFERS, (edited ? editedNote + "; against the re-run: "
        : "the re-run writes other bytes: ") + distance(original, fresh));
  }

  /** Is {@code page} the re-run's experiment page with the bar {@code deepfig site} adds, and nothing else? */
  private static boolean onlySiteNavigationAdded(Path page, Path fresh, Pages pages) {
    if (!extension(page).equals("html")) return false;
    try {
      return pages.onlyNavigationAdded(Files.readString(page, StandardCharsets.UTF_8),
          Files.readString(fresh, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return false; // not UTF-8 text, so not a page deepfig wrote
    }
  }

  private static boolean insideFolder(String rel) {
    try {
      Path p = Path.of(rel);
      return !rel.isEmpty() && !p.isAbsolute() && !p.normalize().startsWith("..");
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
  }

  /**
   * Lines saying which {@link #NOT_COMPARED environment fields} of the report's manifest differ from the re-run's
   * (the versions are compared with the running JVM's before the re-run, so they are left out here).
   */
  public static List<String> environmentNotes(JsonNode manifest, JsonNode rerunManifest) {
    List<String> notes = new ArrayList<>();
    for (String pointer : List.of("/device", "/git_commit", "/checkpoint/cache_key")) {
      JsonNode made = manifest.at(pointer);
      JsonNode now = rerunManifest.at(pointer);
      if (!made.equals(now)) {
        notes.add("note: the report records " + pointer.substring(1) + " " + show(made) + ", this re-run "
            + show(now));
      }
    }
    return notes;
  }

  private static Check compareManifests(JsonNode manifest, JsonNode rerunManifest) {
    List<String> differences = new ArrayList<>();
    differences(manifest, rerunManifest, "", differences);
    if (differences.isEmpty()) return new Check("-", MANIFEST, Verdict.IDENTICAL, "");
    String shown = String.join("; ", differences.subList(0, Math.min(MAX_FIELDS_SHOWN, differences.size())));
    int more = differences.size() - MAX_FIELDS_SHOWN;
    return new Check("-", MANIFEST, Verdict.DIFFERS, "differs from the re-run's at " + shown
        + (more > 0 ? "; and " + more + " more" : ""));
  }

  /** JSON pointers (with both values) at which two manifests differ, skipping {@link #NOT_COMPARED}. */
  private static void differences(JsonNode a, JsonNode b, String pointer, List<String> out) {
    if (NOT_COMPARED.contains(pointer)) return;
    if (a.isObject() && b.isObject()) {
      Set<String> names = new TreeSet<>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(names::add);
      for (String name : names) differences(a.path(name), b.path(name), pointer + "/" + name, out);
    } else if (a.isArray() && b.isArray() && a.size() != b.size()) {
      out.add(pointer + " (" + a.size() + " vs " + b.size() + " entries)");
    } else if (a.isArray() && b.isArray()) {
      for (int i = 0; i < a.size(); i++) differences(a.get(i), b.get(i), pointer + "/" + i, out);
    } else if (!a.equals(b)) {
      out.add(pointer + ": " + show(a) + " here, " + show(b) + " in the re-run");
    }
  }

  private static String show(JsonNode v) {
    if (v.isMissingNode()) return "nothing";
    String s = v.toString();
    return s.length() <= 40 ? s : s.substring(0, 37) + "…";
  }

  private static Map<String, String> figureOfFile(JsonNode manifest) {
    Map<String, String> out = new HashMap<>();
    figureFiles(manifest).forEach((id, files) -> files.keySet().forEach(rel -> out.put(rel, id)));
    return out;
  }

  /** Relative paths ({@code /}-separated) of the regular files under {@code dir}, but its own manifest. */
  private static Set<String> filesIn(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      Set<String> out = new TreeSet<>();
      s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
          .filter(rel -> !rel.equals(MANIFEST) && !rel.equals(OutputFolder.MARKER)).forEach(out::add);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How far apart two versions of a file whose bytes differ are, in the terms that matter for its format. */
  static String distance(Path a, Path b) {
    try {
      byte[] x = Files.readAllBytes(a);
      byte[] y = Files.readAllBytes(b);
      if (Arrays.equals(x, y)) return "the same bytes";
      if (a.toString().endsWith(".png")) {
        String pixels = pixelDistance(a, b);
        if (pixels != null) return pixels;
      }
      int first = Arrays.mismatch(x, y);
      String at = String.format(Locale.ROOT, "%d vs %d bytes, first difference at byte %d", x.length, y.length,
          first);
      if (!TEXT.contains(extension(a))) return at;
      int line = 1;
      for (int i = 0; i < first; i++) if (x[i] == '\n') line++;
      return at + " (line " + line + "): " + excerpt(x, first) + " here, " + excerpt(y, first) + " in the re-run";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Pixel differences of two PNGs; null when either is not a readable PNG (their bytes are compared instead). */
  private static String pixelDistance(Path a, Path b) throws IOException {
    BufferedImage x = ImageIO.read(a.toFile());
    BufferedImage y = ImageIO.read(b.toFile());
    if (x == null || y == null) return null;
    if (x.getWidth() != y.getWidth() || x.getHeight() != y.getHeight()) {
      return String.format(Locale.ROOT, "PNG sizes differ: %d×%d vs %d×%d", x.getWidth(), x.getHeight(),
          y.getWidth(), y.getHeight());
    }
    long differing = 0;
    int max = 0;
    double sum = 0;
    for (int yy = 0; yy < x.getHeight(); yy++) {
      for (int xx = 0; xx < x.getWidth(); xx++) {
        int p = x.getRGB(xx, yy);
        int q = y.getRGB(xx, yy);
        if (p == q) continue;
        differing++;
        for (int s = 0; s < 24; s += 8) {
          int d = Math.abs(((p >> s) & 0xFF) - ((q >> s) & 0xFF));
          max = Math.max(max, d);
          sum += d;
        }
      }
    }
    long n = (long) x.getWidth() * x.getHeight();
    if (differing == 0) return "same pixels, different bytes (metadata)";
    return String.format(Locale.ROOT, "%d of %d pixels differ (%.2f%%), max channel difference %d/255, mean "
        + "over all pixels %.4f/255", differing, n, 100.0 * differing / n, max, sum / (3.0 * n));
  }

  /** Up to 24 bytes from {@code from}, as a quoted one-line string. */
  private static String excerpt(byte[] bytes, int from) {
    if (from >= bytes.length) return "the end of the file";
    String s = new String(bytes, from, Math.min(24, bytes.length - from), StandardCharsets.UTF_8);
    return '"' + s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\"", "\\\"") + '"';
  }

  private static String extension(Path p) {
    String name = p.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
