package org.deepfig.cli;

import java.util.concurrent.Callable;
import org.deepfig.analysis.AnalysisKinds;
import org.deepfig.config.ConfigSchema;
import picocli.CommandLine.Command;

@Command(name = "schema", mixinStandardHelpOptions = true,
    description = "Prints the JSON Schema of experiment configs (the one in configs/deepfig.schema.json).")
final class SchemaCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.out.print(ConfigSchema.generate(AnalysisKinds.specTypes(), AnalysisKinds.descriptions()));
    return Main.OK;
  }
}
