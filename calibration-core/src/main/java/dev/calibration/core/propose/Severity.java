package dev.calibration.core.propose;

/** How much a failed safety check counts toward the risk score. */
public enum Severity {
  /** Counts 0.5: the proposal is unsafe as it stands (too little data, weights not summing to 1). */
  CRITICAL(0.5),
  /** Counts 0.3: a policy limit is broken (bounds, change size, improvement, diversity). */
  ERROR(0.3),
  /** Counts 0.1: worth a look before approving. */
  WARNING(0.1);

  private final double weight;

  Severity(double weight) {
    this.weight = weight;
  }

  /** The weight of a failed check of this severity in the risk score. */
  public double riskWeight() {
    return weight;
  }
}
