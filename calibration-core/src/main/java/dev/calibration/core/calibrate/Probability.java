package dev.calibration.core.calibrate;

/** Numerically careful logistic helpers shared by the probability methods. */
final class Probability {
  /**
   * Probabilities are clipped to {@code [EPS, 1 - EPS]} before a logarithm, with {@code EPS} the
   * machine epsilon of double (2<sup>-52</sup>), as the betacal package does with numpy's
   * {@code finfo(float64).eps}.
   */
  static final double EPS = Math.ulp(1.0);

  private Probability() {}

  /** {@code p} clipped to {@code [EPS, 1 - EPS]}; NaN stays NaN. */
  static double clip(double p) {
    return p < EPS ? EPS : (p > 1 - EPS ? 1 - EPS : p);
  }

  /** {@code ln(p / (1 - p))} of the clipped probability. */
  static double logit(double p) {
    double c = clip(p);
    return Math.log(c / (1 - c));
  }

  /** {@code 1 / (1 + exp(-z))}, without overflow for large {@code |z|}. */
  static double sigmoid(double z) {
    if (z >= 0) {
      return 1.0 / (1.0 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1.0 + e);
  }
}
