package org.deepfig.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.deepfig.Preflight;
import org.deepfig.UserError;
import org.deepfig.analysis.AnalysisKinds;
import org.deepfig.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Checks experiment configs without running them: keys, types and ranges, then what run checks "
        + "before training: the output folder, the templates folder, the model file, the dataset's files (every "
        + "image's header), class_names, and every layer, test image, channel and class a figure names.")
final class ValidateCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "CONFIG", description = "Experiment YAML files.")
  List<Path> configs;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    ConfigLoader loader = new ConfigLoader(AnalysisKinds.specTypes());
    int code = Main.OK;
    // the stage cache run uses by default keeps the convolution-kernel check, when it exists (validate makes none)
    String env = System.getenv("DEEPFIG_CACHE");
    Path cache = Path.of(env == null || env.isBlank() ? ".deepfig-cache" : env);
    for (Path c : configs) {
      try {
        var config = loader.load(c);
        Preflight.check(c, config, null, java.nio.file.Files.isDirectory(cache) ? cache : null);
        for (String w : Preflight.warnings(c, config)) spec.commandLine().getErr().println("warning: " + w);
        spec.commandLine().getOut().println(c + ": ok");
      } catch (UserError e) {
        spec.commandLine().getErr().println("error: " + e.oneLine());
        code = Main.USER_ERROR;
      }
    }
    return code;
  }
}
