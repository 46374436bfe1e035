package org.deepfig.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deepfig.Pipeline;
import org.deepfig.analysis.AnalysisKinds;
import org.deepfig.config.ConfigLoader;
import org.deepfig.config.ExperimentConfig;
import org.deepfig.UserError;
import org.deepfig.provenance.StageCache;
import org.deepfig.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Trains (or loads from the cache) and analyses each experiment, writing its report.")
final class RunCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "CONFIG", description = "Experiment YAML files.")
  List<Path> configs;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output folder (overrides output.dir; with several configs, one sub-folder each).")
  Path out;

  @Option(names = "--cache", paramLabel = "DIR", description = "Stage cache folder (default: ${DEFAULT-VALUE}).",
      defaultValue = "${env:DEEPFIG_CACHE:-.deepfig-cache}")
  Path cache;

  @Option(names = "--force", description = "Ignore cached stages and recompute everything.")
  boolean force;

  @Option(names = "--single-file", arity = "0..1", paramLabel = "NAME", fallbackValue = ReportWriter.SINGLE_FILE,
      description = "Also write the report as one self-contained HTML file (images inlined) in the report folder "
          + "(default name: " + ReportWriter.SINGLE_FILE + ").")
  String singleFile;

  @Option(names = "--max-minutes", paramLabel = "MINUTES",
      description = "Refuse (exit code 2, before evaluating and computing figures) a run whose estimated time — "
          + "images through the network times one measured batch — exceeds this.")
  Double maxMinutes;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    ConfigLoader loader = new ConfigLoader(AnalysisKinds.specTypes());
    // validate every config before running any, so a typo in the third does not waste the first two's time
    List<ExperimentConfig> parsed = configs.stream().map(loader::load).toList();
    ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getOut());
    Pipeline pipeline = new Pipeline(loader, new StageCache(cache, force), progress,
        new ReportWriter.Options(true, singleFileName(singleFile))).budget(maxMinutes(maxMinutes), null);
    for (int i = 0; i < configs.size(); i++) {
      Path config = configs.get(i);
      Path dir = out == null ? null : configs.size() == 1 ? out
          : out.resolve(config.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
      progress.info("== " + config);
      Pipeline.Result r = pipeline.run(config, parsed.get(i), dir);
      progress.info(String.format(Locale.ROOT, "wrote %s (test accuracy %.2f%%)", r.outDir().resolve("index.html"),
          100 * r.testAccuracy()));
    }
    return Main.OK;
  }

  static Double maxMinutes(Double m) {
    if (m != null && !(m > 0 && m < 1e6)) {
      throw new UserError("--max-minutes " + m, "the limit must be a positive number of minutes",
          "pass e.g. --max-minutes 30");
    }
    return m;
  }

  /** The single-file report's name inside the report folder (null for none). */
  static String singleFileName(String name) {
    if (name == null) return null;
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*\\.html?")) {
      throw new UserError("--single-file " + name, "the single-file report needs a plain file name ending in .html",
          "pass a name such as report.single.html (it is written into the report folder)");
    }
    return name;
  }
}
