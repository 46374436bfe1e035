package org.deepfig.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deepfig.Pipeline;
import org.deepfig.Progress;
import org.deepfig.UserError;
import org.deepfig.analysis.AnalysisKinds;
import org.deepfig.config.ConfigLoader;
import org.deepfig.config.ExperimentConfig;
import org.deepfig.probe.ConvKernels;
import org.deepfig.provenance.InputsDiff;
import org.deepfig.provenance.ManifestFile;
import org.deepfig.provenance.StageCache;
import org.deepfig.provenance.Verifier;
import org.deepfig.report.site.SiteBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Re-runs an experiment from its manifest.json, from scratch (training included, no cache), and "
        + "reports file by file whether the report folder holds exactly what the re-run writes: every file the "
        + "manifest lists (identical, DIFFERS with how far apart, MISSING), every file it does not (UNLISTED), and "
        + "the manifest itself against the re-run's.",
        "This proves the report is what its manifest's config reproduces, not who made it: an edited config inside "
        + "the manifest re-runs to an edited report.",
        "Exit code 0: all identical; 3: some file differs, is missing or unlisted (named, with how far apart)."})
final class VerifyCommand implements Callable<Integer> {
  static final int NOT_REPRODUCED = 3;

  @Parameters(paramLabel = "RUN_DIR", description = "A report folder holding manifest.json.")
  Path runDir;

  @Option(names = "--keep", paramLabel = "DIR", description = "Keep the re-run's report in DIR.")
  Path keep;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Path manifestFile = runDir.resolve(Verifier.MANIFEST);
    if (!Files.isRegularFile(manifestFile)) {
      throw new UserError(runDir.toString(), "no manifest.json here", "give the folder a `deepfig run` wrote");
    }
    JsonNode manifest = ManifestFile.read(manifestFile);
    if (!manifest.path("config").isObject()) {
      throw new UserError(manifestFile.toString(), "records no config to re-run",
          "give the folder of a report that `deepfig run` wrote, or rebuild this one");
    }
    ConfigLoader loader = new ConfigLoader(AnalysisKinds.specTypes());
    Path configFile = configFile(manifest, manifestFile);
    ExperimentConfig config = loader.parse(manifest.path("config").toString(), manifestFile + " (config)", "verify");
    PrintWriter out = spec.commandLine().getOut();
    String recordedSha = manifest.path("config_sha256").asText("");
    if (!loader.sha256(config).equals(recordedSha)) {
      // not worth a re-run: what it would reproduce is a config the manifest no longer vouches for
      print(out, new Verifier.Check("-", Verifier.MANIFEST, Verifier.Verdict.DIFFERS, "its config_sha256 ("
          + (recordedSha.isEmpty() ? "absent" : recordedSha) + ") is not the sha256 of its config: the manifest was "
          + "edited after the run"));
      out.println("not re-run: the manifest's config is not the one the report was made from");
      return NOT_REPRODUCED;
    }
    Path work = Files.createTempDirectory("deepfig-verify-");
    try {
      Path rerun = keep != null ? keep : work.resolve("report");
      out.println("re-running " + config.title() + " from scratch (no cache) ...");
      noteOtherVersions(out, manifest);
      new Pipeline(loader, new StageCache(work.resolve("cache"), true), Progress.SILENT)
          .run(configFile, config, rerun);
      JsonNode rerunManifest = ManifestFile.read(rerun.resolve(Verifier.MANIFEST));
      Verifier.environmentNotes(manifest, rerunManifest).forEach(out::println);
      inputsThatDiffer(manifest, rerunManifest).forEach(out::println);
      List<Verifier.Check> checks = Verifier.compare(runDir, manifest, rerun, rerunManifest,
          SiteBuilder::onlyNavigationAdded);
      checks.forEach(c -> print(out, c));
      out.println(summary(checks));
      return checks.stream().allMatch(Verifier.Check::identical) ? Main.OK : NOT_REPRODUCED;
    } finally {
      org.deepfig.provenance.AtomicFiles.deleteTree(work);
    }
  }

  /**
   * One line per input that differs between the report's manifest and the re-run's ({@link InputsDiff}): what makes
   * their files differ, when something does.
   */
  static List<String> inputsThatDiffer(JsonNode manifest, JsonNode rerunManifest) {
    return InputsDiff.between(manifest, rerunManifest).stream()
        .map(d -> "input differs: " + d.describe("the report", "the re-run")).toList();
  }

  private static void noteOtherVersions(PrintWriter out, JsonNode manifest) {
    Map<String, String> now = ConvKernels.versions();
    manifest.path("versions").fields().forEachRemaining(e -> {
      String here = now.get(e.getKey());
      if (here != null && !here.equals(e.getValue().asText())) {
        out.println("note: the report was made with " + e.getKey() + " " + e.getValue().asText() + ", this re-run "
            + "has " + here + "; byte identity is only promised on the same platform");
      }
    });
  }

  private static void print(PrintWriter out, Verifier.Check c) {
    out.printf("%-10s %-28s %s%s%n", c.verdict().label(), c.figure(), c.path(),
        c.detail().isEmpty() ? "" : " — " + c.detail());
  }

  /** Where the config was read from: the re-run resolves the config's relative paths (templates, data) from there. */
  private static Path configFile(JsonNode manifest, Path manifestFile) {
    String recorded = manifest.path("config_file").asText("config.yaml");
    try {
      return Path.of(recorded);
    } catch (InvalidPathException e) {
      throw new UserError(manifestFile.toString(), "its config_file is not a path: " + e.getMessage(),
          "give the folder of a report that `deepfig run` wrote, or rebuild this one");
    }
  }

  /** {@code 25 of 27 files identical (6 of 6 figure files), 1 unlisted, 1 missing}. */
  static String summary(List<Verifier.Check> checks) {
    List<Verifier.Check> figures = checks.stream().filter(c -> !c.figure().equals("-")).toList();
    long unlisted = checks.stream().filter(c -> c.verdict() == Verifier.Verdict.UNLISTED).count();
    long missing = checks.stream().filter(c -> c.verdict() == Verifier.Verdict.MISSING).count();
    return checks.stream().filter(Verifier.Check::identical).count() + " of " + checks.size() + " files identical ("
        + figures.stream().filter(Verifier.Check::identical).count() + " of " + figures.size() + " figure files)"
        + (unlisted > 0 ? ", " + unlisted + " unlisted" : "") + (missing > 0 ? ", " + missing + " missing" : "");
  }
}
