package dev.calibration.isotonic;

import dev.calibration.api.CalibrationMethod;
import dev.calibration.api.testing.CalibrationMethodContract;

/** The SPI contract for the default isotonic method: labels are 0/1, so outputs are in [0, 1]. */
class IsotonicMethodContractTest extends CalibrationMethodContract {
  @Override
  protected CalibrationMethod method() {
    return new IsotonicMethod();
  }

  @Override
  protected boolean rejectsSingleLabel() {
    return false; // a regression: constant labels give a constant map, as scikit-learn
  }
}
