package dev.calibration.core.registry;

import static dev.calibration.core.registry.RegistryFixtures.config;
import static dev.calibration.core.registry.RegistryFixtures.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calibration.api.AuditEvent;
import dev.calibration.api.VersionStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry written by release 0.1 (audit log format v1, HMAC key {@code golden-key}), which every
 * later build must still read: october's version activated, november's activated, rolled back and
 * deprecated, a high-risk one rejected.
 */
class GoldenRegistryTest {
  private static final byte[] KEY = "golden-key".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  private String october;
  private String november;
  private String risky;

  @BeforeEach
  void copyGolden() throws Exception {
    Path golden = Path.of("src/test/resources/golden/v1/registry");
    try (Stream<Path> all = Files.walk(golden)) {
      for (Path p : all.collect(Collectors.toList())) {
        Path target = dir.resolve(golden.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    october = "cal-20261123-101500-" + sha256(config(0.9)).substring(0, 6);
    november = "cal-20261123-111502-" + sha256(config(0.8)).substring(0, 6);
    risky = "cal-20261123-114602-" + sha256(config(0.7)).substring(0, 6);
  }

  @Test
  void verify_goldenV1_intactWithAndWithoutKey() throws IOException {
    assertTrue(AuditLog.verify(dir, KEY).ok(), AuditLog.verify(dir, KEY).summary());
    assertTrue(AuditLog.verify(dir).ok());
    assertEquals(13, AuditLog.verify(dir).lines());
  }

  @Test
  void open_goldenV1_foldsToTheRecordedStates() {
    FileSystemRegistry r =
        FileSystemRegistry.builder(dir).hmacKeyVariable("K").environment(k -> "golden-key").open();
    assertTrue(r.openReport().clean(), r.openReport().toString());
    assertEquals(VersionStatus.ACTIVE, r.version(october).orElseThrow().status());
    assertEquals(VersionStatus.DEPRECATED, r.version(november).orElseThrow().status());
    assertEquals(VersionStatus.REJECTED, r.version(risky).orElseThrow().status());
    assertEquals(Optional.of("bob"), r.version(october).orElseThrow().approvedBy());
    List<String> kinds =
        r.history().stream()
            .map(AuditEvent::kind)
            .map(AuditEvent.Kind::wireName)
            .collect(Collectors.toList());
    assertEquals(
        List.of(
            "proposed",
            "validated",
            "approved",
            "activated",
            "proposed",
            "validated",
            "approved",
            "activated",
            "rolled_back",
            "proposed",
            "validated",
            "rejected",
            "deprecated"),
        kinds);
  }

  @Test
  void activeAt_goldenV1_answersFromTheLog() {
    FileSystemRegistry r = FileSystemRegistry.open(dir);
    assertEquals(Optional.empty(), r.activeAt(Instant.parse("2026-11-23T10:15:01Z")));
    assertEquals(Optional.of(october), r.activeAt(Instant.parse("2026-11-23T10:15:02Z")));
    assertEquals(Optional.of(october), r.activeAt(Instant.parse("2026-11-23T11:16:01Z")));
    assertEquals(Optional.of(november), r.activeAt(Instant.parse("2026-11-23T11:16:02Z")));
    assertEquals(Optional.of(november), r.activeAt(Instant.parse("2026-11-23T11:46:01Z")));
    assertEquals(Optional.of(october), r.activeAt(Instant.parse("2026-11-23T11:46:02Z")));
  }
}
