package dev.calibration.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code calibration} command: holds what every subcommand shares. */
@Command(
    name = "calibration",
    mixinStandardHelpOptions = true,
    versionProvider = CalibrationCommand.Version.class,
    description = {
      "Closes the prediction calibration loop: join logged predictions with outcomes, measure,"
          + " fit, propose, gate, approve, activate and roll back.",
    },
    subcommands = {
      RunCommand.class,
      ApplyCommand.class,
      FitCommand.class,
      ProposeCommand.class,
      CheckCommand.class,
      ApproveCommand.class,
      RejectCommand.class,
      ActivateCommand.class,
      RollbackCommand.class,
      StatusCommand.class,
      HistoryCommand.class,
      AuditCommand.class,
      ReportCommand.class,
      DemoCommand.class,
    },
    footerHeading = "%nExit status:%n",
    footer = {
      "  0  success",
      "  1  a safety gate or a validation blocked the change",
      "  2  usage error (unknown option, missing argument, bad value)",
      "  3  unreadable or invalid data; the message names file, line and field",
      "",
      "Start with:  calibration demo",
    })
final class CalibrationCommand implements Callable<Integer> {
  private final Clock clock;
  private final boolean terminal;
  private final PrintStream progressOut;

  @Spec CommandSpec spec;

  CalibrationCommand(Clock clock, boolean terminal) {
    this(clock, terminal, System.err);
  }

  /**
   * @param terminal whether progress may be drawn (an interactive console is attached)
   * @param progressOut where progress is drawn (standard error)
   */
  CalibrationCommand(Clock clock, boolean terminal, PrintStream progressOut) {
    this.clock = clock;
    this.terminal = terminal;
    this.progressOut = progressOut;
  }

  Clock clock() {
    return clock;
  }

  /** Progress for long work: drawn on standard error only when a terminal is attached. */
  Progress progress() {
    return new Progress(progressOut, terminal, System::nanoTime);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /** The version from the jar manifest, or a development marker when run from classes. */
  static final class Version implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"calibration " + (v == null ? "(development build)" : v)};
    }
  }
}
