package dev.calibration.cli;

import java.io.PrintStream;

/** Entry point of the {@code calibration} command. */
public final class Main {
  private Main() {}

  /** Runs the command and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command and returns its exit status: 0 success, 2 usage error. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    String version = Main.class.getPackage().getImplementationVersion();
    if (args.length == 1 && args[0].equals("demo")) {
      out.println("calibration " + (version == null ? "(development build)" : version));
      out.println(
          "The demo will run the whole loop on generated data: log predictions, join outcomes,"
              + " measure, fit, propose, gate, approve, activate, hot-reload and roll back.");
      out.println("The commands that make up the loop are still being built.");
      return 0;
    }
    err.println("usage: calibration demo");
    return 2;
  }
}
