package dev.calibration.core.propose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Suggests multiplicative factors for value targets (e.g. a price factor per condition).
 *
 * <p>For one key with {@code n} joined samples, the evidence says the factor in use should be
 * scaled by {@code ratio = sum(observed) / sum(predicted)}. That evidence is shrunk toward the
 * current factor with weight {@code n / (n + k)}, so that a handful of sales moves a factor little
 * and thousands move it nearly all the way: {@code suggested = current + n / (n + k) * (current *
 * ratio - current)}, then clamped to the table's bounds (default [0.5, 1.2]). Without usable
 * evidence (no samples, or predictions that do not sum to a positive number) the suggestion keeps
 * the current factor and says why.
 *
 * <p>Immutable and thread-safe.
 */
public final class FactorSuggester {
  /** Default shrinkage constant k: 20 samples weigh as much as the current factor. */
  public static final double DEFAULT_SHRINKAGE = 20;
  /** Default lower bound of a factor. */
  public static final double DEFAULT_MIN = 0.5;
  /** Default upper bound of a factor. */
  public static final double DEFAULT_MAX = 1.2;

  private final double shrinkage;
  private final double min;
  private final double max;
  private final Map<String, double[]> tableBounds;

  private FactorSuggester(Builder b) {
    this.shrinkage = b.shrinkage;
    this.min = b.min;
    this.max = b.max;
    this.tableBounds = Map.copyOf(b.tableBounds);
  }

  /** A suggester with k = 20 and bounds [0.5, 1.2]. */
  public static FactorSuggester defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The shrinkage constant k. */
  public double shrinkage() {
    return shrinkage;
  }

  /**
   * The bounds applied to a table: its own if set, else the default ones.
   *
   * @param table the table name
   * @return {@code {min, max}}
   */
  public double[] bounds(String table) {
    double[] b = tableBounds.get(table);
    return b == null ? new double[] {min, max} : b.clone();
  }

