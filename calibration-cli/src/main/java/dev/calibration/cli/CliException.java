package dev.calibration.cli;

import org.jspecify.annotations.Nullable;

/**
 * A failure the command reports to the user as one message and an exit status, without a stack
 * trace: the message must say what was wrong and where (file, line, field).
 */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  private CliException(int exitCode, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** Unreadable or invalid input data (exit 3). */
  static CliException data(String message, Throwable cause) {
    return new CliException(ExitCodes.DATA, message, cause);
  }

  /** Unreadable or invalid input data (exit 3). */
  static CliException data(String message) {
    return new CliException(ExitCodes.DATA, message, null);
  }

  /** A gate or validation blocked the change (exit 1). */
  static CliException blocked(String message) {
    return new CliException(ExitCodes.BLOCKED, message, null);
  }

  /** A usage error found after parsing, e.g. an argument that conflicts with another (exit 2). */
  static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, message, null);
  }

  int exitCode() {
    return exitCode;
  }
}
