package dev.calibration.cli;

/** The exit statuses of the {@code calibration} command, as DESIGN.md fixes them. */
final class ExitCodes {
  /** The command did what was asked. */
  static final int OK = 0;

  /** A safety gate or a validation blocked the change. */
  static final int BLOCKED = 1;

  /** The command line was wrong: unknown option, missing argument, bad value. */
  static final int USAGE = 2;

  /** Input data could not be read or is invalid; the message names file, line and field. */
  static final int DATA = 3;

  private ExitCodes() {}
}
