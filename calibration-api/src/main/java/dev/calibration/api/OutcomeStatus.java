package dev.calibration.api;

/** How an outcome settled. Only {@link #SETTLED} outcomes take part in calibration. */
public enum OutcomeStatus {
  /** The outcome happened and its observed values count. */
  SETTLED,
  /** The event was cancelled: excluded from calibration, but counted. */
  VOID,
  /** Stakes were returned (a tie against the line): excluded from calibration, but counted. */
  PUSH
}
