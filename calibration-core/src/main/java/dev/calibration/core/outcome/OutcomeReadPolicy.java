package dev.calibration.core.outcome;

/**
 * What an outcome reader does with a bad row (missing id, wrong column count, unknown status,
 * unparsable timestamp). Non-numeric value cells are never bad rows: the value is left out of the
 * outcome and counted in {@link OutcomeReadStats#nonNumeric()}.
 */
public enum OutcomeReadPolicy {
  /** Stop at the first bad row with an {@link OutcomeReadException} naming file, line and column. */
  FAIL,
  /** Skip bad rows, count them and keep the first reasons in {@link OutcomeReadStats}. */
  SKIP
}
