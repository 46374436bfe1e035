package org.deepfig.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deepfig.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code deepfig}: the only place that exits. User errors ({@link UserError}) print one line and exit 2; anything
 * else is a bug: its stack trace goes to a log file and the exit code is 1.
 */
@Command(name = "deepfig", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Turns a YAML experiment config into reproducible figures and reports about what a neural "
        + "network learned.",
    subcommands = {RunCommand.class, SiteCommand.class, ValidateCommand.class, VerifyCommand.class,
        SchemaCommand.class, KindsCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
  static final int OK = 0;
  static final int BUG = 1;
  static final int USER_ERROR = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return USER_ERROR;
  }

  public static void main(String[] args) {
    System.exit(execute(args, System.out, System.err));
  }

  /** Runs the CLI and returns the exit code (tests call this instead of {@link #main}). */
  public static int execute(String[] args, PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new Main());
    PrintWriter errWriter = new PrintWriter(err, true);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(errWriter);
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> handle(e, errWriter));
    cli.setParameterExceptionHandler((e, a) -> {
      errWriter.println("deepfig: " + e.getMessage());
      e.getCommandLine().usage(errWriter);
      return USER_ERROR;
    });
    return cli.execute(args);
  }

  static int handle(Throwable e, PrintWriter err) {
    Throwable t = e;
    while (t != null) {
      if (t instanceof UserError u) {
        err.println("error: " + u.oneLine());
        return USER_ERROR;
      }
      t = t.getCause();
    }
    Path log = writeCrashLog(e);
    err.println("internal error: " + e + (log == null ? "" : " — details in " + log
        + "; please report it with that file"));
    return BUG;
  }

  private static Path writeCrashLog(Throwable e) {
    try {
      Path log = Files.createTempFile("deepfig-crash-", ".log");
      StringWriter sw = new StringWriter();
      e.printStackTrace(new PrintWriter(sw));
      Files.writeString(log, sw.toString());
      return log;
    } catch (IOException io) {
      return null;
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"deepfig " + org.deepfig.provenance.Versions.deepfig()};
    }
  }
}
