package dev.calibration.core.propose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Proposes bounded ensemble-weight changes from the members' losses.
 *
 * <p>The target weight of each member is proportional to its inverse loss (Brier for
 * probabilities, MAE for values): a member with half the loss of another gets twice its target
 * weight. The proposed weights are the exact Euclidean projection of that target onto the set
 * {@code {w : sum(w) = 1, lo <= w_i <= hi, |w_i - c_i| <= r * c_i}} where {@code c} is the current
 * weights. That set is a box cut by a hyperplane, so the projection is {@code w_i = clamp(t_i - tau,
 * L_i, U_i)} for the one shift {@code tau} that makes the weights sum to one; the sum is monotone in
 * {@code tau}, which is found by bisection and then solved exactly on the final active set. When the
 * set is empty (a current weight so far out of bounds that 10% cannot reach them, or bounds that
 * cannot sum to one) the adjuster says so and proposes no change.
 *
 * <p>Immutable and thread-safe.
 */
public final class WeightAdjuster {
  /** Default smallest weight of a member: 0.15. */
  public static final double DEFAULT_MIN_WEIGHT = 0.15;
  /** Default largest weight of a member: 0.40. */
  public static final double DEFAULT_MAX_WEIGHT = 0.40;
  /** Default largest relative change of one weight: 10%. */
  public static final double DEFAULT_MAX_RELATIVE_CHANGE = 0.10;

  /** Feasibility slack on the bound sums, to forgive rounding in bounds that sum to exactly one. */
  static final double FEASIBILITY_SLACK = 1e-12;

  /** Losses at or below this count as this, so that a perfect member gets a finite target. */
  static final double MIN_LOSS = 1e-12;

  private final double minWeight;
  private final double maxWeight;
  private final double maxRelativeChange;

  private WeightAdjuster(Builder b) {
    this.minWeight = b.minWeight;
    this.maxWeight = b.maxWeight;
    this.maxRelativeChange = b.maxRelativeChange;
  }

  /** An adjuster with the default bounds [0.15, 0.40] and at most 10% change. */
  public static WeightAdjuster defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The smallest weight a member may get. */
  public double minWeight() {
    return minWeight;
  }

  /** The largest weight a member may get. */
  public double maxWeight() {
    return maxWeight;
  }

  /** The largest relative change of one weight, as a fraction (0.10 is 10%). */
  public double maxRelativeChange() {
    return maxRelativeChange;
  }

