package dev.calibration.api;

/**
 * Where a calibration version stands in the registry's state machine.
 *
 * <p>The normal path is {@link #PROPOSED} → {@link #PENDING_APPROVAL} → {@link #APPROVED} → {@link
 * #ACTIVE} → {@link #SUPERSEDED}. {@link #REJECTED} and {@link #DEPRECATED} are terminal. A
 * superseded version can become active again only through a rollback.
 */
public enum VersionStatus {
  /** Written to the registry, not yet validated. */
  PROPOSED,
  /** Validated; waits for a named person to approve or reject it. */
  PENDING_APPROVAL,
  /** Approved by a named person, bound to the SHA-256 of its config; not yet active. */
  APPROVED,
  /** The one version whose config is in {@code active.json}. */
  ACTIVE,
  /** Was active, replaced by another activation or rollback; a rollback target. */
  SUPERSEDED,
  /** Refused by a person; terminal. */
  REJECTED,
  /** Withdrawn from use; terminal. */
  DEPRECATED;

  /** Whether no further transition is possible from this status. */
  public boolean isTerminal() {
    return this == REJECTED || this == DEPRECATED;
  }

  /** The lower-case, human-readable name used in messages, e.g. {@code "pending approval"}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
