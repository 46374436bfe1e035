package org.deepfig.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deepfig.Pipeline;
import org.deepfig.ReportDiff;
import org.deepfig.analysis.AnalysisKinds;
import org.deepfig.config.ConfigLoader;
import org.deepfig.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;

@Command(name = "diff", mixinStandardHelpOptions = true,
    description = "Compares two experiments figure by figure: side by side on one layout and colour scale, tables "
        + "of signed differences (B − A), difference maps of the values behind pictures that correspond, and the config keys that differ.")
final class DiffCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RUN_A", description = "A report folder (with manifest.json) or a config.")
  Path a;

  @Parameters(index = "1", paramLabel = "RUN_B", description = "A report folder or a config, compared with RUN_A.")
  Path b;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).",
      defaultValue = "out/diff")
  Path out;

  @Mixin ReportOptions.Cache cache;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    ConfigLoader loader = new ConfigLoader(AnalysisKinds.specTypes());
    ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getOut());
    Pipeline pipeline = new Pipeline(loader, cache.open(), progress);
    ReportDiff.Report ra = ReportDiff.input(a, pipeline, loader);
    ReportDiff.Report rb = ReportDiff.input(b, pipeline, loader);
    int n = ReportDiff.write(ra, rb, out, ReportWriter.Options.defaults());
    progress.info("diff: " + n + " figures, " + out.resolve("index.html"));
    return Main.OK;
  }
}
