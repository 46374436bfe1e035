package org.deepfig.cli;

import java.util.concurrent.Callable;
import org.deepfig.analysis.AnalysisKinds;
import picocli.CommandLine.Command;

@Command(name = "kinds", mixinStandardHelpOptions = true, description = "Lists the figure kinds a config can ask for.")
final class KindsCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    AnalysisKinds.all().forEach((name, k) -> System.out.printf("%-18s %s%n", name, k.description()));
    return Main.OK;
  }
}
