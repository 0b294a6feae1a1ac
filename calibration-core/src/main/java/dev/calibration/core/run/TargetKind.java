package dev.calibration.core.run;

/** What kind of target a mapping measures. */
public enum TargetKind {
  /** A probability in [0, 1] against a 0/1 outcome: Brier, log loss, ECE, AUC, ... */
  PROBABILITY,
  /** A value (a price, a quantity) against an observed value: MAE, RMSE, bias, ... */
  VALUE
}
