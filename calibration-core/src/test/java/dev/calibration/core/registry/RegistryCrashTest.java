package dev.calibration.core.registry;

import static dev.calibration.core.registry.RegistryFixtures.MAPPER;
import static dev.calibration.core.registry.RegistryFixtures.candidate;
import static dev.calibration.core.registry.RegistryFixtures.lines;
import static dev.calibration.core.registry.RegistryFixtures.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calibration.api.AuditEvent;
import dev.calibration.api.VersionInfo;
import dev.calibration.api.VersionStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: a child JVM loops through propose, validate, approve, activate and rollback and is
 * killed with SIGKILL at a random moment, at least 50 times. After each kill, before the registry
 * is opened again, the audit chain is intact or has only a repairable tail (one that the write
 * intent in {@code audit.intent} names, so never "appended by hand") and {@code active.json}
 * parses and names a version on disk; after opening, the log, the state and {@code active.json}
 * agree exactly.
 */
class RegistryCrashTest {
  private static final int KILLS = Integer.getInteger("registry.crash.kills", 50);
  private static final long SEED = Long.getLong("registry.crash.seed", 20261123L);

  @TempDir Path dir;

  @Test
  void sigkill_atRandomPointsOfActivateAndRollback_registryAlwaysOpensConsistent()
      throws Exception {
    FileSystemRegistry setup = FileSystemRegistry.open(dir);
    String base = setup.propose(candidate(0.9), "alice", "base").id();
    setup.validate(base, "ci");
    setup.approve(base, "bob", "base");
    setup.activate(base, "bob", "base");

    SplittableRandom random = new SplittableRandom(SEED);
    int repairedKills = 0;
    int unloggedActivations = 0;
    int midAppend = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      Process child = ChildJvm.start("loop", dir.toString());
      ChildJvm.awaitReady(child);
      long delayMillis = random.nextLong(5, 250);
      assertTrue(
          !child.waitFor(delayMillis, TimeUnit.MILLISECONDS),
          "the loop child must still be running when killed");
      child.destroyForcibly(); // SIGKILL on Unix
      child.waitFor(30, TimeUnit.SECONDS);
      String where = "kill " + kill + " after " + delayMillis + " ms (seed " + SEED + ")";

      AuditVerification before = AuditLog.verify(dir);
      assertTrue(before.ok() || before.repairable(), where + ": " + before.summary());
      if (before.repairable()) {
        midAppend++; // a torn or unanchored last line, named by audit.intent
      }
      JsonNode activeBefore = MAPPER.readTree(Files.readAllBytes(dir.resolve("active.json")));
      String named = activeBefore.get("version").asText();
      assertTrue(
          Files.isRegularFile(dir.resolve("versions").resolve(named).resolve("calibration.json")),
          where + ": active.json names " + named);

      FileSystemRegistry r = FileSystemRegistry.open(dir);
      if (!r.openReport().repairs().isEmpty()) {
        repairedKills++;
      }
      if (r.openReport().repairs().stream().anyMatch(s -> s.contains("restored active.json"))) {
        unloggedActivations++;
      }
      assertTrue(r.openReport().problems().isEmpty(), where + ": " + r.openReport().problems());
      assertTrue(r.verify().ok(), where + ": " + r.verify().summary());
      assertConsistent(r, where);
    }
    System.out.printf(
        "registry crash test: %d SIGKILLs, %d needed a repair on open, %d left an unlogged"
            + " active.json, %d cut an append short or before its head update%n",
        KILLS, repairedKills, unloggedActivations, midAppend);
  }

  /**
   * active.json is exactly the active version's config plus its approval and the activating event's
   * seq and hash.
   */
  private void assertConsistent(FileSystemRegistry r, String where) throws Exception {
    VersionInfo active = r.active().orElseThrow();
    assertEquals(
        1, r.versions().stream().filter(v -> v.status() == VersionStatus.ACTIVE).count(), where);
    ObjectNode file = (ObjectNode) MAPPER.readTree(Files.readAllBytes(dir.resolve("active.json")));
    assertEquals(active.id(), file.get("version").asText(), where);
    JsonNode head = file.remove("audit_head");
    file.remove("approved_by");
    byte[] stored =
        Files.readAllBytes(
            dir.resolve("versions").resolve(active.id()).resolve("calibration.json"));
    assertEquals(active.configSha256(), sha256(stored), where);
    assertEquals(MAPPER.readTree(stored), file, where);
    List<String> log = lines(dir);
    int seq = head.get("seq").asInt();
    String line = log.get(seq - 1);
    assertEquals(sha256(line.getBytes(StandardCharsets.UTF_8)), head.get("hash").asText(), where);
    AuditEvent e = r.history().get(seq - 1);
    assertEquals(active.id(), e.versionId().orElseThrow(), where);
    assertTrue(
        e.kind() == AuditEvent.Kind.ACTIVATED || e.kind() == AuditEvent.Kind.ROLLED_BACK, where);
  }
}
