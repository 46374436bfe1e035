package org.deepfig.report.site;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deepfig.UserError;
import org.deepfig.analysis.AnalysisKind;
import org.deepfig.analysis.AnalysisKinds;
import org.deepfig.provenance.ManifestFile;

/**
 * A built report as the site sees it, read from its {@code manifest.json}: title, test accuracy and each figure's
 * kind, id, title and files.
 */
public record ReportFolder(String slug, Path dir, String title, Double testAccuracy, List<FigureEntry> figures) {
  public static final String MANIFEST = "manifest.json";

  public record FigureEntry(String id, String kind, String title, String png) {}

  /**
   * Whether {@code dir} holds a report. Its manifest is read here, so that a damaged one is a {@link UserError}
   * naming the user's file (with line and column) before {@code deepfig site} runs or copies anything.
   */
  public static boolean isReport(Path dir) {
    Path manifest = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(manifest)) return false;
    ManifestFile.read(manifest);
    return true;
  }

  public static ReportFolder read(String slug, Path dir) {
    JsonNode m = ManifestFile.read(dir.resolve(MANIFEST));
    List<FigureEntry> figs = new ArrayList<>();
    for (JsonNode f : m.path("figures")) {
      String png = null;
      for (JsonNode file : f.path("files")) {
        String p = file.path("path").asText().replace('\\', '/');
        if (p.endsWith(".png") && png == null) png = p; // the 1× PNG comes before its @2x copy
      }
      figs.add(new FigureEntry(f.path("id").asText(), f.path("kind").asText(), f.path("title").asText(), png));
    }
    JsonNode acc = m.get("test_accuracy");
    return new ReportFolder(slug, dir, m.path("title").asText(slug),
        acc == null || acc.isNull() ? null : acc.asDouble(), List.copyOf(figs));
  }

  /**
   * The figure whose PNG stands for the experiment on its card: the first picture that is about the model rather
   * than its training (training curves look alike at thumbnail size), else the first picture.
   */
  public FigureEntry thumbnail() {
    return figures.stream().filter(f -> f.png() != null && !showsTraining(f.kind())).findFirst()
        .orElse(figures.stream().filter(f -> f.png() != null).findFirst().orElse(null));
  }

  /** Whether figures of {@code kind} show how training went ({@link AnalysisKind#showsTraining}); unknown: no. */
  private static boolean showsTraining(String kind) {
    AnalysisKind<?> k = AnalysisKinds.all().get(kind);
    return k != null && k.showsTraining();
  }
}
