package dev.calibration.core.overrides;

import java.util.Locale;

/**
 * The closed interval every factor is clamped to.
 *
 * @param min the smallest allowed factor; finite
 * @param max the largest allowed factor; finite, {@code >= min}
 */
public record FactorBounds(double min, double max) {
  /** The default bounds, {@code [0.5, 1.2]}. */
  public static final FactorBounds DEFAULT = new FactorBounds(0.5, 1.2);

  /** Checks that both ends are finite and ordered. */
  public FactorBounds {
    if (!Double.isFinite(min)) {
      throw new IllegalArgumentException("min must be finite but was " + min);
    }
    if (!Double.isFinite(max)) {
      throw new IllegalArgumentException("max must be finite but was " + max);
    }
    if (min > max) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "min must be <= max but min was %s and max %s", min, max));
    }
  }

  /** {@code value} moved into {@code [min, max]}. */
  public double clamp(double value) {
    return Math.max(min, Math.min(max, value));
  }

  /** Whether {@code value} lies in {@code [min, max]}. */
  public boolean contains(double value) {
    return value >= min && value <= max;
  }
}
