package dev.calibration.core.calibrate;

import java.util.Locale;
import java.util.Objects;

/**
 * How {@link CalibrationMethods#select} chooses: the fraction of the data (the most recent points)
 * held out for scoring, and the loss that scores a candidate on it.
 *
 * @param holdoutFraction the last fraction of the time-ordered data used for scoring, in (0, 1)
 * @param loss the loss a candidate is scored by on the holdout (lower wins)
 */
public record SelectionOptions(double holdoutFraction, Loss loss) {
  /** The default holdout fraction, 0.2. */
  public static final double DEFAULT_HOLDOUT_FRACTION = 0.2;

  /** The loss that scores a candidate on the holdout. */
  public enum Loss {
    /**
     * Weighted mean log loss {@code -(y ln p + (1 - y) ln(1 - p))}, with p clipped to {@code
     * [2^-52, 1 - 2^-52]}.
     */
    LOG_LOSS,
    /** Weighted mean Brier score {@code (p - y)^2}. */
    BRIER
  }

  /** Checks the values. */
  public SelectionOptions {
    checkFraction(holdoutFraction);
    Objects.requireNonNull(loss, "loss must not be null");
  }

  /** Holdout 0.2, log loss. */
  public static SelectionOptions defaults() {
    return new SelectionOptions(DEFAULT_HOLDOUT_FRACTION, Loss.LOG_LOSS);
  }

  /** These options with another holdout fraction. */
  public SelectionOptions withHoldoutFraction(double fraction) {
    return new SelectionOptions(fraction, loss);
  }

  /** These options with another loss. */
  public SelectionOptions withLoss(Loss loss) {
    return new SelectionOptions(holdoutFraction, loss);
  }

  private static void checkFraction(double f) {
    if (!(f > 0 && f < 1)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "holdoutFraction must be > 0 and < 1 but was %s", Double.toString(f)));
    }
  }
}
