package org.deepfig.cli;

import java.util.concurrent.Callable;
import org.deepfig.analysis.AnalysisKinds;
import org.deepfig.config.ConfigSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "schema", mixinStandardHelpOptions = true,
    description = "Prints the JSON Schema of experiment configs (the one in configs/deepfig.schema.json).")
final class SchemaCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(ConfigSchema.generate(AnalysisKinds.specTypes(), AnalysisKinds.descriptions()));
    return Main.OK;
  }
}
