package dev.calibration.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where calibration versions, their approvals and the active pointer live.
 *
 * <p>A version moves through {@link VersionStatus}: proposed, pending approval (after validation),
 * approved (by a named person, bound to the SHA-256 of its config), active, superseded; rejected
 * and deprecated are terminal. At most one version is active at any moment. Every change is
 * recorded as an {@link AuditEvent}, and the registry's state is what that record says.
 *
 * <p>Every write either completes or is refused with a {@link RegistryException} whose code and
 * message name the reason (for example the version's current state); a refused write changes
 * nothing. Implementations are safe to call from several threads, and the file-system
 * implementation also from several processes.
 */
public interface CalibrationRegistry {

  /**
   * Records a new version in state {@link VersionStatus#PROPOSED} and returns it. The id has the
   * form {@code cal-YYYYMMDD-HHMMSS-<first 6 hex of the config's SHA-256>}.
   *
   * @throws RegistryException if the config is not a JSON object, the id is taken, or the actor or
   *     reason is blank
   */
  VersionInfo propose(VersionCandidate candidate, String actor, String reason);

  /**
   * Validates a proposed version's config; on success it becomes {@link
   * VersionStatus#PENDING_APPROVAL}.
   *
   * @throws RegistryException listing every problem if the config is invalid, or naming the current
   *     state if the version is not proposed
   */
  VersionInfo validate(String id, String actor);

  /**
   * Approves a version pending approval, binding the approval to its config's SHA-256.
   *
   * @throws RegistryException if the version is high risk, not pending approval, its config
   *     changed, the actor or reason is blank, or (with four eyes) the actor proposed it
   */
  VersionInfo approve(String id, String actor, String reason);

  /**
   * Rejects a version that is proposed, pending approval or approved.
   *
   * @throws RegistryException naming the current state if the version cannot be rejected
   */
  VersionInfo reject(String id, String actor, String reason);

  /**
   * Makes an approved version active, superseding the active one.
   *
   * @throws RegistryException if the version is not approved or its config no longer has the
   *     approved SHA-256
   */
  VersionInfo activate(String id, String actor, String reason);

  /**
   * Makes the previously active version active again.
   *
   * @throws RegistryException if there is no previous version to return to
   */
  VersionInfo rollback(String actor, String reason);

  /**
   * Makes an earlier version (superseded or approved) active again.
   *
   * @throws RegistryException naming the current state if the version cannot be rolled back to
   */
  VersionInfo rollbackTo(String id, String actor, String reason);

  /**
   * Withdraws a version that is not active; terminal.
   *
   * @throws RegistryException naming the current state if the version is active or terminal
   */
  VersionInfo deprecate(String id, String actor, String reason);

  /** The version with this id, if the registry has it. */
  Optional<VersionInfo> version(String id);

  /** Every version, oldest first. */
  List<VersionInfo> versions();

  /** The active version, if any. */
  Optional<VersionInfo> active();

  /** The id of the version that was active at {@code when}, if any, according to the audit log. */
  Optional<String> activeAt(Instant when);

  /** Every audit event, oldest first. */
  List<AuditEvent> history();
}
