package dev.calibration.core.propose;

import java.util.Locale;

/**
 * The thresholds of the safety gates. The defaults are those of the design: 50 joined samples to
 * run, 1000 to activate, at least 5% out-of-sample improvement, at least 15% of each class, weights
 * summing to 1 within 0.001, each weight in [0.15, 0.40] and moving at most 10%, factors in [0.5,
 * 1.2]; risk low up to 0.20, medium up to 0.40, high above.
 *
 * <p>Immutable and thread-safe.
 */
public final class GatePolicy {
  private static final GatePolicy DEFAULTS = new Builder().build();

  private final long minRunSamples;
  private final long minActivationSamples;
  private final double minImprovement;
  private final double minClassShare;
  private final double weightSumTolerance;
  private final double minWeight;
  private final double maxWeight;
  private final double maxWeightChange;
  private final double minFactor;
  private final double maxFactor;
  private final double lowRiskMax;
  private final double mediumRiskMax;

  private GatePolicy(Builder b) {
    this.minRunSamples = b.minRunSamples;
    this.minActivationSamples = b.minActivationSamples;
    this.minImprovement = b.minImprovement;
    this.minClassShare = b.minClassShare;
    this.weightSumTolerance = b.weightSumTolerance;
    this.minWeight = b.minWeight;
    this.maxWeight = b.maxWeight;
    this.maxWeightChange = b.maxWeightChange;
    this.minFactor = b.minFactor;
    this.maxFactor = b.maxFactor;
    this.lowRiskMax = b.lowRiskMax;
    this.mediumRiskMax = b.mediumRiskMax;
  }

  /** The design's default thresholds. */
  public static GatePolicy defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Joined samples needed for the run's suggestions to count (critical). */
  public long minRunSamples() {
    return minRunSamples;
  }

  /** Joined samples needed to activate (error). */
  public long minActivationSamples() {
    return minActivationSamples;
  }

  /** Least relative out-of-sample improvement of the chosen loss, as a fraction (error). */
  public double minImprovement() {
    return minImprovement;
  }

  /** Least share of each class of a binary target, as a fraction (error). */
  public double minClassShare() {
    return minClassShare;
  }

  /** Largest distance of a weight sum from 1 (critical). */
  public double weightSumTolerance() {
    return weightSumTolerance;
  }

  /** Smallest allowed ensemble weight (error). */
  public double minWeight() {
    return minWeight;
  }

  /** Largest allowed ensemble weight (error). */
  public double maxWeight() {
    return maxWeight;
  }

  /** Largest relative change of one weight, as a fraction (error). */
  public double maxWeightChange() {
    return maxWeightChange;
  }

  /** Default lower bound of a factor, for tables without their own (error). */
  public double minFactor() {
    return minFactor;
  }

  /** Default upper bound of a factor, for tables without their own (error). */
  public double maxFactor() {
    return maxFactor;
  }

  /** Highest risk score still rated low. */
  public double lowRiskMax() {
    return lowRiskMax;
  }

  /** Highest risk score still rated medium; above is high and blocking. */
  public double mediumRiskMax() {
    return mediumRiskMax;
  }

  /** A builder holding this policy's values, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.minRunSamples = minRunSamples;
    b.minActivationSamples = minActivationSamples;
    b.minImprovement = minImprovement;
    b.minClassShare = minClassShare;
    b.weightSumTolerance = weightSumTolerance;
    b.minWeight = minWeight;
    b.maxWeight = maxWeight;
    b.maxWeightChange = maxWeightChange;
    b.minFactor = minFactor;
    b.maxFactor = maxFactor;
    b.lowRiskMax = lowRiskMax;
    b.mediumRiskMax = mediumRiskMax;
    return b;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "GatePolicy[minRunSamples=%d, minActivationSamples=%d, minImprovement=%s,"
            + " minClassShare=%s, weightSumTolerance=%s, weights=[%s, %s], maxWeightChange=%s,"
            + " factors=[%s, %s], risk low<=%s, medium<=%s]",
        minRunSamples,
        minActivationSamples,
        minImprovement,
        minClassShare,
        weightSumTolerance,
        minWeight,
        maxWeight,
        maxWeightChange,
        minFactor,
        maxFactor,
        lowRiskMax,
        mediumRiskMax);
  }

  /** Builds a {@link GatePolicy}; each setter checks its value at once and names it. */
  public static final class Builder {
    private long minRunSamples = 50;
    private long minActivationSamples = 1000;
    private double minImprovement = 0.05;
    private double minClassShare = 0.15;
    private double weightSumTolerance = 0.001;
    private double minWeight = 0.15;
    private double maxWeight = 0.40;
    private double maxWeightChange = 0.10;
    private double minFactor = 0.5;
    private double maxFactor = 1.2;
    private double lowRiskMax = 0.20;
    private double mediumRiskMax = 0.40;

