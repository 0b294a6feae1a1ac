package dev.calibration.core.propose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Runs the safety checks of the design over a {@link GateSubject} and scores the risk.
 *
 * <p>The checks, in order, with their names: {@code samples.run} (critical) and {@code
 * samples.activate} (error) on the joined sample count; {@code improvement.<target>} (error) on
 * each calibrator's relative improvement on the time-ordered holdout; {@code diversity.<target>}
 * (error) on the rarer class's share; for each ensemble {@code weights.sum.<ensemble>} (critical),
 * {@code weights.bounds.<ensemble>} (error) and {@code weights.change.<ensemble>} (error); for each
 * factor table {@code factors.bounds.<table>} (error). Every check records what it measured, the
 * threshold, and a message naming the values.
 *
 * <p>Immutable and thread-safe.
 */
public final class SafetyGates {
  private final GatePolicy policy;

  /**
   * Gates under a policy.
   *
   * @param policy the thresholds
   */
  public SafetyGates(GatePolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy must not be null");
  }

  /** Gates under the default policy. */
  public static SafetyGates defaults() {
    return new SafetyGates(GatePolicy.defaults());
  }

  /** The policy. */
  public GatePolicy policy() {
    return policy;
  }

  /**
   * Runs every check that applies to the subject.
   *
   * @param s the subject
   * @return the checks with the risk score and level
   */
  public GateReport evaluate(GateSubject s) {
    List<CheckResult> out = new ArrayList<>();
    long n = s.joinedSamples();
    out.add(
        new CheckResult(
            "samples.run",
            Severity.CRITICAL,
            n,
            policy.minRunSamples(),
            n >= policy.minRunSamples(),
            String.format(
                Locale.ROOT,
                "%d joined samples; the run needs at least %d",
                n,
                policy.minRunSamples())));
    out.add(
        new CheckResult(
            "samples.activate",
            Severity.ERROR,
            n,
            policy.minActivationSamples(),
            n >= policy.minActivationSamples(),
            String.format(
                Locale.ROOT,
                "%d joined samples; activation needs at least %d",
                n,
                policy.minActivationSamples())));
    for (GateSubject.Improvement imp : s.improvements()) {
      double rel = imp.relative();
      out.add(
          new CheckResult(
              "improvement." + imp.target(),
              Severity.ERROR,
              rel,
              policy.minImprovement(),
              rel >= policy.minImprovement(),
              String.format(
                  Locale.ROOT,
                  "%s %s on the time-ordered holdout (%d samples): %.6f before, %.6f after,"
                      + " %.2f%% better; at least %.2f%% needed",
                  imp.target(),
                  imp.loss(),
                  imp.holdoutSize(),
                  imp.before(),
                  imp.after(),
                  100 * rel,
                  100 * policy.minImprovement())));
    }
    for (GateSubject.ClassBalance cb : s.classBalances()) {
      double minority = cb.minorityShare();
      out.add(
          new CheckResult(
              "diversity." + cb.target(),
              Severity.ERROR,
              minority,
              policy.minClassShare(),
              minority >= policy.minClassShare(),
              String.format(
                  Locale.ROOT,
                  "%s: %.1f%% positive of %d outcomes, rarer class %.1f%%; each class needs at"
                      + " least %.1f%%",
                  cb.target(),
                  100 * cb.positiveShare(),
                  cb.n(),
                  100 * minority,
                  100 * policy.minClassShare())));
    }
    for (GateSubject.Weights w : s.weights()) {
      weightChecks(w, out);
    }
    for (GateSubject.Factors f : s.factors()) {
      factorCheck(f, out);
    }
    List<CheckResult> coded = new ArrayList<>(out.size());
    for (CheckResult c : out) {
      coded.add(
          c.passed()
              ? c
              : new CheckResult(
                  c.name(),
                  c.severity(),
                  c.measured(),
                  c.threshold(),
                  false,
                  code(c.name()) + " " + c.message()));
    }
    return GateReport.of(coded, policy);
  }

  /** The documented error code of a check (see docs/errors.md, section CAL-GATE). */
  static String code(String checkName) {
    String[][] codes = {
      {"samples.run", "CAL-GATE-001"},
      {"samples.activate", "CAL-GATE-002"},
      {"improvement.", "CAL-GATE-003"},
      {"diversity.", "CAL-GATE-004"},
      {"weights.sum.", "CAL-GATE-005"},
      {"weights.bounds.", "CAL-GATE-006"},
      {"weights.change.", "CAL-GATE-007"},
      {"factors.bounds.", "CAL-GATE-008"},
      {"config.valid", "CAL-GATE-009"},
    };
    for (String[] c : codes) {
      if (checkName.startsWith(c[0])) {
        return c[1];
      }
    }
    return "CAL-GATE";
  }

