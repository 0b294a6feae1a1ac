package dev.calibration.core.registry;

import dev.calibration.api.AuditEvent;
import dev.calibration.api.ProposalRisk;
import dev.calibration.api.VersionInfo;
import dev.calibration.api.VersionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The registry's state as the fold of its audit events: each version's status, the active version,
 * the stack of earlier active versions and the activation timeline. Immutable once built; the fold
 * is lenient (an event that does not fit is skipped) because the log is verified separately.
 */
final class RegistryState {
  private final Map<String, VersionInfo> versions;
  private final List<String> activeStack;
  private final List<Activation> timeline;
  private final Map<String, AuditEvent> lastActivation;

  /** One activation or rollback: from {@code time} on, {@code versionId} was active. */
  record Activation(Instant time, String versionId, AuditEvent event) {}

  private RegistryState(
      Map<String, VersionInfo> versions,
      List<String> activeStack,
      List<Activation> timeline,
      Map<String, AuditEvent> lastActivation) {
    this.versions = versions;
    this.activeStack = activeStack;
    this.timeline = timeline;
    this.lastActivation = lastActivation;
  }

  static RegistryState fold(List<AuditEvent> events) {
    Map<String, VersionInfo> versions = new LinkedHashMap<>();
    List<String> stack = new ArrayList<>();
    List<Activation> timeline = new ArrayList<>();
    Map<String, AuditEvent> lastActivation = new LinkedHashMap<>();
    for (AuditEvent e : events) {
      String id = e.versionId().orElse(null);
      if (id == null) {
        continue;
      }
      VersionInfo v = versions.get(id);
      switch (e.kind()) {
        case PROPOSED:
          if (v == null) {
            ProposalRisk risk;
            try {
              risk = ProposalRisk.valueOf(e.details().getOrDefault("risk", "HIGH"));
            } catch (IllegalArgumentException unknown) {
              risk = ProposalRisk.HIGH; // an unreadable risk is treated as the strictest
            }
            versions.put(
                id,
                new VersionInfo(
                    id,
                    VersionStatus.PROPOSED,
                    risk,
                    e.time(),
                    e.actor(),
                    e.configSha256().orElse(Hashes.GENESIS),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()));
          }
          break;
        case VALIDATED:
          put(versions, v, VersionStatus.PENDING_APPROVAL);
          break;
        case APPROVED:
          if (v != null) {
            versions.put(
                id,
                new VersionInfo(
                    id,
                    VersionStatus.APPROVED,
                    v.risk(),
                    v.proposedAt(),
                    v.proposedBy(),
                    v.configSha256(),
                    Optional.of(e.actor()),
                    Optional.of(e.time()),
                    Optional.of(e.reason()),
                    v.lastActivatedAt()));
          }
          break;
        case REJECTED:
          put(versions, v, VersionStatus.REJECTED);
          break;
        case DEPRECATED:
          put(versions, v, VersionStatus.DEPRECATED);
          break;
        case ACTIVATED:
        case ROLLED_BACK:
          if (v == null) {
            break;
          }
          if (!stack.isEmpty()) {
            String previous = stack.get(stack.size() - 1);
            VersionInfo pv = versions.get(previous);
            if (pv != null && pv.status() == VersionStatus.ACTIVE && !previous.equals(id)) {
              put(versions, pv, VersionStatus.SUPERSEDED);
            }
          }
          if (e.kind() == AuditEvent.Kind.ROLLED_BACK
              && "previous".equals(e.details().get("mode"))
              && stack.size() >= 2
              && stack.get(stack.size() - 2).equals(id)) {
            stack.remove(stack.size() - 1); // undo: back to the version below
          } else {
            stack.add(id);
          }
          versions.put(
              id,
              new VersionInfo(
                  id,
                  VersionStatus.ACTIVE,
                  v.risk(),
                  v.proposedAt(),
                  v.proposedBy(),
                  v.configSha256(),
                  v.approvedBy(),
                  v.approvedAt(),
                  v.approvalReason(),
                  Optional.of(e.time())));
          timeline.add(new Activation(e.time(), id, e));
          lastActivation.put(id, e);
          break;
        default:
          break;
      }
    }
    return new RegistryState(versions, stack, timeline, lastActivation);
  }

  private static void put(
      Map<String, VersionInfo> versions, @Nullable VersionInfo v, VersionStatus s) {
    if (v == null) {
      return;
    }
    versions.put(
        v.id(),
        new VersionInfo(
            v.id(),
            s,
            v.risk(),
            v.proposedAt(),
            v.proposedBy(),
            v.configSha256(),
            v.approvedBy(),
            v.approvedAt(),
            v.approvalReason(),
            v.lastActivatedAt()));
  }

  Optional<VersionInfo> version(String id) {
    return Optional.ofNullable(versions.get(id));
  }

  List<VersionInfo> versions() {
    return List.copyOf(versions.values());
  }

  boolean has(String id) {
    return versions.containsKey(id);
  }

  Optional<VersionInfo> active() {
    if (activeStack.isEmpty()) {
      return Optional.empty();
    }
    VersionInfo v = versions.get(activeStack.get(activeStack.size() - 1));
    return v != null && v.status() == VersionStatus.ACTIVE ? Optional.of(v) : Optional.empty();
  }

  /**
   * The version below the active one on the activation stack: what {@code rollback()} returns to.
   */
  Optional<String> previous() {
    return activeStack.size() < 2
        ? Optional.empty()
        : Optional.of(activeStack.get(activeStack.size() - 2));
  }

  /** The event that last made {@code id} active. */
  Optional<AuditEvent> lastActivation(String id) {
    return Optional.ofNullable(lastActivation.get(id));
  }

  Optional<String> activeAt(Instant when) {
    String id = null;
    for (Activation a : timeline) {
      if (a.time().isAfter(when)) {
        break;
      }
      id = a.versionId();
    }
    return Optional.ofNullable(id);
  }
}
