package dev.calibration.isotonic;

import dev.calibration.api.CalibrationMethod;
import dev.calibration.api.testing.CalibrationMethodContract;

/** The SPI contract for the step-interpolated isotonic method. */
class IsotonicMethodStepContractTest extends CalibrationMethodContract {
  @Override
  protected CalibrationMethod method() {
    return IsotonicMethod.builder()
        .interpolation(IsotonicMethod.Interpolation.STEP)
        .outOfBounds(IsotonicMethod.OutOfBounds.CLIP)
        .build();
  }

  @Override
  protected boolean rejectsSingleLabel() {
    return false;
  }
}
