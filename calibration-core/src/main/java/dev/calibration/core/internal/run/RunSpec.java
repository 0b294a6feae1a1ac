package dev.calibration.core.internal.run;

import java.util.ArrayList;
import java.util.List;

/**
 * What the join must extract, resolved to column numbers: the prediction targets, the outcome
 * columns they need, the segment keys and the bad-line policy.
 */
public final class RunSpec {
  final String[] targets;
  final String[] outcomeColumns;
  final int[] observed;
  final int[] stake;
  final int[] payout;
  final int[] closing;
  final int[] kind; // 0 infer, 1 probability, 2 value
  final String[] segmentBy;
  final boolean failOnBadLine;
  final int threads;

  /**
   * Creates the spec.
   *
   * @param targets prediction target names, one per mapping
   * @param observedColumns the outcome column of each target
   * @param stakeColumns each target's stake column or null
   * @param payoutColumns each target's payout column or null
   * @param closingColumns each target's closing-probability column or null
   * @param kinds each target's kind: 0 infer, 1 probability, 2 value
   * @param segmentBy segment keys
   * @param failOnBadLine whether a bad input line fails the run (otherwise it is skipped, counted)
   * @param threads parsing threads for the fast path
   */
  public RunSpec(
      List<String> targets,
      List<String> observedColumns,
      List<@org.jspecify.annotations.Nullable String> stakeColumns,
      List<@org.jspecify.annotations.Nullable String> payoutColumns,
      List<@org.jspecify.annotations.Nullable String> closingColumns,
      int[] kinds,
      List<String> segmentBy,
      boolean failOnBadLine,
      int threads) {
    int t = targets.size();
    this.targets = targets.toArray(new String[0]);
    List<String> cols = new ArrayList<>();
    this.observed = new int[t];
    this.stake = new int[t];
    this.payout = new int[t];
    this.closing = new int[t];
    for (int i = 0; i < t; i++) {
      observed[i] = column(cols, observedColumns.get(i));
      stake[i] = column(cols, stakeColumns.get(i));
      payout[i] = column(cols, payoutColumns.get(i));
      closing[i] = column(cols, closingColumns.get(i));
    }
    this.outcomeColumns = cols.toArray(new String[0]);
    this.kind = kinds.clone();
    this.segmentBy = segmentBy.toArray(new String[0]);
    this.failOnBadLine = failOnBadLine;
    this.threads = threads;
  }

  private static int column(List<String> cols, @org.jspecify.annotations.Nullable String c) {
    if (c == null) {
      return -1;
    }
    int i = cols.indexOf(c);
    if (i >= 0) {
      return i;
    }
    cols.add(c);
    return cols.size() - 1;
  }

  /** The label of a segment combination: {@code key=value} pairs joined by commas. */
  String segmentLabel(String[] values) {
    if (segmentBy.length == 0) {
      return JoinOutput.ALL;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < segmentBy.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(segmentBy[i]).append('=').append(values[i] == null ? JoinOutput.NONE : values[i]);
    }
    return sb.toString();
  }
}
