package dev.calibration.core.propose;

import java.util.Objects;

/**
 * The result of one safety check.
 *
 * @param name a stable dotted name, e.g. {@code "weights.sum.main"} or {@code
 *     "improvement.sell_p60"}
 * @param severity how much a failure counts toward the risk score
 * @param measured the measured value (what the check looked at)
 * @param threshold the threshold it was compared with
 * @param passed whether the check passed
 * @param message one line a person can act on, naming the values
 */
public record CheckResult(
    String name,
    Severity severity,
    double measured,
    double threshold,
    boolean passed,
    String message) {

  /** Checks that the texts are present. */
  public CheckResult {
    Objects.requireNonNull(name, "name must not be null");
    Objects.requireNonNull(severity, "severity must not be null");
    Objects.requireNonNull(message, "message must not be null");
  }
}
