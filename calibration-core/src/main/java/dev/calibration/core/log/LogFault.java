package dev.calibration.core.log;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A problem the logger met and got past: an I/O fault, dropped records, a torn tail it cut.
 *
 * @param code the stable error code (see {@code docs/errors.md}, section CAL-LOG)
 * @param file the log file concerned
 * @param message what happened and what the logger did about it
 * @param cause the underlying exception, if any
 */
public record LogFault(String code, Path file, String message, Optional<Throwable> cause) {
  /** Checks that no component is null. */
  public LogFault {
    Objects.requireNonNull(code, "code must not be null");
    Objects.requireNonNull(file, "file must not be null");
    Objects.requireNonNull(message, "message must not be null");
    Objects.requireNonNull(cause, "cause must not be null");
  }
}
