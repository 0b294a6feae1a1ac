package dev.calibration.core.config;

import java.util.Objects;

/**
 * The audit-log event that activated a config, stamped into {@code active.json} by the registry:
 * {@code "audit_head":{"seq":7,"hash":"9c1f..."}}. It ties the file the loader reads to the
 * hash-chained log, so a file that was never activated through the registry can be told apart.
 *
 * @param seq the event's sequence number in {@code audit.jsonl}; {@code >= 0}
 * @param hash the event's hash; not blank
 */
public record AuditHead(long seq, String hash) {

  /** Checks the fields. */
  public AuditHead {
    if (seq < 0) {
      throw new IllegalArgumentException("seq must be >= 0 but was " + seq);
    }
    Objects.requireNonNull(hash, "hash must not be null");
    if (hash.isBlank()) {
      throw new IllegalArgumentException("hash must not be blank");
    }
  }
}
