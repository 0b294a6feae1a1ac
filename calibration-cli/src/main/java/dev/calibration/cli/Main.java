package dev.calibration.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import picocli.CommandLine;

/** Entry point of the {@code calibration} command. */
public final class Main {
  private Main() {}

  /** Runs the command and exits with its status. */
  public static void main(String[] args) {
    // The library logs at INFO (e.g. each reload); the command's own output says what happened.
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    System.exit(run(args, System.out, System.err, Clock.systemUTC(), System.console() != null));
  }

  /**
   * Runs the command and returns its exit status (see {@link ExitCodes}).
   *
   * @param terminal whether progress may be drawn (an interactive console is attached)
   */
  static int run(String[] args, PrintStream out, PrintStream err, Clock clock, boolean terminal) {
    PrintWriter outWriter = new PrintWriter(out, true, StandardCharsets.UTF_8);
    PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
    try {
      return commandLine(new CalibrationCommand(clock, terminal, err), outWriter, errWriter)
          .execute(args);
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  /** The configured command line: exit codes, error handling and streams as the command uses them. */
  static CommandLine commandLine(CalibrationCommand root, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(root);
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setUsageHelpWidth(100);
    cl.setParameterExceptionHandler(Main::usageError);
    cl.setExecutionExceptionHandler(Main::failure);
    cl.setExitCodeExceptionMapper(
        e -> e instanceof CliException c ? c.exitCode() : ExitCodes.DATA);
    return cl;
  }

  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println("calibration: " + e.getMessage());
    if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
      err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for the options.");
    }
    return ExitCodes.USAGE;
  }

  private static int failure(
      Exception e, CommandLine cl, CommandLine.ParseResult parseResult) {
    PrintWriter err = cl.getErr();
    if (e instanceof CliException c) {
      err.println("calibration " + cl.getCommandName() + ": " + c.getMessage());
      return c.exitCode();
    }
    // Anything else is a defect in the command or the library, not the user's data: say so and
    // keep the stack trace, which the report of the bug will need.
    err.println(
        "calibration "
            + cl.getCommandName()
            + ": internal error (please report it with the trace below): "
            + e);
    e.printStackTrace(err);
    return ExitCodes.DATA;
  }
}
