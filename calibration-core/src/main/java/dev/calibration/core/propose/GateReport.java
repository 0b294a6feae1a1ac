package dev.calibration.core.propose;

import java.util.List;
import java.util.Objects;

/**
 * Every safety check of a proposal, with the risk score and level they add up to.
 *
 * <p>{@code risk = (0.5 * failed critical + 0.3 * failed error + 0.1 * failed warning) / checks}.
 *
 * @param checks every check run, passed or not, in the order run
 * @param riskScore the risk score (0 when no check ran)
 * @param riskLevel the level of the score under the policy
 */
public record GateReport(List<CheckResult> checks, double riskScore, RiskLevel riskLevel) {

  /** Copies the list. */
  public GateReport {
    checks = List.copyOf(checks);
    Objects.requireNonNull(riskLevel, "riskLevel must not be null");
  }

  /**
   * Scores a list of checks under a policy.
   *
   * @param checks the checks
   * @param policy the policy holding the level thresholds
   * @return the report
   */
  public static GateReport of(List<CheckResult> checks, GatePolicy policy) {
    double score = riskScore(checks);
    return new GateReport(checks, score, RiskLevel.of(score, policy));
  }

  /**
   * The risk score of a list of checks.
   *
   * @param checks the checks
   * @return the weighted share of failures, 0 for no checks
   */
  public static double riskScore(List<CheckResult> checks) {
    if (checks.isEmpty()) {
      return 0;
    }
    double sum = 0;
    for (CheckResult c : checks) {
      if (!c.passed()) {
        sum += c.severity().riskWeight();
      }
    }
    return sum / checks.size();
  }

  /** Whether the proposal is blocked from approval (high risk). */
  public boolean blocking() {
    return riskLevel.blocking();
  }

  /** The failed checks, in order. */
  public List<CheckResult> failures() {
    return checks.stream().filter(c -> !c.passed()).toList();
  }

  /**
   * The check of a name, if run.
   *
   * @param name the check's name
   * @return the check, or empty
   */
  public java.util.Optional<CheckResult> check(String name) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