    private Builder() {}

    /**
     * Joined samples needed for the run.
     *
     * @param n {@code >= 0}
     * @return this builder
     */
    public Builder minRunSamples(long n) {
      this.minRunSamples = nonNegative("minRunSamples", n);
      return this;
    }

    /**
     * Joined samples needed to activate.
     *
     * @param n {@code >= 0}
     * @return this builder
     */
    public Builder minActivationSamples(long n) {
      this.minActivationSamples = nonNegative("minActivationSamples", n);
      return this;
    }

    /**
     * Least relative out-of-sample improvement.
     *
     * @param fraction in [0, 1], e.g. 0.05 for 5%
     * @return this builder
     */
    public Builder minImprovement(double fraction) {
      this.minImprovement = fraction("minImprovement", fraction, 1);
      return this;
    }

    /**
     * Least share of each class of a binary target.
     *
     * @param fraction in [0, 0.5]
     * @return this builder
     */
    public Builder minClassShare(double fraction) {
      this.minClassShare = fraction("minClassShare", fraction, 0.5);
      return this;
    }

    /**
     * Largest distance of a weight sum from 1.
     *
     * @param tolerance in [0, 1]
     * @return this builder
     */
    public Builder weightSumTolerance(double tolerance) {
      this.weightSumTolerance = fraction("weightSumTolerance", tolerance, 1);
      return this;
    }

    /**
     * Bounds of each ensemble weight.
     *
     * @param min in [0, 1]
     * @param max in [min, 1]
     * @return this builder
     */
    public Builder weightBounds(double min, double max) {
      fraction("min weight", min, 1);
      if (!(max >= min && max <= 1)) {
        throw new IllegalArgumentException(
            "max weight must be in [min weight " + min + ", 1] but was " + max);
      }
      this.minWeight = min;
      this.maxWeight = max;
      return this;
    }

    /**
     * Largest relative change of one weight.
     *
     * @param fraction in [0, 1], e.g. 0.10 for 10%
     * @return this builder
     */
    public Builder maxWeightChange(double fraction) {
      this.maxWeightChange = fraction("maxWeightChange", fraction, 1);
      return this;
    }

    /**
     * Default bounds of a factor.
     *
     * @param min finite and {@code > 0}
     * @param max finite and {@code >= min}
     * @return this builder
     */
    public Builder factorBounds(double min, double max) {
      if (!(min > 0) || !Double.isFinite(min)) {
        throw new IllegalArgumentException("min factor must be finite and > 0 but was " + min);
      }
      if (!(max >= min) || !Double.isFinite(max)) {
        throw new IllegalArgumentException(
            "max factor must be finite and >= min factor " + min + " but was " + max);
      }
      this.minFactor = min;
      this.maxFactor = max;
      return this;
    }

    /**
     * The risk level thresholds.
     *
     * @param lowMax highest score rated low, in [0, 1]
     * @param mediumMax highest score rated medium, in [lowMax, 1]
     * @return this builder
     */
    public Builder riskLevels(double lowMax, double mediumMax) {
      fraction("low risk max", lowMax, 1);
      if (!(mediumMax >= lowMax && mediumMax <= 1)) {
        throw new IllegalArgumentException(
            "medium risk max must be in [low risk max " + lowMax + ", 1] but was " + mediumMax);
      }
      this.lowRiskMax = lowMax;
      this.mediumRiskMax = mediumMax;
      return this;
    }

    private static long nonNegative(String name, long n) {
      if (n < 0) {
        throw new IllegalArgumentException(name + " must be >= 0 but was " + n);
      }
      return n;
    }

    private static double fraction(String name, double v, double max) {
      if (!(v >= 0 && v <= max)) {
        throw new IllegalArgumentException(
            name + " must be in [0, " + max + "] but was " + v);
      }
      return v;
    }

    /** The policy. */
    public GatePolicy build() {
      return new GatePolicy(this);
    }
  }
}
