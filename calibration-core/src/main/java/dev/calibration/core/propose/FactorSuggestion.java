package dev.calibration.core.propose;

import java.util.Objects;

/**
 * A suggested value for one factor (e.g. {@code CONDITION_PRICE_FACTOR["used_good"]}) and how it
 * was reached.
 *
 * @param table the factor table, e.g. {@code "CONDITION_PRICE_FACTOR"}
 * @param key the key within the table, e.g. {@code "used_good"}
 * @param current the factor in use when the predictions were made
 * @param n the number of joined samples behind the suggestion
 * @param ratio sum of observed over sum of predicted values (NaN when undefined)
 * @param raw {@code current * ratio}, before shrinkage and clamping (equal to current when
 *     undefined)
 * @param shrinkWeight {@code n / (n + k)}, the weight given to the evidence over the current factor
 * @param suggested the shrunk and clamped suggestion
 * @param min the lower bound applied
 * @param max the upper bound applied
 * @param clamped whether a bound changed the shrunk value
 * @param reason one line saying why
 */
public record FactorSuggestion(
    String table,
    String key,
    double current,
    long n,
    double ratio,
    double raw,
    double shrinkWeight,
    double suggested,
    double min,
    double max,
    boolean clamped,
    String reason) {

  /** Checks that the names are present. */
  public FactorSuggestion {
    Objects.requireNonNull(table, "table must not be null");
    Objects.requireNonNull(key, "key must not be null");
    Objects.requireNonNull(reason, "reason must not be null");
  }

  /** {@code suggested - current}. */
  public double delta() {
    return suggested - current;
  }

  /** The relative change in percent of the current factor (0 when it is 0). */
  public double changePercent() {
    return current == 0 ? 0 : 100 * (suggested - current) / current;
  }
}
