package dev.calibration.api;

/**
 * The risk level a proposal's safety gates assigned to it. A {@link #HIGH} risk version can be
 * recorded in a registry but never approved.
 */
public enum ProposalRisk {
  /** Risk score up to 0.20. */
  LOW,
  /** Risk score above 0.20 and up to 0.40. */
  MEDIUM,
  /** Risk score above 0.40: cannot be approved. */
  HIGH
}