  /**
   * Suggests one factor from aggregated evidence.
   *
   * @param table the factor table
   * @param key the key in the table
   * @param current the factor in use when the predictions were made (already in the predictions)
   * @param sumObserved the sum of the observed values of the key's joined samples
   * @param sumPredicted the sum of their predicted values
   * @param n the number of joined samples
   * @return the suggestion with its reason
   * @throws IllegalArgumentException when {@code current} is not finite and positive or {@code n}
   *     is negative
   */
  public FactorSuggestion suggest(
      String table, String key, double current, double sumObserved, double sumPredicted, long n) {
    Objects.requireNonNull(table, "table must not be null");
    Objects.requireNonNull(key, "key must not be null");
    if (!(current > 0) || !Double.isFinite(current)) {
      throw new IllegalArgumentException(
          "current factor " + table + "." + key + " must be finite and > 0 but was " + current);
    }
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0 but was " + n);
    }
    double[] b = bounds(table);
    double lo = b[0];
    double hi = b[1];
    if (n == 0 || !(sumPredicted > 0) || !Double.isFinite(sumObserved)) {
      double kept = clamp(current, lo, hi);
      String why =
          n == 0
              ? "no joined samples"
              : String.format(
                  Locale.ROOT,
                  "predictions sum to %s and observations to %s, no usable ratio",
                  fmt(sumPredicted),
                  fmt(sumObserved));
      return new FactorSuggestion(
          table, key, current, n, Double.NaN, current, 0, kept, lo, hi, kept != current,
          why + "; " + (kept != current ? "clamped to bounds" : "kept at current"));
    }
    double ratio = sumObserved / sumPredicted;
    double raw = current * ratio;
    double weight = n / (n + shrinkage);
    double shrunk = current + weight * (raw - current);
    double suggested = clamp(shrunk, lo, hi);
    boolean clamped = suggested != shrunk;
    String reason =
        String.format(
            Locale.ROOT,
            "n=%d, observed/predicted %.4f: raw %.4f, shrunk by n/(n+%s)=%.4f to %.4f%s",
            n,
            ratio,
            raw,
            fmt(shrinkage),
            weight,
            shrunk,
            clamped
                ? String.format(
                    Locale.ROOT, ", clamped to [%s, %s] at %.4f", fmt(lo), fmt(hi), suggested)
                : "");
    return new FactorSuggestion(
        table, key, current, n, ratio, raw, weight, suggested, lo, hi, clamped, reason);
  }

  /**
   * Suggests every factor of one table from row-level evidence: row {@code i} belongs to key
   * {@code keys[i]} and has predicted and observed values. Rows whose key has no current factor
   * or whose values are not finite are skipped and counted in nothing; keys with a current factor
   * but no rows get a "no joined samples" suggestion that keeps the factor.
   *
   * @param table the factor table
   * @param current the current factors by key (the order is kept)
   * @param keys the key of each row
   * @param predicted the predicted value of each row
   * @param observed the observed value of each row
   * @return one suggestion per current key, in {@code current}'s order
   */
  public List<FactorSuggestion> suggestAll(
      String table,
      Map<String, Double> current,
      String[] keys,
      double[] predicted,
      double[] observed) {
    if (keys.length != predicted.length || keys.length != observed.length) {
      throw new IllegalArgumentException(
          "keys, predicted and observed must have the same length but had "
              + keys.length
              + ", "
              + predicted.length
              + " and "
              + observed.length);
    }
    Map<String, double[]> sums = new HashMap<>();
    for (int i = 0; i < keys.length; i++) {
      if (!current.containsKey(keys[i])
          || !Double.isFinite(predicted[i])
          || !Double.isFinite(observed[i])) {
        continue;
      }
      double[] s = sums.computeIfAbsent(keys[i], k -> new double[3]);
      s[0] += observed[i];
      s[1] += predicted[i];
      s[2]++;
    }
    List<FactorSuggestion> out = new ArrayList<>(current.size());
    for (Map.Entry<String, Double> e : new LinkedHashMap<>(current).entrySet()) {
      double[] s = sums.getOrDefault(e.getKey(), new double[3]);
      out.add(suggest(table, e.getKey(), e.getValue(), s[0], s[1], (long) s[2]));
    }
    return out;
  }

  private static double clamp(double v, double lo, double hi) {
    return v < lo ? lo : (v > hi ? hi : v);
  }

  private static String fmt(double v) {
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /** Builds a {@link FactorSuggester}; each setter checks its value at once. */
  public static final class Builder {
    private double shrinkage = DEFAULT_SHRINKAGE;
    private double min = DEFAULT_MIN;
    private double max = DEFAULT_MAX;
    private final Map<String, double[]> tableBounds = new HashMap<>();

    private Builder() {}

    /**
     * The shrinkage constant k: the number of samples that weigh as much as the current factor.
     *
     * @param k finite and {@code >= 0}; 0 trusts the evidence fully
     * @return this builder
     */
    public Builder shrinkage(double k) {
      if (!(k >= 0) || !Double.isFinite(k)) {
        throw new IllegalArgumentException("shrinkage k must be finite and >= 0 but was " + k);
      }
      this.shrinkage = k;
      return this;
    }

    /**
     * The default bounds of every table.
     *
     * @param min finite and {@code > 0}
     * @param max finite and {@code >= min}
     * @return this builder
     */
    public Builder bounds(double min, double max) {
      checkBounds("default", min, max);
      this.min = min;
      this.max = max;
      return this;
    }

    /**
     * The bounds of one table, overriding the default ones.
     *
     * @param table the table name
     * @param min finite and {@code > 0}
     * @param max finite and {@code >= min}
     * @return this builder
     */
    public Builder bounds(String table, double min, double max) {
      Objects.requireNonNull(table, "table must not be null");
      checkBounds(table, min, max);
      tableBounds.put(table, new double[] {min, max});
      return this;
    }

    private static void checkBounds(String what, double min, double max) {
      if (!(min > 0) || !Double.isFinite(min)) {
        throw new IllegalArgumentException(
            what + " factor min must be finite and > 0 but was " + min);
      }
      if (!(max >= min) || !Double.isFinite(max)) {
        throw new IllegalArgumentException(
            what + " factor max must be finite and >= min " + min + " but was " + max);
      }
    }

    /** The suggester. */
    public FactorSuggester build() {
      return new FactorSuggester(this);
    }
  }
}
