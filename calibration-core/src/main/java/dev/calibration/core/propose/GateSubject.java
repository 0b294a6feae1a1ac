package dev.calibration.core.propose;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the safety gates look at: the sample count, the out-of-sample evidence of each fitted
 * calibrator, the class balance of each binary target, the proposed ensemble weights and the
 * proposed factors. Build one with {@link #builder(long)}.
 *
 * @param joinedSamples joined (settled) samples of the run
 * @param improvements holdout losses before and after calibration, one per calibrated target
 * @param classBalances the positive share of each binary target
 * @param weights the current and proposed weights of each ensemble
 * @param factors the proposed factors of each table with its bounds
 */
public record GateSubject(
    long joinedSamples,
    List<Improvement> improvements,
    List<ClassBalance> classBalances,
    List<Weights> weights,
    List<Factors> factors) {

  /** Copies the lists. */
  public GateSubject {
    improvements = List.copyOf(improvements);
    classBalances = List.copyOf(classBalances);
    weights = List.copyOf(weights);
    factors = List.copyOf(factors);
  }

  /**
   * A builder.
   *
   * @param joinedSamples joined (settled) samples of the run, {@code >= 0}
   * @return the builder
   */
  public static Builder builder(long joinedSamples) {
    return new Builder(joinedSamples);
  }

  /**
   * A fitted calibrator's loss on the time-ordered holdout, before (raw predictions) and after.
   *
   * @param target the target, e.g. {@code "sell_p60"}
   * @param loss the loss's name, e.g. {@code "brier"}
   * @param before the holdout loss of the raw predictions
   * @param after the holdout loss of the calibrated predictions
   * @param holdoutSize the number of holdout samples
   */
  public record Improvement(String target, String loss, double before, double after, int holdoutSize) {
    /** Checks the names. */
    public Improvement {
      Objects.requireNonNull(target, "target must not be null");
      Objects.requireNonNull(loss, "loss must not be null");
    }

    /** {@code (before - after) / before}; 0 when {@code before} is 0 or either is not finite. */
    public double relative() {
      if (!(before > 0) || !Double.isFinite(before) || !Double.isFinite(after)) {
        return 0;
      }
      return (before - after) / before;
    }
  }

  /**
   * The class balance of a binary target.
   *
   * @param target the target
   * @param positiveShare the share of positive outcomes, in [0, 1]
   * @param n the number of outcomes
   */
  public record ClassBalance(String target, double positiveShare, long n) {
    /** Checks the name. */
    public ClassBalance {
      Objects.requireNonNull(target, "target must not be null");
    }

    /** The share of the rarer class. */
    public double minorityShare() {
      return Math.min(positiveShare, 1 - positiveShare);
    }
  }

  /**
   * One ensemble's weights.
   *
   * @param ensemble the ensemble's name
   * @param before the current weights
   * @param after the proposed weights
   */
  public record Weights(String ensemble, Map<String, Double> before, Map<String, Double> after) {
    /** Copies the maps. */
    public Weights {
      Objects.requireNonNull(ensemble, "ensemble must not be null");
      before = Collections.unmodifiableMap(new LinkedHashMap<>(before));
      after = Collections.unmodifiableMap(new LinkedHashMap<>(after));
    }
  }

  /**
   * One table's proposed factors.
   *
   * @param table the table's name
   * @param values the proposed factors by key
   * @param min the table's lower bound, or NaN for the policy's default
   * @param max the table's upper bound, or NaN for the policy's default
   */
  public record Factors(String table, Map<String, Double> values, double min, double max) {
    /** Copies the map. */
    public Factors {
      Objects.requireNonNull(table, "table must not be null");
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
  }

  /** Builds a {@link GateSubject}. */
  public static final class Builder {
    private final long joinedSamples;
    private final List<Improvement> improvements = new ArrayList<>();
    private final List<ClassBalance> classBalances = new ArrayList<>();
    private final List<Weights> weights = new ArrayList<>();
    private final List<Factors> factors = new ArrayList<>();

    private Builder(long joinedSamples) {
      if (joinedSamples < 0) {
        throw new IllegalArgumentException("joinedSamples must be >= 0 but was " + joinedSamples);
      }
      this.joinedSamples = joinedSamples;
    }

    /**
     * Adds a calibrator's holdout evidence.
     *
     * @param target the target
     * @param loss the loss's name
     * @param before holdout loss of the raw predictions
     * @param after holdout loss of the calibrated predictions
     * @param holdoutSize holdout samples
     * @return this builder
     */
    public Builder improvement(String target, String loss, double before, double after, int holdoutSize) {
      improvements.add(new Improvement(target, loss, before, after, holdoutSize));
      return this;
    }

    /**
     * Adds a binary target's class balance.
     *
     * @param target the target
     * @param positiveShare share of positives in [0, 1]
     * @param n outcomes
     * @return this builder
     */
    public Builder classBalance(String target, double positiveShare, long n) {
      if (!(positiveShare >= 0 && positiveShare <= 1)) {
        throw new IllegalArgumentException(
            "positiveShare of " + target + " must be in [0, 1] but was " + positiveShare);
      }
      classBalances.add(new ClassBalance(target, positiveShare, n));
      return this;
    }

    /**
     * Adds an ensemble's current and proposed weights.
     *
     * @param ensemble the ensemble
     * @param before current weights
     * @param after proposed weights
     * @return this builder
     */
    public Builder weights(String ensemble, Map<String, Double> before, Map<String, Double> after) {
      weights.add(new Weights(ensemble, before, after));
      return this;
    }

    /**
     * Adds a table's proposed factors, checked against the policy's default bounds.
     *
     * @param table the table
     * @param values proposed factors by key
     * @return this builder
     */
    public Builder factors(String table, Map<String, Double> values) {
      factors.add(new Factors(table, values, Double.NaN, Double.NaN));
      return this;
    }

    /**
     * Adds a table's proposed factors with the table's own bounds.
     *
     * @param table the table
     * @param values proposed factors by key
     * @param min the table's lower bound
     * @param max the table's upper bound
     * @return this builder
     */
    public Builder factors(String table, Map<String, Double> values, double min, double max) {
      if (!(min <= max)) {
        throw new IllegalArgumentException(
            "bounds of " + table + " must satisfy min <= max but were [" + min + ", " + max + "]");
      }
      factors.add(new Factors(table, values, min, max));
      return this;
    }

    /** The subject. */
    public GateSubject build() {
      return new GateSubject(joinedSamples, improvements, classBalances, weights, factors);
    }
  }
}
