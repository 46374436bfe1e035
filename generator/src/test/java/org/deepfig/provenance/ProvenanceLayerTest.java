package org.deepfig.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code provenance} sits below the stages that use it (README, "Architecture"): it may read config sections, but
 * nothing of the layers above it — cli, report, analysis, probe, train, model, data, embed, render, the pipeline —
 * reaches into it, so that it cannot become a cycle again. Read from the sources: every {@code org.deepfig.…} name
 * outside comments, imports and fully qualified uses alike.
 */
class ProvenanceLayerTest {
  static final Path SOURCES = Path.of("src/main/java/org/deepfig/provenance");
  /** What provenance may use: itself, the config records, and two classes of the root package without imports. */
  static final Set<String> ALLOWED = Set.of("org.deepfig.provenance", "org.deepfig.config", "org.deepfig.UserError",
      "org.deepfig.OutputFolder");
  static final Pattern NAME = Pattern.compile("\\borg\\.deepfig\\.([A-Za-z_]\\w*)");

  @Test
  void provenanceUsesNothingAboveIt() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        String code = withoutComments(Files.readString(f));
        Matcher m = NAME.matcher(code);
        while (m.find()) {
          String name = "org.deepfig." + m.group(1);
          if (!ALLOWED.contains(name)) found.add(f.getFileName() + ": " + name);
        }
      }
    }
    assertThat(found).as("names from layers above provenance").isEmpty();
  }

  @Test
  void theCheckSeesAnImportAndAFullyQualifiedUseButNotAComment() {
    String code = "import org.deepfig.analysis.Table;\n/** {@link org.deepfig.cli.Main} */\n// org.deepfig.train.X\n"
        + "class A { org.deepfig.report.site.SiteBuilder b; String s = \"org.deepfig.model\"; }";
    Matcher m = NAME.matcher(withoutComments(code));
    List<String> names = new ArrayList<>();
    while (m.find()) names.add(m.group(1));
    assertThat(names).containsExactly("analysis", "report", "model");
  }

  /** The source without its block and line comments (a string holding "//" or "/*" is not expected here). */
  static String withoutComments(String source) {
    return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
  }
}
