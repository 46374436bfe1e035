package org.deepfig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.deepfig.Pipeline;
import org.deepfig.analysis.AnalysisKinds;
import org.deepfig.config.ConfigLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deepfig verify} on one small report, built once, and on copies of it tampered with in the ways a report can
 * be: every file the manifest lists is compared, files it does not list are flagged, and the manifest is compared
 * with the re-run's.
 */
@Tag("slow")
class VerifyCommandTest {
  @TempDir static Path shared;
  static Path report;
  @TempDir Path dir;

  @BeforeAll
  static void buildReport() throws IOException {
    Path cfg = shared.resolve("tiny.yaml");
    Files.writeString(cfg, """
        title: tiny
        seed: 3
        device: cpu
        data: {source: shapes, train_size: 300, test_size: 100}
        model: {arch: lenet5}
        train: {epochs: 1, batch_size: 32}
        """);
    report = shared.resolve("report");
    MainTest.Outcome o = MainTest.run("run", cfg.toString(), "--out", report.toString(), "--cache",
        shared.resolve("cache").toString());
    assertThat(o.code()).as(o.out() + o.err()).isZero();
  }

  @Test
  void verifyPassesOnAFreshRunAndNamesAFigureWhoseFileWasEdited() throws IOException {
    Path out = copyOfReport();
    MainTest.Outcome ok = MainTest.run("verify", out.toString());
    assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out()).containsPattern("identical\\s+confusion\\s+figures/confusion.png")
        .containsPattern("identical\\s+-\\s+index.html").containsPattern("identical\\s+-\\s+manifest.json")
        .doesNotContain("DIFFERS").contains("files identical (9 of 9 figure files)");

