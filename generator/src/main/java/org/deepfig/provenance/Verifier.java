package org.deepfig.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Compares a report's figure files with the manifest written beside them and with a fresh re-run: is every figure
 * byte-identical, and where not, how far apart are they.
 */
public final class Verifier {
  /** One figure file's verdict. */
  public record Check(String figure, String path, boolean identical, String detail) {}

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
   * Checks the files of {@code runDir} against its manifest (were they edited?) and against the files of
   * {@code rerunDir} (does the config still produce them?).
   */
  public static List<Check> compare(Path runDir, JsonNode manifest, Path rerunDir) {
    List<Check> checks = new ArrayList<>();
    figureFiles(manifest).forEach((id, files) -> files.forEach((rel, sha) -> {
      Path original = runDir.resolve(rel);
      Path fresh = rerunDir.resolve(rel);
      if (!Files.isRegularFile(original)) {
        checks.add(new Check(id, rel, false, "missing from the report folder"));
      } else if (!Hashes.sha256(original).equals(sha)) {
        checks.add(new Check(id, rel, false, "edited after the run (its sha256 no longer matches manifest.json); "
            + distance(original, fresh)));
      } else if (!Files.isRegularFile(fresh)) {
        checks.add(new Check(id, rel, false, "the re-run did not produce this file"));
      } else if (!Hashes.sha256(fresh).equals(sha)) {
        checks.add(new Check(id, rel, false, "re-run differs: " + distance(original, fresh)));
      } else {
        checks.add(new Check(id, rel, true, "byte-identical"));
      }
    }));
    return checks;
  }

  /** How far apart two versions of a figure file are, in the terms that matter for its format. */
  static String distance(Path a, Path b) {
    if (!Files.isRegularFile(b)) return "no re-run file to compare with";
    try {
      if (a.toString().endsWith(".png")) {
        BufferedImage x = ImageIO.read(a.toFile());
        BufferedImage y = ImageIO.read(b.toFile());
        if (x == null || y == null) return "not a readable PNG";
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
      byte[] x = Files.readAllBytes(a);
      byte[] y = Files.readAllBytes(b);
      int first = 0;
      while (first < Math.min(x.length, y.length) && x[first] == y[first]) first++;
      return String.format(Locale.ROOT, "%d vs %d bytes, first difference at byte %d", x.length, y.length, first);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
