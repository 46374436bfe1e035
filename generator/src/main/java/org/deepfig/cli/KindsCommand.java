package org.deepfig.cli;

import java.util.concurrent.Callable;
import org.deepfig.analysis.AnalysisKinds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "kinds", mixinStandardHelpOptions = true, description = "Lists the figure kinds a config can ask for.")
final class KindsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    AnalysisKinds.all().forEach((name, k) -> spec.commandLine().getOut().printf("%-18s %s%n", name, k.description()));
    return Main.OK;
  }
}
