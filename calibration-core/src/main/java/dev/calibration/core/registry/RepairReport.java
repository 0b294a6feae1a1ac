package dev.calibration.core.registry;

import java.util.List;

/**
 * What opening (or locking) a registry found and repaired after an earlier writer crashed.
 *
 * @param repairs each repair made, as a sentence (e.g. the torn last line removed)
 * @param problems each disagreement that could not be repaired automatically
 * @param verification the audit chain's state after the repairs
 */
public record RepairReport(
    List<String> repairs, List<String> problems, AuditVerification verification) {

  /** Copies the lists. */
  public RepairReport {
    repairs = List.copyOf(repairs);
    problems = List.copyOf(problems);
  }

  /** Whether nothing needed repair and nothing is wrong. */
  public boolean clean() {
    return repairs.isEmpty() && problems.isEmpty() && verification.ok();
  }
}
