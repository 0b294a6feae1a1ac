package dev.calibration.isotonic;

import dev.calibration.api.CalibrationData;
import dev.calibration.api.CalibrationMethod;
import dev.calibration.api.Calibrator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Isotonic regression, {@code "isotonic"}: the monotone map that minimises the weighted squared
 * error to the labels, by weighted pool-adjacent-violators. It reproduces scikit-learn 1.2.1's
 * {@code IsotonicRegression} (with {@code out_of_bounds="clip"} by default) to rounding:
 *
 * <ul>
 *   <li>points with zero weight are dropped; equal scores (within 1e-15) are pooled first into one
 *       point with the weighted mean label and the <em>summed</em> weight;
 *   <li>the fitted values are clipped to {@code [yMin, yMax]} when given;
 *   <li>the thresholds kept are the first and last point of every constant run (interior points
 *       are redundant); prediction interpolates linearly between them, or is a step function with
 *       {@link Interpolation#STEP};
 *   <li>a score outside the fitted range is clipped to it ({@link OutOfBounds#CLIP}), mapped to NaN
 *       ({@link OutOfBounds#NAN}) or rejected ({@link OutOfBounds#RAISE}, CAL-METHOD-006); NaN
 *       gives NaN.
 * </ul>
 *
 * <p>Fitting is O(n) after an O(n) radix sort of the scores, and accepts any finite labels, one
 * point, and constant labels (a constant map), as scikit-learn does.
 *
 * <p>Parameters: {@code x}, {@code y} (lists of equal length at least 1, x strictly increasing, y
 * monotone), {@code out_of_bounds} ({@code "clip"}, {@code "nan"}, {@code "raise"}; clip when
 * absent) and {@code interpolation} ({@code "linear"}, {@code "step"}; linear when absent).
 */
public final class IsotonicMethod implements CalibrationMethod {
  /** The registered name. */
  public static final String NAME = "isotonic";

  /** The direction of the fitted map. */
  public enum Direction {
    /** Non-decreasing (the default). */
    INCREASING,
    /** Non-increasing. */
    DECREASING,
    /**
     * Chosen from the data: increasing when the Spearman correlation of score and label is {@code
     * >= 0}, as scikit-learn's {@code increasing="auto"}.
     */
    AUTO
  }

  /** What apply does with a score outside the fitted score range. */
  public enum OutOfBounds {
    /** Use the nearest end of the range (scikit-learn's {@code "clip"}). */
    CLIP,
    /** Return NaN. */
    NAN,
    /** Throw {@link IllegalArgumentException} (CAL-METHOD-006). */
    RAISE
  }

  /** How apply maps a score between two thresholds. */
  public enum Interpolation {
    /** Linearly, as scikit-learn's {@code predict}. */
    LINEAR,
    /** The value of the last threshold at or below the score. */
    STEP
  }

  private final Direction direction;
  private final double yMin;
  private final double yMax;
  private final OutOfBounds outOfBounds;
  private final Interpolation interpolation;

  /** The default method: increasing, no clipping of values, out of bounds clip, linear. */
  public IsotonicMethod() {
    this(
        Direction.INCREASING,
        Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY,
        OutOfBounds.CLIP,
        Interpolation.LINEAR);
  }

  private IsotonicMethod(
      Direction direction,
      double yMin,
      double yMax,
      OutOfBounds outOfBounds,
      Interpolation interpolation) {
    this.direction = direction;
    this.yMin = yMin;
    this.yMax = yMax;
    this.outOfBounds = outOfBounds;
    this.interpolation = interpolation;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Options of {@link IsotonicMethod}; each setter checks its value and names it. */
  public static final class Builder {
    private Direction direction = Direction.INCREASING;
    private double yMin = Double.NEGATIVE_INFINITY;
    private double yMax = Double.POSITIVE_INFINITY;
    private OutOfBounds outOfBounds = OutOfBounds.CLIP;
    private Interpolation interpolation = Interpolation.LINEAR;

    private Builder() {}

    /** The direction (default {@link Direction#INCREASING}). */
    public Builder direction(Direction direction) {
      this.direction = Objects.requireNonNull(direction, "direction must not be null");
      return this;
    }

    /** The lowest fitted value; must not be NaN and not above {@code yMax}. */
    public Builder yMin(double yMin) {
      if (Double.isNaN(yMin) || yMin > yMax) {
        throw new IllegalArgumentException(
            "yMin must be a number <= yMax (" + yMax + ") but was " + yMin);
      }
      this.yMin = yMin;
      return this;
    }

    /** The highest fitted value; must not be NaN and not below {@code yMin}. */
    public Builder yMax(double yMax) {
      if (Double.isNaN(yMax) || yMax < yMin) {
        throw new IllegalArgumentException(
            "yMax must be a number >= yMin (" + yMin + ") but was " + yMax);
      }
      this.yMax = yMax;
      return this;
    }

    /** What apply does outside the fitted range (default {@link OutOfBounds#CLIP}). */
    public Builder outOfBounds(OutOfBounds outOfBounds) {
      this.outOfBounds = Objects.requireNonNull(outOfBounds, "outOfBounds must not be null");
      return this;
    }

    /** Linear (default) or step between thresholds. */
    public Builder interpolation(Interpolation interpolation) {
      this.interpolation = Objects.requireNonNull(interpolation, "interpolation must not be null");
      return this;
    }

    /** The method with these options. */
    public IsotonicMethod build() {
      return new IsotonicMethod(direction, yMin, yMax, outOfBounds, interpolation);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Fits the isotonic map.
   *
   * @throws IllegalArgumentException (CAL-METHOD-004) when the data are empty or all weights are
   *     zero
   */
  @Override
  public Calibrator fit(CalibrationData data) {
    Objects.requireNonNull(data, "data must not be null");
    if (data.size() == 0) {
      throw new IllegalArgumentException("CAL-METHOD-004 isotonic cannot fit empty data");
    }
    boolean any = false;
    for (int i = 0; i < data.size() && !any; i++) {
      any = data.weight(i) > 0;
    }
    if (!any) {
      throw new IllegalArgumentException(
          "CAL-METHOD-004 isotonic cannot fit data whose "
              + data.size()
              + " weights are all zero");
    }
    boolean increasing =
        direction == Direction.AUTO
            ? PoolAdjacentViolators.spearmanNonNegative(data)
            : direction == Direction.INCREASING;
    PoolAdjacentViolators.Thresholds t = PoolAdjacentViolators.fit(data, increasing, yMin, yMax);
    return new IsotonicCalibrator(t.x(), t.y(), outOfBounds, interpolation);
  }

  @Override
  public Calibrator restore(Map<String, ?> parameters) {
    Params.checkKeys(NAME, parameters, Set.of("x", "y", "out_of_bounds", "interpolation"));
    double[] x = Params.numbers(NAME, parameters, "x");
    double[] y = Params.numbers(NAME, parameters, "y");
    if (x.length == 0 || x.length != y.length) {
      throw Params.invalid(
          NAME,
          "needs lists x and y of equal length >= 1 but had "
              + x.length
              + " and "
              + y.length
              + " numbers");
    }
    boolean up = true;
    boolean down = true;
    for (int i = 1; i < x.length; i++) {
      if (!(x[i] > x[i - 1])) {
        throw Params.invalid(
            NAME,
            "parameter \"x\" must be strictly increasing but x["
                + i
                + "] = "
                + x[i]
                + " <= x["
                + (i - 1)
                + "] = "
                + x[i - 1]);
      }
      up &= y[i] >= y[i - 1];
      down &= y[i] <= y[i - 1];
    }
    if (!up && !down) {
      throw Params.invalid(NAME, "parameter \"y\" must be monotone (all up or all down)");
    }
    return new IsotonicCalibrator(
        x,
        y,
        Params.choice(NAME, parameters, "out_of_bounds", OutOfBounds.class, OutOfBounds.CLIP),
        Params.choice(
            NAME, parameters, "interpolation", Interpolation.class, Interpolation.LINEAR));
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "isotonic[direction=%s, yMin=%s, yMax=%s, out_of_bounds=%s, interpolation=%s]",
        direction,
        yMin,
        yMax,
        outOfBounds,
        interpolation);
  }
}
