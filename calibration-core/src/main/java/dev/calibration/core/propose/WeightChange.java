package dev.calibration.core.propose;

import java.util.Objects;

/**
 * One ensemble member's proposed weight change and why.
 *
 * @param member the member's name, e.g. {@code "lgbm"}
 * @param before the current weight
 * @param after the proposed weight
 * @param target the unconstrained target weight (proportional to the member's inverse loss)
 * @param loss the member's loss on the joined data, in the adjustment's loss
 * @param othersLoss the mean loss of the other members
 * @param reason one line saying why the weight moves (or stays)
 */
public record WeightChange(
    String member,
    double before,
    double after,
    double target,
    double loss,
    double othersLoss,
    String reason) {

  /** Checks that the names are present. */
  public WeightChange {
    Objects.requireNonNull(member, "member must not be null");
    Objects.requireNonNull(reason, "reason must not be null");
  }

  /** {@code after - before}. */
  public double delta() {
    return after - before;
  }

  /** The relative change in percent of the current weight (0 when the current weight is 0). */
  public double changePercent() {
    return before == 0 ? 0 : 100 * (after - before) / before;
  }
}
