package dev.calibration.core.config;

import java.util.Objects;

/**
 * One problem found in a config document.
 *
 * @param path the JSON path of the offending value, e.g. {@code
 *     $.calibrators.sell_p60.segments[0].calibrator.method}; {@code $} for the whole document
 * @param message what is wrong, what is allowed and, where it helps, what to do
 * @param severity {@code ERROR} makes the document invalid; {@code WARNING} is reported and the
 *     document is still used
 * @param code the stable error code documented in {@code docs/errors.md}, e.g. {@code CAL-CFG-004}
 */
public record ConfigProblem(String path, String message, Severity severity, String code) {

  /** How bad a problem is. */
  public enum Severity {
    /** The document must not be used. */
    ERROR,
    /** The document is used; the problem is reported (e.g. a factor clamped to its bounds). */
    WARNING
  }

  /** Checks that no field is null. */
  public ConfigProblem {
    Objects.requireNonNull(path, "path must not be null");
    Objects.requireNonNull(message, "message must not be null");
    Objects.requireNonNull(severity, "severity must not be null");
    Objects.requireNonNull(code, "code must not be null");
  }

  /** An error. */
  static ConfigProblem error(String code, String path, String message) {
    return new ConfigProblem(path, message, Severity.ERROR, code);
  }

  /** A warning. */
  static ConfigProblem warning(String code, String path, String message) {
    return new ConfigProblem(path, message, Severity.WARNING, code);
  }

  /** One line: {@code ERROR CAL-CFG-004 at $.path: message}. */
  @Override
  public String toString() {
    return severity + " " + code + " at " + path + ": " + message;
  }
}
