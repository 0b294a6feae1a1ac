/**
 * Calibration Loop API: value types and SPI interfaces, with no run-time dependencies.
 *
 * <p>A host can compile against this module alone, and a test suite can stub every interface in it.
 */
module dev.calibration.api {
  requires static org.jspecify;

  exports dev.calibration.api;

  uses dev.calibration.api.CalibrationMethod;
}
