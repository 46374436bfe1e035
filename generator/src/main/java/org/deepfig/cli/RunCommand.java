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
import org.deepfig.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Mixin;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Trains (or loads from the cache) and analyses each experiment, writing its report.")
final class RunCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "CONFIG", description = "Experiment YAML files.")
  List<Path> configs;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output folder (overrides output.dir; with several configs, one sub-folder each).")
  Path out;

  @Mixin ReportOptions.Cache cache;

  @Mixin ReportOptions.SingleFile singleFile;

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
    Pipeline pipeline = new Pipeline(loader, cache.open(), progress,
        new ReportWriter.Options(true, singleFile.name())).budget(maxMinutes(maxMinutes), null);
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
}
