/**
 * Isotonic regression (weighted pool-adjacent-violators) as a calibration method, registered
 * through the {@link dev.calibration.api.CalibrationMethod} SPI under the name {@code "isotonic"}.
 */
module dev.calibration.isotonic {
  requires transitive dev.calibration.api;
  requires static org.jspecify;

  exports dev.calibration.isotonic;

  provides dev.calibration.api.CalibrationMethod with
      dev.calibration.isotonic.IsotonicMethod;
}
