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
    subcommands = {RunCommand.class, SiteCommand.class, ValidateCommand.class, VerifyCommand.class, DiffCommand.class,
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
    org.deepfig.StopSignal.install(System.err);
    System.exit(execute(args, System.out, System.err));
  }

  /** Runs the CLI and returns the exit code (tests call this instead of {@link #main}). */
  public static int execute(String[] args, PrintStream out, PrintStream err) {
    return execute(commandLine(out, err), args);
  }

  /** Runs {@code cli}; an {@link Error} (out of memory, a native library that fails to link) is handled too. */
  static int execute(CommandLine cli, String[] args) {
    try {
      return cli.execute(args);
    } catch (Error e) { // picocli passes only Exceptions to the execution exception handler
      return handle(e, cli.getErr());
    }
  }

  static CommandLine commandLine(PrintStream out, PrintStream err) {
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
    return cli;
  }

  static int handle(Throwable e, PrintWriter err) {
    Throwable t = e;
    for (Throwable s = e; s != null; s = s.getCause()) {
      if (s instanceof org.deepfig.StopSignal.Stopped stop) {
        err.println("deepfig: " + stop.getMessage() + " between two batches; no report was written (the previous "
            + "one is unchanged) and the stages already computed stay in the cache");
        return stop.exitCode();
      }
    }
    while (t != null) {
      if (t instanceof UserError u) {
        err.println("error: " + u.oneLine());
        return USER_ERROR;
      }
      t = t.getCause();
    }
    Path log = writeCrashLog(e);
    for (t = e; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        err.println(outOfMemory(t, log));
        return BUG;
      }
    }
    err.println("internal error: " + e + (log == null ? "" : " — details in " + log
        + "; please report it with that file"));
    return BUG;
  }

  /** One line saying how to give the JVM more memory: the launcher reads its options from DEEPFIG_JAVA_OPTS. */
  private static String outOfMemory(Throwable e, Path log) {
    long gb = Math.max(1, Math.round(Runtime.getRuntime().maxMemory() / (1024.0 * 1024 * 1024)));
    return "out of memory (" + e.getMessage() + ", with a Java heap of " + gb + " GB) — give deepfig more, e.g. "
        + "DEEPFIG_JAVA_OPTS=-Xmx" + 2 * gb + "g ./deepfig run ..., or use fewer images (data.train_size, "
        + "data.test_size, the figures' points/max_images)" + (log == null ? "" : "; details in " + log);
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
