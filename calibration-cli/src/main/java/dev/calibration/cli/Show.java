package dev.calibration.cli;

import dev.calibration.api.AuditEvent;
import dev.calibration.api.VersionInfo;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the workflow commands print versions and events: one line each, UTC times. */
final class Show {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Show() {}

  static String time(Instant t) {
    return TIME.format(t);
  }

  /** {@code cal-...  approved  risk LOW  proposed by x 2026-...  approved by y 2026-...}. */
  static String version(VersionInfo v) {
    StringBuilder sb =
        new StringBuilder()
            .append(v.id())
            .append("  ")
            .append(v.status().label())
            .append("  risk ")
            .append(v.risk())
            .append("  proposed by ")
            .append(v.proposedBy())
            .append(' ')
            .append(time(v.proposedAt()));
    v.approvedBy()
        .ifPresent(
            by ->
                sb.append("  approved by ")
                    .append(by)
                    .append(v.approvedAt().map(t -> " " + time(t)).orElse("")));
    v.lastActivatedAt().ifPresent(t -> sb.append("  last activated ").append(time(t)));
    return sb.toString();
  }

  /** One audit event as a table row. */
  static String event(AuditEvent e) {
    return String.format(
        Locale.ROOT,
        "%5d  %s  %-12s %-28s %-12s %s",
        e.seq(),
        time(e.time()),
        e.kind().wireName(),
        e.versionId().orElse("-"),
        e.actor(),
        e.reason());
  }
}