  private void weightChecks(GateSubject.Weights w, List<CheckResult> out) {
    double sum = 0;
    for (double v : w.after().values()) {
      sum += v;
    }
    double off = Math.abs(sum - 1);
    out.add(
        new CheckResult(
            "weights.sum." + w.ensemble(),
            Severity.CRITICAL,
            sum,
            policy.weightSumTolerance(),
            off <= policy.weightSumTolerance(),
            String.format(
                Locale.ROOT,
                "weights of %s sum to %.6f; must be 1 within %s",
                w.ensemble(),
                sum,
                policy.weightSumTolerance())));
    String worst = null;
    double worstValue = Double.NaN;
    double worstExcess = 0;
    for (Map.Entry<String, Double> e : w.after().entrySet()) {
      double v = e.getValue();
      double excess = Math.max(policy.minWeight() - v, v - policy.maxWeight());
      if (!Double.isFinite(v)) {
        excess = Double.POSITIVE_INFINITY;
      }
      if (excess > worstExcess) {
        worstExcess = excess;
        worst = e.getKey();
        worstValue = v;
      }
    }
    out.add(
        new CheckResult(
            "weights.bounds." + w.ensemble(),
            Severity.ERROR,
            worst == null ? max(w.after()) : worstValue,
            worst == null
                ? policy.maxWeight()
                : (worstValue < policy.minWeight() ? policy.minWeight() : policy.maxWeight()),
            worst == null,
            worst == null
                ? String.format(
                    Locale.ROOT,
                    "every weight of %s is within [%.2f, %.2f]",
                    w.ensemble(),
                    policy.minWeight(),
                    policy.maxWeight())
                : String.format(
                    Locale.ROOT,
                    "weight %s.%s is %.4f, outside [%.2f, %.2f]",
                    w.ensemble(),
                    worst,
                    worstValue,
                    policy.minWeight(),
                    policy.maxWeight())));
    String moved = null;
    double maxRel = 0;
    for (Map.Entry<String, Double> e : w.after().entrySet()) {
      Double before = w.before().get(e.getKey());
      double rel;
      if (before == null || before == 0) {
        rel = e.getValue() == 0 && before != null ? 0 : Double.POSITIVE_INFINITY;
      } else {
        rel = Math.abs(e.getValue() - before) / before;
      }
      if (moved == null || rel > maxRel) {
        moved = e.getKey();
        maxRel = rel;
      }
    }
    boolean ok = maxRel <= policy.maxWeightChange() + 1e-12;
    out.add(
        new CheckResult(
            "weights.change." + w.ensemble(),
            Severity.ERROR,
            maxRel,
            policy.maxWeightChange(),
            ok,
            String.format(
                Locale.ROOT,
                "largest relative weight change in %s is %.2f%% (%s); at most %.2f%% allowed",
                w.ensemble(),
                100 * maxRel,
                moved == null ? "none" : moved,
                100 * policy.maxWeightChange())));
  }

  private void factorCheck(GateSubject.Factors f, List<CheckResult> out) {
    double lo = Double.isNaN(f.min()) ? policy.minFactor() : f.min();
    double hi = Double.isNaN(f.max()) ? policy.maxFactor() : f.max();
    String worst = null;
    double worstValue = Double.NaN;
    double worstExcess = 0;
    for (Map.Entry<String, Double> e : f.values().entrySet()) {
      double v = e.getValue();
      double excess = Double.isFinite(v) ? Math.max(lo - v, v - hi) : Double.POSITIVE_INFINITY;
      if (excess > worstExcess) {
        worstExcess = excess;
        worst = e.getKey();
        worstValue = v;
      }
    }
    out.add(
        new CheckResult(
            "factors.bounds." + f.table(),
            Severity.ERROR,
            worst == null ? max(f.values()) : worstValue,
            worst == null ? hi : (worstValue < lo ? lo : hi),
            worst == null,
            worst == null
                ? String.format(
                    Locale.ROOT,
                    "every factor of %s is within [%s, %s]",
                    f.table(),
                    num(lo),
                    num(hi))
                : String.format(
                    Locale.ROOT,
                    "factor %s.%s is %.4f, outside [%s, %s]",
                    f.table(),
                    worst,
                    worstValue,
                    num(lo),
                    num(hi))));
  }

  /** The largest value (0 for none), measured by a passing bounds check. */
  private static double max(Map<String, Double> values) {
    double m = 0;
    for (double v : values.values()) {
      m = Math.max(m, v);
    }
    return m;
  }

  private static String num(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
