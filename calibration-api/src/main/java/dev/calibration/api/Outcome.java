package dev.calibration.api;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What really happened to a prediction, joined to it by {@link #id()}.
 *
 * @param id the prediction id this outcome belongs to; not blank
 * @param timestamp when the outcome was observed, if known
 * @param values observed values by name (e.g. {@code "sold_60d" -> 1.0}); finite, insertion ordered
 * @param status how the outcome settled; only {@link OutcomeStatus#SETTLED} is used for calibration
 */
public record Outcome(
    String id, Optional<Instant> timestamp, Map<String, Double> values, OutcomeStatus status) {

  /** Checks every field and makes the maps unmodifiable copies. */
  public Outcome {
    Checks.notBlank(id, "id");
    Checks.notNull(timestamp, "timestamp");
    values = Checks.finiteValues(values, "values");
    Checks.notNull(status, "status");
  }

  /** A settled outcome with no timestamp. */
  public static Outcome settled(String id, Map<String, Double> values) {
    return new Outcome(id, Optional.empty(), values, OutcomeStatus.SETTLED);
  }

  /** The observed value of {@code name}, if present. */
  public Optional<Double> value(String name) {
    return Optional.ofNullable(values.get(name));
  }
}
