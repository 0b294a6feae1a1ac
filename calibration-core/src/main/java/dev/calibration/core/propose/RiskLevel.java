package dev.calibration.core.propose;

/** The risk level of a proposal, from its risk score; a high-risk proposal cannot be approved. */
public enum RiskLevel {
  /** Risk score up to the low threshold (default 0.20). */
  LOW,
  /** Risk score above the low threshold and up to the medium one (default 0.40). */
  MEDIUM,
  /** Risk score above the medium threshold: blocking. */
  HIGH;

  /** Whether a proposal at this level is blocked from approval. */
  public boolean blocking() {
    return this == HIGH;
  }

  /**
   * The level of a risk score.
   *
   * @param score the risk score in [0, 0.5]
   * @param policy the policy holding the level thresholds
   * @return the level
   */
  public static RiskLevel of(double score, GatePolicy policy) {
    // a tolerance of 1e-12 keeps a score that is exactly on a threshold, up to rounding, below it
    if (score <= policy.lowRiskMax() + 1e-12) {
      return LOW;
    }
    return score <= policy.mediumRiskMax() + 1e-12 ? MEDIUM : HIGH;
  }
}
