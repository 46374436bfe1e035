package org.deepfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.deepfig.analysis.AnalysisKinds;
import org.deepfig.config.ConfigLoader;
import org.deepfig.provenance.StageCache;
import org.deepfig.provenance.Verifier;
import org.deepfig.provenance.Versions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's gallery (figures/shapes-lenet, made by scripts/gallery.sh) is what configs/shapes-lenet.yaml makes:
 * regenerate it and compare every figure's sha256 with the gallery's manifest. Fails when a change alters a figure
 * without regenerating the gallery. Byte identity holds on one platform; figures/shapes-lenet/manifest.json records
 * the JDK, libtorch and oneDNN kernel cap it was made with, and the test is skipped where any of them differs.
 */
class GalleryTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void galleryFiguresAreRegeneratedByteForByte() throws IOException {
    Path manifestFile = ROOT.resolve("figures/shapes-lenet/manifest.json");
    assertThat(manifestFile).as("run scripts/gallery.sh").exists();
    JsonNode manifest = Pipeline.manifestMapper().readTree(manifestFile.toFile());
    String java = manifest.path("versions").path("java").asText();
    Assumptions.assumeTrue(java.startsWith(System.getProperty("java.version") + " "),
        "the gallery was made with Java " + java + "; byte identity is only promised on the same platform");
    for (String key : new String[] {"pytorch", Versions.ONEDNN_ISA}) {
      String made = manifest.path("versions").path(key).asText();
      String here = Versions.runtime().get(key);
      Assumptions.assumeTrue(made.equals(here), "the gallery was made with " + key + " " + made + ", this is " + here);
    }
    ConfigLoader loader = new ConfigLoader(AnalysisKinds.specTypes());
    Path config = ROOT.resolve("configs/shapes-lenet.yaml");
    Path out = dir.resolve("gallery");
    new Pipeline(loader, new StageCache(dir.resolve("cache"), false), Progress.SILENT).run(config, loader.load(config), out);
    Map<String, Map<String, String>> files = Verifier.figureFiles(manifest);
    assertThat(files).isNotEmpty();
    for (var check : Verifier.compareFigures(ROOT.resolve("figures/shapes-lenet"), manifest, out)) {
      assertThat(check.identical()).as(check.figure() + " " + check.path() + ": " + check.detail()).isTrue();
    }
    assertThat(Files.size(ROOT.resolve("figures/report-shapes-lenet.png"))).isGreaterThan(10_000);
  }
}
