package dev.calibration.core.registry;

import java.util.List;
import java.util.Optional;

/**
 * The result of walking a registry's audit chain.
 *
 * @param lines how many complete lines the log has
 * @param lastSeq the sequence number of the last readable event (0 for an empty log)
 * @param keyed whether an HMAC key was used, so that rewriting the whole file is also detected
 * @param findings what is wrong, first problem first; empty when the chain is intact
 */
public record AuditVerification(int lines, long lastSeq, boolean keyed, List<Finding> findings) {

  /** Copies the findings. */
  public AuditVerification {
    findings = List.copyOf(findings);
  }

  /** Whether the chain is intact and anchored. */
  public boolean ok() {
    return findings.isEmpty();
  }

  /**
   * Whether every finding is the trace of a writer that crashed mid-append (a torn last line, or a
   * last event not yet anchored in {@code audit.head}, that the write intent in {@code
   * audit.intent} names), which opening the registry repairs.
   */
  public boolean repairable() {
    return !findings.isEmpty() && findings.stream().allMatch(Finding::repairable);
  }

  /** The first finding, if any. */
  public Optional<Finding> first() {
    return findings.isEmpty() ? Optional.empty() : Optional.of(findings.get(0));
  }

  /** A one-line summary for logs and the command line. */
  public String summary() {
    if (ok()) {
      return "audit chain intact: "
          + lines
          + " events, last seq "
          + lastSeq
          + (keyed ? ", HMAC verified" : "");
    }
    Finding f = findings.get(0);
    return "audit chain "
        + (repairable() ? "has a repairable tail" : "broken")
        + " at line "
        + f.line()
        + ": "
        + f.message();
  }

  /**
   * One thing wrong with the audit log.
   *
   * @param kind what kind of damage
   * @param line the 1-based line where it is (one past the last line for a missing tail)
   * @param message a sentence naming the line and what was expected
   * @param repairable whether opening the registry repairs it
   */
  public record Finding(Kind kind, int line, String message, boolean repairable) {}

  /** Kinds of damage. */
  public enum Kind {
    /** A line is not a valid event (not JSON, missing fields); it was edited or corrupted. */
    MALFORMED,
    /** A line's content changed after it was written. */
    EDITED,
    /** One or more events are missing before this line. */
    REMOVED,
    /** This line is out of order. */
    REORDERED,
    /** This line was inserted by hand. */
    INSERTED,
    /**
     * Lines (or the bytes of a line without a newline) after the anchored head that no write intent
     * in {@code audit.intent} names: added without the registry.
     */
    APPENDED,
    /** The last events were deleted: the anchored head is beyond the end of the log. */
    TRUNCATED,
    /** A line or {@code audit.head} fails its HMAC. */
    MAC_MISMATCH,
    /** {@code audit.head} does not match the log. */
    HEAD_MISMATCH,
    /**
     * The last line has no newline and is the append recorded in {@code audit.intent}: the append
     * was cut short by a crash. Repairable.
     */
    TORN_TAIL,
    /**
     * The last event is not yet anchored in {@code audit.head} and is exactly the line recorded in
     * {@code audit.intent}: a crash between the append and the head update. Repairable.
     */
    UNANCHORED_TAIL
  }
}
