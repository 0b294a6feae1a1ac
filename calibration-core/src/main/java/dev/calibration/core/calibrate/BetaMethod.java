package dev.calibration.core.calibrate;

import dev.calibration.api.CalibrationData;
import dev.calibration.api.CalibrationMethod;
import dev.calibration.api.Calibrator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Beta calibration, {@code "beta"} (Kull, Silva Filho and Flach, 2017), the three-parameter
 * ("abm") form: {@code p' = 1 / (1 + exp(-(c + a ln p - b ln(1 - p))))}.
 *
 * <p>The fit is a weighted logistic regression of the 0/1 labels on the features {@code ln p} and
 * {@code -ln(1 - p)} (p clipped to {@code [2^-52, 1 - 2^-52]}), by Newton's method. The map is
 * monotone when {@code a, b >= 0}; as the paper and its reference package betacal do, when the fit
 * gives {@code a < 0} the feature {@code ln p} is dropped and the regression refitted on {@code
 * -ln(1 - p)} alone ({@code a = 0}); otherwise, when {@code b < 0}, {@code -ln(1 - p)} is dropped
 * ({@code b = 0}). Like betacal, the single-feature refit is taken as it comes.
 *
 * <p>Scores must be probabilities in [0, 1] and labels 0 or 1 when fitting; at apply time a score
 * is clipped to {@code [2^-52, 1 - 2^-52]}. Parameters: {@code a}, {@code b}, {@code c}.
 */
public final class BetaMethod implements CalibrationMethod {
  /** The registered name. */
  public static final String NAME = "beta";

  /** The method; it has no options. */
  public BetaMethod() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Calibrator fit(CalibrationData data) {
    FitChecks.binaryLabels(NAME, data);
    FitChecks.probabilityScores(NAME, data);
    int n = data.size();
    double[] lnP = new double[n];
    double[] lnQ = new double[n];
    for (int i = 0; i < n; i++) {
      double p = Probability.clip(data.score(i));
      lnP[i] = Math.log(p);
      lnQ[i] = -Math.log(1 - p);
    }
    double[] y = data.labels();
    double[] w = data.weights();
    double sumW = 0;
    double sumWy = 0;
    for (int i = 0; i < n; i++) {
      sumW += w[i];
      sumWy += w[i] * y[i];
    }
    double start = Math.log(sumWy / (sumW - sumWy));
    LogisticNewton.Result r = LogisticNewton.fit(lnP, lnQ, y, w, start);
    if (r.b1() < 0) {
      LogisticNewton.Result only = LogisticNewton.fit(lnQ, null, y, w, start);
      return new BetaCalibrator(0.0, only.b1(), only.intercept());
    }
    if (r.b2() < 0) {
      LogisticNewton.Result only = LogisticNewton.fit(lnP, null, y, w, start);
      return new BetaCalibrator(only.b1(), 0.0, only.intercept());
    }
    return new BetaCalibrator(r.b1(), r.b2(), r.intercept());
  }

  @Override
  public Calibrator restore(Map<String, ?> parameters) {
    Params.checkKeys(NAME, parameters, Set.of("a", "b", "c"));
    return new BetaCalibrator(
        Params.number(NAME, parameters, "a"),
        Params.number(NAME, parameters, "b"),
        Params.number(NAME, parameters, "c"));
  }

  @Override
  public String toString() {
    return NAME;
  }

  /** {@code sigmoid(c + a ln p - b ln(1 - p))}. */
  static final class BetaCalibrator implements Calibrator {
    private final double a;
    private final double b;
    private final double c;
    private final Map<String, Object> parameters;

    BetaCalibrator(double a, double b, double c) {
      this.a = a;
      this.b = b;
      this.c = c;
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("a", a);
      p.put("b", b);
      p.put("c", c);
      this.parameters = Collections.unmodifiableMap(p);
    }

    @Override
    public double apply(double score) {
      double p = Probability.clip(score);
      return Probability.sigmoid(c + a * Math.log(p) - b * Math.log(1 - p));
    }

    @Override
    public String method() {
      return NAME;
    }

    @Override
    public Map<String, Object> parameters() {
      return parameters;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "beta[a=%.6g, b=%.6g, c=%.6g]", a, b, c);
    }
  }
}
