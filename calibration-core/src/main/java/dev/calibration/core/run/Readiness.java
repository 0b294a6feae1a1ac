package dev.calibration.core.run;

import java.time.Instant;
import java.util.Locale;

/**
 * Whether enough settled samples have arrived since an instant (usually the last activation) to
 * judge or refit a target: an answer a scheduler can act on.
 *
 * <p>A sample counts when its prediction was made at or after {@code since} and it is joined
 * (settled, with a usable outcome): predictions made under the new calibration, now graded.
 *
 * @param target the target
 * @param since the instant samples are counted from (inclusive)
 * @param settled the joined samples made since then
 * @param minimum the number required
 */
public record Readiness(String target, Instant since, long settled, long minimum) {

  /** Counts the joined samples of {@code joined} made at or after {@code since}. */
  public static Readiness of(JoinedTarget joined, Instant since, long minimum) {
    if (minimum < 0) {
      throw new IllegalArgumentException("minimum must be >= 0 but was " + minimum);
    }
    long from = since.toEpochMilli();
    long count = 0;
    for (int i = 0; i < joined.size(); i++) {
      if (joined.timestampMillis(i) >= from) {
        count++;
      }
    }
    return new Readiness(joined.target(), since, count, minimum);
  }

  /** Whether {@code settled >= minimum}. */
  public boolean ready() {
    return settled >= minimum;
  }

  /** How many more samples are needed (0 when ready). */
  public long missing() {
    return Math.max(0, minimum - settled);
  }

  /** A one-line summary, e.g. {@code sell_p60: 812 of 1000 settled samples since ...}. */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "%s: %d of %d settled samples since %s (%s)",
        target,
        settled,
        minimum,
        since,
        ready() ? "ready" : missing() + " more needed");
  }
}
