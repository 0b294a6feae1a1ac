package dev.calibration.core.log;

import java.util.List;

/**
 * What a {@link JsonlPredictionSource} stream has read so far. Nothing is dropped silently: every
 * line of every file is a read record, a skipped line, a truncated last line or a blank line.
 *
 * @param files files opened
 * @param read records read
 * @param skipped malformed lines skipped under {@link ReadPolicy#SKIP}
 * @param truncated torn last lines (no final {@code '\n'} and not a complete record), never fatal
 * @param blank empty or whitespace-only lines, which hold no record
 * @param problems the first few problems, each as {@code file:line (byte N): CAL-LOG-1xx message}
 */
public record ReadStats(
    long files, long read, long skipped, long truncated, long blank, List<String> problems) {
  /** Copies the problem list. */
  public ReadStats {
    problems = List.copyOf(problems);
  }
}
