package dev.calibration.loader;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calibration.api.ProposalRisk;
import dev.calibration.api.VersionCandidate;
import dev.calibration.core.config.CalibrationConfig;
import dev.calibration.core.registry.FileSystemRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader reads what the real file-system registry writes: its {@code active.json}, stamped
 * with {@code approved_by} and an {@code audit_head} object, through activation and rollback.
 */
class RegistryInteropTest {

  @Test
  void reload_registryActivatesThenRollsBack_loaderFollowsBoth(@TempDir Path dir) {
    FileSystemRegistry registry = FileSystemRegistry.open(dir);
    String first = activate(registry, 2);
    ManualScheduler time = new ManualScheduler();
    try (CalibrationLoader loader =
        CalibrationLoader.builder()
            .source(ConfigSources.file(dir.resolve("active.json")))
            .methods(TestConfigs.METHODS)
            .scheduler(time)
            .build()) {
      assertEquals(Optional.of(first), loader.currentVersion(), () -> loader.status().toString());
      assertEquals(2.0, loader.current().factor("T", "k"));

      String second = activate(registry, 3);
      time.advance(CalibrationLoader.DEFAULT_POLL_INTERVAL);
      assertEquals(Optional.of(second), loader.currentVersion(), () -> loader.status().toString());
      assertEquals(3.0, loader.current().factor("T", "k"));

      registry.rollback("bob", "incident");
      time.advance(CalibrationLoader.DEFAULT_POLL_INTERVAL);
      assertEquals(Optional.of(first), loader.currentVersion());
      assertEquals(0, loader.status().failures(), () -> loader.status().toString());
    }
  }

  @Test
  void parse_registryActiveJson_carriesApproverAndAuditHead(@TempDir Path dir) throws Exception {
    FileSystemRegistry registry = FileSystemRegistry.open(dir);
    String id = activate(registry, 2);

    CalibrationConfig c =
        CalibrationConfig.parse(Files.readAllBytes(dir.resolve("active.json")), "active.json");

    assertEquals(id, c.version());
    assertEquals(Optional.of("carol"), c.approvedBy());
    assertTrue(c.auditHead().isPresent());
    assertTrue(c.auditHead().get().seq() > 0);
  }

  private static String activate(FileSystemRegistry registry, int n) {
    VersionCandidate candidate =
        VersionCandidate.of(TestConfigs.bytes(n), "{\"rationale\":\"test\"}".getBytes(UTF_8), ProposalRisk.LOW);
    String id = registry.propose(candidate, "alice", "run " + n).id();
    registry.validate(id, "ci");
    registry.approve(id, "carol", "looks right");
    registry.activate(id, "carol", "go");
    return id;
  }
}
