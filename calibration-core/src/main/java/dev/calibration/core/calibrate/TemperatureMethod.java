package dev.calibration.core.calibrate;

import dev.calibration.api.CalibrationData;
import dev.calibration.api.CalibrationMethod;
import dev.calibration.api.Calibrator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;

/**
 * Temperature scaling, {@code "temperature"}: {@code p' = 1 / (1 + exp(-z / T))} with one parameter
 * {@code T > 0} applied to the logit {@code z} of the score.
 *
 * <p>T minimises the weighted negative log-likelihood of the labels (in [0, 1]); it is found by
 * Brent's method (Commons Math) on {@code ln T} over {@code [ln MIN_T, ln MAX_T]}, to a relative
 * tolerance of 1e-10. On calibrated data the optimum is {@code T = 1}, the identity. When the data
 * push the optimum beyond the interval (perfectly separated labels want {@code T -> 0}), the result
 * is the nearest end.
 *
 * <p>Input: a probability in [0, 1] ({@link Input#PROBABILITY}, the default; clipped to {@code
 * [2^-52, 1 - 2^-52]} before the logit, and at apply time too), or a logit ({@link Input#LOGIT}).
 * Parameters: {@code t} and {@code input} ({@code "probability"} or {@code "logit"}; {@code
 * "probability"} when absent).
 */
public final class TemperatureMethod implements CalibrationMethod {
  /** The registered name. */
  public static final String NAME = "temperature";

  /** The smallest temperature the fit considers. */
  public static final double MIN_T = 0.01;

  /** The largest temperature the fit considers. */
  public static final double MAX_T = 100.0;

  /** What the score is. */
  public enum Input {
    /** A probability; its logit is scaled. */
    PROBABILITY,
    /** Already a logit. */
    LOGIT
  }

  private final Input input;

  /** The default method: probability scores. */
  public TemperatureMethod() {
    this(Input.PROBABILITY);
  }

  private TemperatureMethod(Input input) {
    this.input = input;
  }

  /** A method for scores of the given kind. */
  public static TemperatureMethod withInput(Input input) {
    return new TemperatureMethod(Objects.requireNonNull(input, "input must not be null"));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Calibrator fit(CalibrationData data) {
    FitChecks.unitLabels(NAME, data);
    double[] z =
        input == Input.PROBABILITY ? FitChecks.logitScores(NAME, data) : data.scores();
    double[] y = data.labels();
    double[] w = data.weights();
    UnivariateObjectiveFunction nll =
        new UnivariateObjectiveFunction(u -> negativeLogLikelihood(z, y, w, Math.exp(-u)));
    UnivariatePointValuePair best =
        new BrentOptimizer(1e-10, 1e-14)
            .optimize(
                new MaxEval(1_000),
                nll,
                GoalType.MINIMIZE,
                new SearchInterval(Math.log(MIN_T), Math.log(MAX_T), 0.0));
    double t = Math.exp(best.getPoint());
    return new TemperatureCalibrator(Math.min(MAX_T, Math.max(MIN_T, t)), input);
  }

  /** {@code sum_i w_i (ln(1 + exp(s z_i)) - y_i s z_i)} with {@code s = 1 / T}. */
  static double negativeLogLikelihood(double[] z, double[] y, double[] w, double s) {
    double sum = 0;
    for (int i = 0; i < z.length; i++) {
      double v = s * z[i];
      sum += w[i] * (Math.max(v, 0.0) + Math.log1p(Math.exp(-Math.abs(v))) - y[i] * v);
    }
    return sum;
  }

  @Override
  public Calibrator restore(Map<String, ?> parameters) {
    Params.checkKeys(NAME, parameters, Set.of("t", "input"));
    double t = Params.number(NAME, parameters, "t");
    if (!(t > 0)) {
      throw Params.invalid(NAME, "parameter \"t\" must be > 0 but was " + t);
    }
    return new TemperatureCalibrator(
        t, Params.choice(NAME, parameters, "input", Input.class, Input.PROBABILITY));
  }

  @Override
  public String toString() {
    return NAME + "[input=" + input.name().toLowerCase(Locale.ROOT) + "]";
  }

  /** {@code sigmoid(logit(p) / t)}. */
  static final class TemperatureCalibrator implements Calibrator {
    private final double inverseT;
    private final Input input;
    private final Map<String, Object> parameters;

    TemperatureCalibrator(double t, Input input) {
      this.inverseT = 1.0 / t;
      this.input = input;
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("t", t);
      p.put("input", input.name().toLowerCase(Locale.ROOT));
      this.parameters = Collections.unmodifiableMap(p);
    }

    @Override
    public double apply(double score) {
      double z = input == Input.PROBABILITY ? Probability.logit(score) : score;
      return Probability.sigmoid(z * inverseT);
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
      return String.format(Locale.ROOT, "temperature[t=%.6g, input=%s]", 1 / inverseT, input);
    }
  }
}
