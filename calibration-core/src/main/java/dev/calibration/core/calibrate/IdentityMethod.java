package dev.calibration.core.calibrate;

import dev.calibration.api.CalibrationData;
import dev.calibration.api.CalibrationMethod;
import dev.calibration.api.Calibrator;
import java.util.Map;
import java.util.Set;

/**
 * The no-op method {@code "identity"}: its calibrator returns the score unchanged, so that "no
 * calibration" is a first-class choice that can be selected, stored and restored like any other.
 *
 * <p>Fitting accepts any data, even empty data, and learns nothing; it has no parameters.
 */
public final class IdentityMethod implements CalibrationMethod {
  /** The registered name. */
  public static final String NAME = "identity";

  /** The method; it has no options. */
  public IdentityMethod() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Calibrator fit(CalibrationData data) {
    return IdentityCalibrator.INSTANCE;
  }

  @Override
  public Calibrator restore(Map<String, ?> parameters) {
    Params.checkKeys(NAME, parameters, Set.of());
    return IdentityCalibrator.INSTANCE;
  }

  /**
   * The identity calibrator itself, for code that needs "no calibration" without discovery (the
   * loader's last fallback).
   *
   * @return the shared, stateless instance
   */
  public static Calibrator calibrator() {
    return IdentityCalibrator.INSTANCE;
  }

  @Override
  public String toString() {
    return NAME;
  }

  /** Returns the score; NaN stays NaN. */
  static final class IdentityCalibrator implements Calibrator {
    static final IdentityCalibrator INSTANCE = new IdentityCalibrator();

    private IdentityCalibrator() {}

    @Override
    public double apply(double score) {
      return score;
    }

    @Override
    public String method() {
      return NAME;
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
}
