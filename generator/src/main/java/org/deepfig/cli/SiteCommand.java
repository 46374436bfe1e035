package org.deepfig.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.deepfig.OutputFolder;
import org.deepfig.Pipeline;
import org.deepfig.Progress;
import org.deepfig.SafeTree;
import org.deepfig.UserError;
import org.deepfig.analysis.AnalysisKinds;
import org.deepfig.config.ConfigLoader;
import org.deepfig.config.ExperimentConfig;
import org.deepfig.report.ReportWriter;
import org.deepfig.report.Templates;
import org.deepfig.report.site.ReportFolder;
import org.deepfig.report.site.SiteBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;

@Command(name = "site", mixinStandardHelpOptions = true,
    description = "Builds one static site from many experiments (a course page): runs each config, or takes report "
        + "folders already built, and adds an index, navigation between experiments and comparison pages.")
final class SiteCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "DIR_OR_CONFIG",
      description = "Experiment YAML files, folders of them (every *.yaml inside), or report folders (holding a "
          + "manifest.json).")
  List<Path> inputs;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/site",
      description = "Site folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--title", paramLabel = "TEXT", defaultValue = "deepfig experiments",
      description = "Title of the site's index page (default: ${DEFAULT-VALUE}).")
  String title;

  @Mixin ReportOptions.Cache cache;

  @Mixin ReportOptions.SingleFile singleFile;

  @Spec CommandSpec spec;

  /** One experiment of the site: a config to run, or a report folder to copy. */
  record Source(String slug, Path config, ExperimentConfig parsed, Path report) {}

  @Override
  public Integer call() {
    ConfigLoader loader = new ConfigLoader(AnalysisKinds.specTypes());
    List<Source> sources = sources(loader);
    ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getOut());
    Path site = out.toAbsolutePath().normalize();
    OutputFolder.checkReplaceable(site); // before any run: a refusal must not cost the user minutes
    OutputFolder.publish(site, staging -> {
      // messages name the site's folder, not the staging folder it is written in
      Progress shown = new Progress() {
        @Override
        public Task start(String name, long total) {
          return progress.start(name, total);
        }

        @Override
        public void info(String line) {
          progress.info(line.replace(staging.toString(), site.toString()));
        }
      };
      Pipeline pipeline = new Pipeline(loader, cache.open(), shown,
          new ReportWriter.Options(true, singleFile.name()));
      List<ReportFolder> reports = new ArrayList<>();
      try {
        for (Source s : sources) {
          Path dir = staging.resolve(s.slug());
          if (s.config() != null) {
            progress.info("== " + s.config());
            pipeline.run(s.config(), s.parsed(), dir);
          } else {
            progress.info("== " + s.report() + " (built)");
            SafeTree.copyTree(s.report(), dir, "report folder " + s.report());
          }
          reports.add(ReportFolder.read(s.slug(), dir));
        }
      } catch (UserError e) {
        throw new UserError(named(e.where(), staging, site), named(e.getMessage(), staging, site),
            named(e.fix(), staging, site), e);
      }
      new SiteBuilder(new Templates(null)).build(staging, title, reports);
      return null;
    });
    progress.info("site: " + site.resolve("index.html") + " (" + sources.size() + " experiments)");
    return Main.OK;
  }

  private static String named(String text, Path staging, Path site) {
    return text == null ? null : text.replace(staging.toString(), site.toString());
  }

  /** Expands the arguments and parses every config before running any, so a typo does not waste a long run. */
  private List<Source> sources(ConfigLoader loader) {
    List<Source> out = new ArrayList<>();
    Set<String> slugs = new HashSet<>(Set.of("compare"));
    for (Path in : inputs) {
      if (Files.isDirectory(in) && ReportFolder.isReport(in)) {
        out.add(new Source(unique(slugs, in.toAbsolutePath().normalize().getFileName().toString()), null, null, in));
      } else if (Files.isDirectory(in)) {
        List<Path> configs = configsIn(in);
        if (configs.isEmpty()) {
          throw new UserError(in.toString(), "no *.yaml config and no manifest.json in this folder",
              "pass experiment configs, a folder of them, or report folders built by deepfig run");
        }
        for (Path c : configs) out.add(config(loader, slugs, c));
      } else {
        out.add(config(loader, slugs, in));
      }
    }
    return out;
  }

  private static Source config(ConfigLoader loader, Set<String> slugs, Path c) {
    ExperimentConfig parsed = loader.load(c);
    return new Source(unique(slugs, c.getFileName().toString().replaceFirst("\\.ya?ml$", "")), c, parsed, null);
  }

  private static List<Path> configsIn(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().matches(".*\\.ya?ml")).sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String unique(Set<String> slugs, String name) {
    String base = name.replaceAll("[^A-Za-z0-9._-]+", "-");
    if (base.isEmpty() || base.startsWith(".")) base = "x" + base;
    String s = base;
    for (int n = 2; !slugs.add(s); n++) s = base + "-" + n;
    return s;
  }
}