  /**
   * Proposes new weights for one ensemble.
   *
   * @param ensemble the ensemble's name, for messages
   * @param current the current weights by member (the order is kept in the result)
   * @param memberLoss each member's loss on the joined data; lower is better
   * @param lossName the loss's name for the reasons, e.g. {@code "Brier"}
   * @return the adjustment; not feasible (and no change) when a member has no finite loss or no
   *     weights satisfy every bound
   * @throws IllegalArgumentException when {@code current} is empty or holds a non-finite weight
   */
  public WeightAdjustment adjust(
      String ensemble,
      Map<String, Double> current,
      Map<String, Double> memberLoss,
      String lossName) {
    Objects.requireNonNull(ensemble, "ensemble must not be null");
    Objects.requireNonNull(current, "current must not be null");
    Objects.requireNonNull(memberLoss, "memberLoss must not be null");
    Objects.requireNonNull(lossName, "lossName must not be null");
    if (current.isEmpty()) {
      throw new IllegalArgumentException("current weights of ensemble " + ensemble + " are empty");
    }
    List<String> members = new ArrayList<>(current.keySet());
    int n = members.size();
    double[] c = new double[n];
    double[] loss = new double[n];
    for (int i = 0; i < n; i++) {
      String m = members.get(i);
      Double w = current.get(m);
      if (w == null || !Double.isFinite(w) || w < 0) {
        throw new IllegalArgumentException(
            "current weight of " + ensemble + "." + m + " must be finite and >= 0 but was " + w);
      }
      c[i] = w;
      Double l = memberLoss.get(m);
      if (l == null || !Double.isFinite(l) || l < 0) {
        return unchanged(
            ensemble,
            lossName,
            current,
            "no change (CAL-PROP-005): member "
                + m
                + " has no finite "
                + lossName
                + " on the joined data (was "
                + l
                + "), so the members cannot be compared");
      }
      loss[i] = Math.max(l, MIN_LOSS);
    }
    double invSum = 0;
    for (double l : loss) {
      invSum += 1 / l;
    }
    double[] target = new double[n];
    for (int i = 0; i < n; i++) {
      target[i] = (1 / loss[i]) / invSum;
    }
    double[] lo = new double[n];
    double[] hi = new double[n];
    for (int i = 0; i < n; i++) {
      lo[i] = Math.max(minWeight, c[i] * (1 - maxRelativeChange));
      hi[i] = Math.min(maxWeight, c[i] * (1 + maxRelativeChange));
      if (lo[i] > hi[i]) {
        return unchanged(
            ensemble,
            lossName,
            current,
            String.format(
                Locale.ROOT,
                "no change (CAL-PROP-004): %s's current weight %.4f cannot move into [%.2f, %.2f] by at most %.0f%%",
                members.get(i),
                c[i],
                minWeight,
                maxWeight,
                100 * maxRelativeChange));
      }
    }
    double[] w = project(target, lo, hi);
    if (w == null) {
      return unchanged(
          ensemble,
          lossName,
          current,
          String.format(
              Locale.ROOT,
              "no change (CAL-PROP-004): no weights sum to 1 within the bounds (lower bounds sum to %.4f, upper"
                  + " bounds to %.4f)",
              sum(lo),
              sum(hi)));
    }
    Map<String, Double> after = new LinkedHashMap<>();
    List<WeightChange> changes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      after.put(members.get(i), w[i]);
      double others = 0;
      for (int j = 0; j < n; j++) {
        if (j != i) {
          others += loss[j];
        }
      }
      others = n > 1 ? others / (n - 1) : loss[i];
      changes.add(
          new WeightChange(
              members.get(i),
              c[i],
              w[i],
              target[i],
              loss[i],
              others,
              reason(members.get(i), c[i], w[i], target[i], loss[i], others, lo[i], hi[i], lossName)));
    }
    int moved = 0;
    for (WeightChange ch : changes) {
      if (Math.abs(ch.delta()) > 1e-12) {
        moved++;
      }
    }
    return new WeightAdjustment(
        ensemble,
        lossName,
        true,
        current,
        after,
        changes,
        moved == 0
            ? "weights already closest to the loss-based target within the bounds"
            : moved + " of " + n + " weights move toward inverse-" + lossName + " targets");
  }

  private static WeightAdjustment unchanged(
      String ensemble, String lossName, Map<String, Double> current, String message) {
    return new WeightAdjustment(ensemble, lossName, false, current, current, List.of(), message);
  }

  private String reason(
      String member,
      double before,
      double after,
      double target,
      double loss,
      double others,
      double lo,
      double hi,
      String lossName) {
    double rel = others == 0 ? 0 : 100 * (loss - others) / others;
    String comparison =
        String.format(
            Locale.ROOT,
            "%s %s %.4f vs %.4f mean of the others (%s%.1f%%), target weight %.4f",
            member,
            lossName,
            loss,
            others,
            rel >= 0 ? "+" : "",
            rel,
            target);
    String limit = "";
    if (Math.abs(after - hi) <= 1e-12 && target > hi) {
      limit = String.format(Locale.ROOT, "; capped at %.4f", hi);
    } else if (Math.abs(after - lo) <= 1e-12 && target < lo) {
      limit = String.format(Locale.ROOT, "; floored at %.4f", lo);
    }
    String move =
        Math.abs(after - before) <= 1e-12
            ? "; unchanged"
            : String.format(
                Locale.ROOT,
                "; %s %.4f -> %.4f (%+.1f%%)",
                after > before ? "raised" : "lowered",
                before,
                after,
                before == 0 ? 0 : 100 * (after - before) / before);
    return comparison + move + limit;
  }

  /**
   * The Euclidean projection of {@code target} onto {@code {w : sum(w) = 1, lo <= w <= hi}}, or
   * null when that set is empty. The result respects every bound exactly and sums to one within a
   * few ulps.
   */
  static double @Nullable [] project(double[] target, double[] lo, double[] hi) {
    int n = target.length;
    if (lo.length != n || hi.length != n || n == 0) {
      throw new IllegalArgumentException(
          "target, lo and hi must have the same non-zero length but had "
              + n
              + ", "
              + lo.length
              + " and "
              + hi.length);
    }
    for (int i = 0; i < n; i++) {
      if (!(lo[i] <= hi[i])) {
        return null;
      }
    }
    double sumLo = sum(lo);
    double sumHi = sum(hi);
    if (sumLo > 1 + FEASIBILITY_SLACK || sumHi < 1 - FEASIBILITY_SLACK) {
      return null;
    }
    // g(tau) = sum clamp(t_i - tau, lo_i, hi_i) falls from sumHi at tauLow to sumLo at tauHigh.
    double tauLow = Double.POSITIVE_INFINITY;
    double tauHigh = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      tauLow = Math.min(tauLow, target[i] - hi[i]);
      tauHigh = Math.max(tauHigh, target[i] - lo[i]);
    }
    for (int iter = 0; iter < 200; iter++) {
      double mid = 0.5 * (tauLow + tauHigh);
      if (mid <= tauLow || mid >= tauHigh) {
        break;
      }
      if (shiftedSum(target, lo, hi, mid) > 1) {
        tauLow = mid;
      } else {
        tauHigh = mid;
      }
    }
    // Solve exactly on the active set found: the free coordinates share the remaining mass.
    double tau = 0.5 * (tauLow + tauHigh);
    double fixedSum = 0;
    double freeTargetSum = 0;
    int free = 0;
    for (int i = 0; i < n; i++) {
      double v = target[i] - tau;
      if (v <= lo[i]) {
        fixedSum += lo[i];
      } else if (v >= hi[i]) {
        fixedSum += hi[i];
      } else {
        freeTargetSum += target[i];
        free++;
      }
    }
    if (free > 0) {
      tau = (freeTargetSum + fixedSum - 1) / free;
    }
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = clamp(target[i] - tau, lo[i], hi[i]);
    }
    // Push the last rounding residue into coordinates with room, never past a bound.
    for (int pass = 0; pass < 2; pass++) {
      double residual = 1 - sum(w);
      for (int i = 0; i < n && residual != 0; i++) {
        double moved = clamp(w[i] + residual, lo[i], hi[i]);
        residual -= moved - w[i];
        w[i] = moved;
      }
    }
    return w;
  }

  private static double shiftedSum(double[] t, double[] lo, double[] hi, double tau) {
    double s = 0;
    for (int i = 0; i < t.length; i++) {
      s += clamp(t[i] - tau, lo[i], hi[i]);
    }
    return s;
  }

  private static double clamp(double v, double lo, double hi) {
    return v < lo ? lo : (v > hi ? hi : v);
  }

  private static double sum(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }

  /** Builds a {@link WeightAdjuster}; each setter checks its value at once. */
  public static final class Builder {
    private double minWeight = DEFAULT_MIN_WEIGHT;
    private double maxWeight = DEFAULT_MAX_WEIGHT;
    private double maxRelativeChange = DEFAULT_MAX_RELATIVE_CHANGE;

    private Builder() {}

    /**
     * The weight bounds of every member.
     *
     * @param min the smallest weight, in [0, 1]
     * @param max the largest weight, in [min, 1]
     * @return this builder
     */
    public Builder bounds(double min, double max) {
      if (!(min >= 0 && min <= 1)) {
        throw new IllegalArgumentException("min weight must be in [0, 1] but was " + min);
      }
      if (!(max >= min && max <= 1)) {
        throw new IllegalArgumentException(
            "max weight must be in [min weight " + min + ", 1] but was " + max);
      }
      this.minWeight = min;
      this.maxWeight = max;
      return this;
    }

    /**
     * The largest relative change of one weight as a fraction of its current value.
     *
     * @param fraction e.g. 0.10 for 10%; must be in [0, 1]
     * @return this builder
     */
    public Builder maxRelativeChange(double fraction) {
      if (!(fraction >= 0 && fraction <= 1)) {
        throw new IllegalArgumentException(
            "max relative change must be in [0, 1] (a fraction, 0.10 is 10%) but was " + fraction);
      }
      this.maxRelativeChange = fraction;
      return this;
    }

    /** The adjuster. */
    public WeightAdjuster build() {
      return new WeightAdjuster(this);
    }
  }
}