    Path png = out.resolve("figures/confusion.png");
    var image = javax.imageio.ImageIO.read(png.toFile());
    image.setRGB(5, 5, 0xFF0000);
    javax.imageio.ImageIO.write(image, "png", png.toFile());
    MainTest.Outcome bad = MainTest.run("verify", out.toString());
    assertThat(bad.code()).isEqualTo(3);
    assertThat(bad.out()).containsPattern("DIFFERS\\s+confusion\\s+figures/confusion.png — edited after the run")
        .contains("1 of ")
        .contains("(8 of 9 figure files)");
  }

  @Test
  void aScriptInjectedIntoThePageIsNamed() throws IOException {
    Path out = copyOfReport();
    Path page = out.resolve("index.html");
    Files.writeString(page, Files.readString(page).replace("<body>", "<body><script>alert(1)</script>"));
    MainTest.Outcome o = MainTest.run("verify", out.toString());
    assertThat(o.code()).as(o.out() + o.err()).isEqualTo(3);
    assertThat(o.out()).containsPattern("DIFFERS\\s+-\\s+index.html — edited after the run .*\"<script>alert")
        .containsPattern("identical\\s+-\\s+manifest.json");
  }

  @Test
  void aFileTheManifestDoesNotListIsFlagged() throws IOException {
    Path out = copyOfReport();
    Files.writeString(out.resolve("figures/extra.js"), "document.title = 'owned';\n");
    MainTest.Outcome o = MainTest.run("verify", out.toString());
    assertThat(o.code()).as(o.out() + o.err()).isEqualTo(3);
    assertThat(o.out()).containsPattern("UNLISTED\\s+-\\s+figures/extra.js — in the folder but not listed in "
        + "manifest.json").contains("1 unlisted");
  }

  @Test
  void aManifestWithItsFiguresRemovedDiffersFromTheRerunsManifest() throws IOException {
    Path out = copyOfReport();
    ObjectNode m = manifest(out);
    m.putArray("figures");
    writeManifest(out, m);
    MainTest.Outcome o = MainTest.run("verify", out.toString());
    assertThat(o.code()).as(o.out() + o.err()).isEqualTo(3);
    assertThat(o.out()).containsPattern("DIFFERS\\s+-\\s+manifest.json — differs from the re-run's at /figures "
        + "\\(0 vs \\d+ entries\\)");
  }

  @Test
  void aConfigTitleEditedWithItsShaRecomputedDoesNotMatchThePages() throws IOException {
    Path out = copyOfReport();
    ObjectNode m = manifest(out);
    ((ObjectNode) m.get("config")).put("title", "a better result");
    m.put("title", "a better result");
    ConfigLoader loader = new ConfigLoader(AnalysisKinds.specTypes());
    m.put("config_sha256", loader.sha256(loader.parse(m.get("config").toString(), "test", "verify")));
    writeManifest(out, m);
    MainTest.Outcome o = MainTest.run("verify", out.toString());
    assertThat(o.code()).as(o.out() + o.err()).isEqualTo(3);
    assertThat(o.out()).containsPattern("DIFFERS\\s+-\\s+index.html — the re-run writes other bytes: .*first "
        + "difference at byte \\d+ \\(line \\d+\\)");
  }

  @Test
  void aConfigEditedWithoutItsShaIsADifferenceFoundBeforeAnyRerun() throws IOException {
    Path out = copyOfReport();
    ObjectNode m = manifest(out);
    ((ObjectNode) m.get("config").get("train")).put("epochs", 2);
    writeManifest(out, m);
    MainTest.Outcome o = MainTest.run("verify", out.toString());
    assertThat(o.code()).as(o.out() + o.err()).isEqualTo(3);
    assertThat(o.out()).containsPattern("DIFFERS\\s+-\\s+manifest.json — its config_sha256 \\(\\w+\\) is not the "
        + "sha256 of its config").contains("not re-run").doesNotContain("re-running");
  }

  @Test
  void aHashEditedInTheManifestIsSaidSoNotGivenAFirstDifferingByte() throws IOException {
    Path out = copyOfReport();
    ObjectNode m = manifest(out);
    for (var f : m.findParents("path")) {
      if (f.get("path").asText().equals("figures/confusion.svg")) ((ObjectNode) f).put("sha256", "0".repeat(64));
    }
    writeManifest(out, m);
    MainTest.Outcome o = MainTest.run("verify", out.toString());
    assertThat(o.code()).as(o.out() + o.err()).isEqualTo(3);
    assertThat(o.out())
        .containsPattern("DIFFERS\\s+confusion\\s+figures/confusion.svg — its bytes are the re-run's, but "
            + "manifest.json records another sha256 for it").doesNotContain("first difference");
  }

  @Test
  void aReportInsideASiteVerifiesApartFromItsNavigationBar() throws IOException {
    Path site = dir.resolve("site");
    MainTest.Outcome built = MainTest.run("site", report.toString(), "--out", site.toString());
    assertThat(built.code()).as(built.out() + built.err()).isZero();
    MainTest.Outcome o = MainTest.run("verify", site.resolve("report").toString());
    assertThat(o.code()).as(o.out() + o.err()).isZero();
    assertThat(o.out()).containsPattern("identical\\s+-\\s+index.html — apart from the site's navigation bar");
  }

  @Test
  void anInputRecordedOtherwiseInTheManifestIsNamed() throws IOException {
    Path out = copyOfReport();
    ObjectNode m = manifest(out);
    ((ObjectNode) m.get("versions")).put("DNNL_MAX_CPU_ISA", "AVX512_CORE");
    writeManifest(out, m);
    MainTest.Outcome o = MainTest.run("verify", out.toString());
    assertThat(o.code()).as(o.out() + o.err()).isZero(); // the versions are noted, not compared: the files are equal
    assertThat(o.out()).contains("input differs: oneDNN cap (/versions/DNNL_MAX_CPU_ISA): AVX512_CORE in the report, "
        + "AVX in the re-run").doesNotContain("input differs: config").doesNotContain("input differs: code");
  }

  @Test
  void aFolderWithoutManifestIsAUserError() {
    MainTest.Outcome o = MainTest.run("verify", dir.toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("no manifest.json");
  }

  @Test
  void aCorruptManifestIsAOneLineUserErrorWithItsLineAndColumn() throws IOException {
    Path out = copyOfReport();
    Path manifest = out.resolve("manifest.json");
    Files.writeString(manifest, "{\"title\": \"x\",\n  \"figures\": [ }\n");
    for (String[] args : new String[][] {{"verify", out.toString()},
        {"site", out.toString(), "--out", dir.resolve("site").toString()}}) {
      MainTest.Outcome o = MainTest.run(args);
      assertThat(o.code()).as(o.out() + o.err()).isEqualTo(2);
      assertThat(o.err().strip()).doesNotContain("\n").startsWith("error: " + manifest + ":2:16: ")
          .contains("not valid JSON").doesNotContain("Source").contains("deepfig run");
    }
    Files.writeString(manifest, "[1, 2]");
    MainTest.Outcome o = MainTest.run("verify", out.toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains(manifest + ": ").contains("not a deepfig manifest");
  }

  private Path copyOfReport() {
    Path copy = dir.resolve("report");
    try (Stream<Path> s = Files.walk(report)) {
      for (Path p : s.toList()) {
        Path to = copy.resolve(report.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(to);
        else Files.copy(p, to);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return copy;
  }

  private static ObjectNode manifest(Path out) throws IOException {
    return (ObjectNode) Pipeline.manifestMapper().readTree(out.resolve("manifest.json").toFile());
  }

  private static void writeManifest(Path out, ObjectNode m) throws IOException {
    Pipeline.manifestMapper().writeValue(out.resolve("manifest.json").toFile(), m);
  }
}
