package dev.calibration.api;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One line of a registry's audit log: who did what to which version, when and why, chained to the
 * event before it by hash.
 *
 * @param seq the sequence number, starting at 1 and increasing by one per event
 * @param time when the event was recorded (UTC)
 * @param kind what happened
 * @param actor who did it; not blank
 * @param reason why; may be empty for events the registry records on its own
 * @param versionId the version concerned, absent for registry-wide events
 * @param configSha256 lower-case hex SHA-256 of the version's {@code calibration.json}, when a
 *     version is concerned
 * @param previousHash lower-case hex SHA-256 of the previous event's line (64 zeros for the first)
 * @param hash lower-case hex SHA-256 of this event's line as written
 * @param details further facts (e.g. {@code "risk" -> "LOW"}, {@code "from" -> "cal-..."})
 */
public record AuditEvent(
    long seq,
    Instant time,
    Kind kind,
    String actor,
    String reason,
    Optional<String> versionId,
    Optional<String> configSha256,
    String previousHash,
    String hash,
    Map<String, String> details) {

  /** Checks every field and copies the details. */
  public AuditEvent {
    if (seq < 1) {
      throw new IllegalArgumentException("seq must be >= 1 but was " + seq);
    }
    Checks.notNull(time, "time");
    Checks.notNull(kind, "kind");
    Checks.notBlank(actor, "actor");
    Checks.notNull(reason, "reason");
    Checks.notNull(versionId, "versionId");
    Checks.notNull(configSha256, "configSha256");
    Checks.notBlank(previousHash, "previousHash");
    Checks.notBlank(hash, "hash");
    details = Checks.strings(details, "details");
  }

  /** The kinds of audit event, with the names written to the log. */
  public enum Kind {
    /** A version was written to the registry. */
    PROPOSED("proposed"),
    /** A version's config passed validation; it now waits for approval. */
    VALIDATED("validated"),
    /** A named person approved a version, bound to its config hash. */
    APPROVED("approved"),
    /** A named person rejected a version. */
    REJECTED("rejected"),
    /** A version became active. */
    ACTIVATED("activated"),
    /** An earlier version became active again. */
    ROLLED_BACK("rolled_back"),
    /** A version was withdrawn from use. */
    DEPRECATED("deprecated"),
    /** An operator acknowledged a broken audit chain so that writes may resume. */
    ACKNOWLEDGED("acknowledged");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    /** The name written in the log's {@code "event"} field. */
    public String wireName() {
      return wireName;
    }

    /** The kind written as {@code wireName}, if it is one. */
    public static Optional<Kind> fromWireName(String wireName) {
      for (Kind k : values()) {
        if (k.wireName.equals(wireName.toLowerCase(Locale.ROOT))) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }
  }
}
