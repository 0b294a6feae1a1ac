package dev.calibration.core.outcome;

import java.util.List;

/**
 * What an outcome reader saw.
 *
 * @param read outcomes delivered
 * @param skipped bad rows skipped under {@link OutcomeReadPolicy#SKIP}
 * @param nonNumeric value cells that were present but not a finite decimal number, left out
 * @param problems the first problems (at most {@link #MAX_PROBLEMS}), each naming file, line and
 *     column
 */
public record OutcomeReadStats(long read, long skipped, long nonNumeric, List<String> problems) {
  /** How many problem descriptions are kept. */
  public static final int MAX_PROBLEMS = 10;

  /** Copies the problem list. */
  public OutcomeReadStats {
    problems = List.copyOf(problems);
  }

  /** No rows read yet. */
  public static OutcomeReadStats empty() {
    return new OutcomeReadStats(0, 0, 0, List.of());
  }
}
