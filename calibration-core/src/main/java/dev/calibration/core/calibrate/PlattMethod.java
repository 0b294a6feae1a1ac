package dev.calibration.core.calibrate;

import dev.calibration.api.CalibrationData;
import dev.calibration.api.CalibrationMethod;
import dev.calibration.api.Calibrator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Platt scaling, {@code "platt"}: {@code p = 1 / (1 + exp(A * f + B))}, as scikit-learn's {@code
 * CalibratedClassifierCV(method="sigmoid")} defines it.
 *
 * <p>The fit minimises the weighted cross-entropy against Platt's smoothed targets: a positive
 * (label 1) gets {@code (N+ + 1) / (N+ + 2)}, a negative (label 0) {@code 1 / (N- + 2)}, where
 * {@code N+} and {@code N-} are the class weight sums (counts when unweighted). It uses the Newton
 * method with backtracking of Lin, Lin and Weng (2007), starting from {@code A = 0, B = ln((N- + 1)
 * / (N+ + 1))}. The objective is convex, so the result is its optimum, which is what scikit-learn's
 * BFGS converges to. Scores are centred and scaled internally, so raw scores of any magnitude fit.
 *
 * <p>Input {@code f} is the raw score ({@link Input#RAW}, the default, as scikit-learn), or the
 * logit of a probability score ({@link Input#LOGIT}); with LOGIT, scores must be in [0, 1] when
 * fitting, and at apply time a score is clipped to {@code [2^-52, 1 - 2^-52]} first.
 *
 * <p>Parameters: {@code a}, {@code b} (numbers) and {@code input} ({@code "raw"} or {@code
 * "logit"}; {@code "raw"} when absent).
 */
public final class PlattMethod implements CalibrationMethod {
  /** The registered name. */
  public static final String NAME = "platt";

  /** What the sigmoid is applied to. */
  public enum Input {
    /** The score itself. */
    RAW,
    /** The logit {@code ln(p / (1 - p))} of a probability score. */
    LOGIT
  }

  private final Input input;

  /** The default method: input {@link Input#RAW}, as scikit-learn. */
  public PlattMethod() {
    this(Input.RAW);
  }

  private PlattMethod(Input input) {
    this.input = input;
  }

  /** A method that fits the sigmoid on the given input. */
  public static PlattMethod withInput(Input input) {
    return new PlattMethod(Objects.requireNonNull(input, "input must not be null"));
  }

  /** This method's input option. */
  public Input input() {
    return input;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Calibrator fit(CalibrationData data) {
    FitChecks.binaryLabels(NAME, data);
    int n = data.size();
    double[] f = input == Input.LOGIT ? FitChecks.logitScores(NAME, data) : data.scores();
    double[] w = data.weights();
    double prior1 = 0;
    double prior0 = 0;
    for (int i = 0; i < n; i++) {
      if (data.label(i) > 0) {
        prior1 += w[i];
      } else {
        prior0 += w[i];
      }
    }
    double hi = (prior1 + 1.0) / (prior1 + 2.0);
    double lo = 1.0 / (prior0 + 2.0);
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = data.label(i) > 0 ? hi : lo;
    }
    // Platt's start B0 = ln((N- + 1) / (N+ + 1)) is the intercept -B0 of z = -(A f + B).
    LogisticNewton.Result r = LogisticNewton.fit(f, null, t, w, Math.log((prior1 + 1) / (prior0 + 1)));
    return new PlattCalibrator(-r.b1(), -r.intercept(), input);
  }

  @Override
  public Calibrator restore(Map<String, ?> parameters) {
    Params.checkKeys(NAME, parameters, Set.of("a", "b", "input"));
    return new PlattCalibrator(
        Params.number(NAME, parameters, "a"),
        Params.number(NAME, parameters, "b"),
        Params.choice(NAME, parameters, "input", Input.class, Input.RAW));
  }

  @Override
  public String toString() {
    return NAME + "[input=" + input.name().toLowerCase(Locale.ROOT) + "]";
  }

  /** {@code 1 / (1 + exp(a * f + b))}. */
  static final class PlattCalibrator implements Calibrator {
    private final double a;
    private final double b;
    private final Input input;
    private final Map<String, Object> parameters;

    PlattCalibrator(double a, double b, Input input) {
      this.a = a;
      this.b = b;
      this.input = input;
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("a", a);
      p.put("b", b);
      p.put("input", input.name().toLowerCase(Locale.ROOT));
      this.parameters = java.util.Collections.unmodifiableMap(p);
    }

    @Override
    public double apply(double score) {
      double f = input == Input.RAW ? score : Probability.logit(score);
      return Probability.sigmoid(-(a * f + b));
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
      return String.format(Locale.ROOT, "platt[a=%.6g, b=%.6g, input=%s]", a, b, input);
    }
  }
}
