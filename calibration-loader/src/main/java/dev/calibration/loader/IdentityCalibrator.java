package dev.calibration.loader;

import dev.calibration.api.Calibrator;
import java.util.Map;

/** The calibrator of a target without any: returns the score unchanged. */
final class IdentityCalibrator implements Calibrator {

  static final IdentityCalibrator INSTANCE = new IdentityCalibrator();

  private IdentityCalibrator() {}

  @Override
  public double apply(double score) {
    return score;
  }

  @Override
  public String method() {
    return "identity";
  }

  @Override
  public Map<String, Object> parameters() {
    return Map.of();
  }

  @Override
  public String toString() {
    return "identity";
  }
}
