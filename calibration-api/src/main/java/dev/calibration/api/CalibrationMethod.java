package dev.calibration.api;

import java.util.Map;

/**
 * A calibration method, found through {@link java.util.ServiceLoader} and used by its {@link
 * #name()} everywhere: library, config files and command line.
 *
 * <p>Implementations are immutable and thread-safe; a method's options are fixed when it is
 * constructed (each implementation offers a typed options object or builder). The instance
 * registered with the service loader carries the default options.
 */
public interface CalibrationMethod {

  /** The registered name, lower case, e.g. {@code "isotonic"}, {@code "platt"}. */
  String name();

  /**
   * Fits a calibrator to the data.
   *
   * @throws IllegalArgumentException when the data cannot be fitted by this method (empty, fewer
   *     than two distinct labels where the method needs them, labels or scores outside the
   *     method's domain), with a message saying what was wrong
   */
  Calibrator fit(CalibrationData data);

  /**
   * Rebuilds a calibrator from the {@link Calibrator#parameters()} of one this method made.
   *
   * @throws IllegalArgumentException when a parameter is missing or invalid, naming it
   */
  Calibrator restore(Map<String, ?> parameters);
}
