package org.deepfig.cli;

import java.nio.file.Path;
import org.deepfig.UserError;
import org.deepfig.provenance.StageCache;
import org.deepfig.report.ReportWriter;
import picocli.CommandLine.Option;

/** The options the commands that run experiments share, declared once (picocli mixins). */
final class ReportOptions {
  private ReportOptions() {}

  /** {@code --cache DIR} and {@code --force}: where stages are cached and whether to ignore what is there. */
  static final class Cache {
    @Option(names = "--cache", paramLabel = "DIR", description = "Stage cache folder (default: ${DEFAULT-VALUE}).",
        defaultValue = "${env:DEEPFIG_CACHE:-.deepfig-cache}")
    Path cache;

    @Option(names = "--force", description = "Ignore cached stages and recompute everything.")
    boolean force;

    StageCache open() {
      return new StageCache(cache, force);
    }
  }

  /** {@code --single-file[=NAME]}: also a self-contained HTML file in each report folder. */
  static final class SingleFile {
    @Option(names = "--single-file", arity = "0..1", paramLabel = "NAME", fallbackValue = ReportWriter.SINGLE_FILE,
        description = "Also write the report as one self-contained HTML file (images inlined) in the report folder "
            + "(default name: " + ReportWriter.SINGLE_FILE + ").")
    String singleFile;

    /** The single-file report's name inside the report folder (null for none). */
    String name() {
      return fileName(singleFile);
    }

    static String fileName(String name) {
      if (name == null) return null;
      if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*\\.html?")) {
        throw new UserError("--single-file " + name, "the single-file report needs a plain file name ending in .html",
            "pass a name such as report.single.html (it is written into the report folder)");
      }
      return name;
    }
  }
}
