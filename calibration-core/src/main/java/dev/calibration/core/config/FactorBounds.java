package dev.calibration.core.config;

/**
 * The closed interval a factor table's values are clamped to. In JSON: {@code
 * {"min":0.5,"max":1.2}}.
 *
 * <p>The record holds what a document says; {@link CalibrationConfig#validate} reports bounds that
 * are not finite, not positive or inverted.
 *
 * @param min the smallest allowed factor
 * @param max the largest allowed factor
 */
public record FactorBounds(double min, double max) {

  /** The bounds of a table the config gives none for: {@code [0.5, 1.2]}. */
  public static final FactorBounds DEFAULT = new FactorBounds(0.5, 1.2);

  /** {@code value} clamped to {@code [min, max]}; NaN stays NaN. */
  public double clamp(double value) {
    return Math.max(min, Math.min(max, value));
  }

  /** Whether {@code value} lies within {@code [min, max]}. */
  public boolean contains(double value) {
    return value >= min && value <= max;
  }
}
