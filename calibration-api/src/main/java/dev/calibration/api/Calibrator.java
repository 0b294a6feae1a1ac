package dev.calibration.api;

import java.util.Map;

/**
 * A fitted calibration map from a raw score to a calibrated value.
 *
 * <p>Immutable and thread-safe. {@link #apply(double)} allocates nothing, so a host may call it on
 * every prediction. NaN in gives NaN out. What happens to an input outside the fitted range is the
 * method's documented out-of-bounds rule.
 */
public interface Calibrator {

  /** The calibrated value of {@code score}. */
  double apply(double score);

  /** The name of the method that made this calibrator, as registered (e.g. {@code "isotonic"}). */
  String method();

  /**
   * Everything needed to rebuild this calibrator with {@link CalibrationMethod#restore(Map)}, as
   * plain JSON-like values: strings, booleans, numbers, lists and maps. Unmodifiable.
   */
  Map<String, Object> parameters();
}
