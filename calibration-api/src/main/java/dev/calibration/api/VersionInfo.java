package dev.calibration.api;

import java.time.Instant;
import java.util.Optional;

/**
 * What a registry knows about one calibration version, folded from its audit log.
 *
 * @param id the version id, e.g. {@code cal-20261123-101500-3f9a2c}
 * @param status where the version stands
 * @param risk the risk level recorded when it was proposed
 * @param proposedAt when it was proposed
 * @param proposedBy who proposed it
 * @param configSha256 lower-case hex SHA-256 of its {@code calibration.json} as proposed
 * @param approvedBy who approved it, once approved
 * @param approvedAt when it was approved
 * @param approvalReason the reason given with the approval
 * @param lastActivatedAt when it last became active, by activation or rollback
 */
public record VersionInfo(
    String id,
    VersionStatus status,
    ProposalRisk risk,
    Instant proposedAt,
    String proposedBy,
    String configSha256,
    Optional<String> approvedBy,
    Optional<Instant> approvedAt,
    Optional<String> approvalReason,
    Optional<Instant> lastActivatedAt) {

  /** Checks every field. */
  public VersionInfo {
    Checks.notBlank(id, "id");
    Checks.notNull(status, "status");
    Checks.notNull(risk, "risk");
    Checks.notNull(proposedAt, "proposedAt");
    Checks.notBlank(proposedBy, "proposedBy");
    Checks.notBlank(configSha256, "configSha256");
    Checks.notNull(approvedBy, "approvedBy");
    Checks.notNull(approvedAt, "approvedAt");
    Checks.notNull(approvalReason, "approvalReason");
    Checks.notNull(lastActivatedAt, "lastActivatedAt");
  }
}
