package dev.calibration.core.calibrate;

import dev.calibration.api.CalibrationData;

/**
 * The checks a method makes on its data before fitting; every failure is an {@link
 * IllegalArgumentException} with code CAL-METHOD-004 that names the method and the offending point.
 */
final class FitChecks {
  private FitChecks() {}

  /** At least one point with positive weight. */
  static void notEmpty(String method, CalibrationData data) {
    if (data.size() == 0) {
      throw invalid(method, "cannot fit empty data");
    }
    for (int i = 0; i < data.size(); i++) {
      if (data.weight(i) > 0) {
        return;
      }
    }
    throw invalid(method, "cannot fit data whose " + data.size() + " weights are all zero");
  }

  /** Labels are 0 or 1 and both occur with positive weight. */
  static void binaryLabels(String method, CalibrationData data) {
    notEmpty(method, data);
    boolean zero = false;
    boolean one = false;
    for (int i = 0; i < data.size(); i++) {
      double y = data.label(i);
      if (y != 0.0 && y != 1.0) {
        throw invalid(method, "needs labels 0 or 1 but labels[" + i + "] was " + y);
      }
      if (data.weight(i) > 0) {
        zero |= y == 0.0;
        one |= y == 1.0;
      }
    }
    if (!zero || !one) {
      throw invalid(
          method,
          "needs both labels 0 and 1 (with positive weight) but only " + (one ? "1" : "0") + " occurs");
    }
  }

  /** Labels are in [0, 1] and at least two distinct labels occur with positive weight. */
  static void unitLabels(String method, CalibrationData data) {
    notEmpty(method, data);
    for (int i = 0; i < data.size(); i++) {
      double y = data.label(i);
      if (!(y >= 0.0 && y <= 1.0)) {
        throw invalid(method, "needs labels in [0, 1] but labels[" + i + "] was " + y);
      }
    }
    twoDistinctLabels(method, data);
  }

  /** At least two distinct labels occur with positive weight. */
  static void twoDistinctLabels(String method, CalibrationData data) {
    notEmpty(method, data);
    double first = Double.NaN;
    for (int i = 0; i < data.size(); i++) {
      if (data.weight(i) > 0) {
        double y = data.label(i);
        if (first != first) {
          first = y;
        } else if (y != first) {
          return;
        }
      }
    }
    throw invalid(
        method, "needs at least 2 distinct labels but every weighted label is " + first);
  }

  /** Scores are probabilities in [0, 1]. */
  static void probabilityScores(String method, CalibrationData data) {
    for (int i = 0; i < data.size(); i++) {
      double s = data.score(i);
      if (!(s >= 0.0 && s <= 1.0)) {
        throw invalid(
            method, "needs scores that are probabilities in [0, 1] but scores[" + i + "] was " + s);
      }
    }
  }

  /**
   * The logits of the scores, after checking that every score is a probability in [0, 1].
   *
   * @return a new array; the data are not changed
   */
  static double[] logitScores(String method, CalibrationData data) {
    probabilityScores(method, data);
    double[] z = data.scores();
    for (int i = 0; i < z.length; i++) {
      z[i] = Probability.logit(z[i]);
    }
    return z;
  }

  static IllegalArgumentException invalid(String method, String what) {
    return new IllegalArgumentException("CAL-METHOD-004 " + method + " " + what);
  }
}
