package org.deepfig.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deepfig.OutputFolder;
import org.deepfig.Pipeline;
import org.deepfig.Progress;
import org.deepfig.UserError;
import org.deepfig.analysis.AnalysisKinds;
import org.deepfig.config.ConfigLoader;
import org.deepfig.config.ExperimentConfig;
import org.deepfig.provenance.StageCache;
import org.deepfig.provenance.Verifier;
import org.deepfig.provenance.Versions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Re-runs an experiment from its manifest.json, from scratch (training included, no cache), and "
        + "reports figure by figure whether the new files are byte-identical to the report's.",
        "Exit code 0: all identical; 3: some figure differs or was edited (named, with how far apart)."})
final class VerifyCommand implements Callable<Integer> {
  static final int NOT_REPRODUCED = 3;

  @Parameters(paramLabel = "RUN_DIR", description = "A report folder holding manifest.json.")
  Path runDir;

  @Option(names = "--keep", paramLabel = "DIR", description = "Keep the re-run's report in DIR.")
  Path keep;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Path manifestFile = runDir.resolve("manifest.json");
    if (!Files.isRegularFile(manifestFile)) {
      throw new UserError(runDir.toString(), "no manifest.json here", "give the folder a `deepfig run` wrote");
    }
    JsonNode manifest = Pipeline.manifestMapper().readTree(manifestFile.toFile());
    ConfigLoader loader = new ConfigLoader(AnalysisKinds.specTypes());
    String configJson = manifest.path("config").toString();
    Path configFile = Path.of(manifest.path("config_file").asText("config.yaml"));
    ExperimentConfig config = loader.parse(configJson, manifestFile + " (config)", "verify");
    if (!loader.sha256(config).equals(manifest.path("config_sha256").asText())) {
      throw new UserError(manifestFile.toString(), "the recorded config does not match its recorded sha256",
          "the manifest was edited; re-run the experiment with `deepfig run`");
    }
    PrintWriter out = spec.commandLine().getOut();
    Path work = Files.createTempDirectory("deepfig-verify-");
    try {
      Path rerun = keep != null ? keep : work.resolve("report");
      out.println("re-running " + config.title() + " from scratch (no cache) ...");
      Map<String, String> now = Versions.runtime();
      manifest.path("versions").fields().forEachRemaining(e -> {
        String here = now.get(e.getKey());
        if (here != null && !here.equals(e.getValue().asText())) {
          out.println("note: the report was made with " + e.getKey() + " " + e.getValue().asText() + ", this re-run "
              + "has " + here + "; byte identity is only promised on the same platform");
        }
      });
      new Pipeline(loader, new StageCache(work.resolve("cache"), true), Progress.SILENT)
          .run(configFile, config, rerun);
      List<Verifier.Check> checks = Verifier.compare(runDir, manifest, rerun);
      int bad = 0;
      for (Verifier.Check c : checks) {
        out.printf("%-10s %-28s %s%s%n", c.identical() ? "identical" : "DIFFERS", c.figure(), c.path(),
            c.identical() ? "" : " — " + c.detail());
        if (!c.identical()) bad++;
      }
      out.printf("%d of %d figure files byte-identical%n", checks.size() - bad, checks.size());
      return bad == 0 ? Main.OK : NOT_REPRODUCED;
    } finally {
      OutputFolder.deleteTree(work);
    }
  }
}
