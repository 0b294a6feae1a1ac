package dev.calibration.core.registry;

import static dev.calibration.core.registry.RegistryFixtures.MAPPER;
import static dev.calibration.core.registry.RegistryFixtures.candidate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calibration.api.AuditEvent;
import dev.calibration.api.VersionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two operators in two processes writing at the same moment: the lock serializes them. */
class TwoProcessActivationTest {
  @TempDir Path dir;

  @Test
  void activate_twoProcessesAtOnce_bothRecordedInOneChainAndLaterOneIsActive() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:15:00Z"));
    FileSystemRegistry r = FileSystemRegistry.builder(dir).clock(clock).open();
    String a = r.propose(candidate(0.9), "alice", "a").id();
    clock.advance(Duration.ofSeconds(1));
    String b = r.propose(candidate(0.8), "alice", "b").id();
    for (String id : List.of(a, b)) {
      r.validate(id, "ci");
      r.approve(id, "bob", "ok");
    }
    Path go = dir.resolve("go");
    Process pa = ChildJvm.start("activate", dir.toString(), a, go.toString());
    Process pb = ChildJvm.start("activate", dir.toString(), b, go.toString());
    ChildJvm.awaitReady(pa);
    ChildJvm.awaitReady(pb);
    Files.createFile(go);
    assertTrue(pa.waitFor(60, TimeUnit.SECONDS) && pb.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, pa.exitValue());
    assertEquals(0, pb.exitValue());

    assertTrue(r.verify().ok(), r.verify().summary());
    List<AuditEvent> history = r.history();
    assertEquals(8, history.size());
    AuditEvent first = history.get(6);
    AuditEvent second = history.get(7);
    assertEquals(AuditEvent.Kind.ACTIVATED, first.kind());
    assertEquals(AuditEvent.Kind.ACTIVATED, second.kind());
    assertEquals(
        Set.of(a, b), Set.of(first.versionId().orElseThrow(), second.versionId().orElseThrow()));
    assertEquals(first.hash(), second.previousHash(), "the chain does not fork");
    assertEquals(
        first.versionId().orElseThrow(),
        second.details().get("from"),
        "the later one saw the earlier one active");
    String later = second.versionId().orElseThrow();
    assertEquals(later, r.active().orElseThrow().id());
    assertEquals(
        later,
        MAPPER.readTree(Files.readAllBytes(dir.resolve("active.json"))).get("version").asText());
    assertEquals(
        VersionStatus.SUPERSEDED,
        r.version(first.versionId().orElseThrow()).orElseThrow().status());
  }

  @Test
  void cycles_twoProcessesInterleaving_everyEventRecordedOnceInOneIntactChain() throws Exception {
    Path go = dir.resolve("go");
    FileSystemRegistry.open(dir);
    int n = 6;
    Process p1 = ChildJvm.start("cycles", dir.toString(), Integer.toString(n), "p1", go.toString());
    Process p2 = ChildJvm.start("cycles", dir.toString(), Integer.toString(n), "p2", go.toString());
    ChildJvm.awaitReady(p1);
    ChildJvm.awaitReady(p2);
    Files.createFile(go);
    assertTrue(p1.waitFor(120, TimeUnit.SECONDS) && p2.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p1.exitValue());
    assertEquals(0, p2.exitValue());
    FileSystemRegistry r = FileSystemRegistry.open(dir);
    assertTrue(r.verify().ok(), r.verify().summary());
    List<AuditEvent> history = r.history();
    assertEquals(2 * n * 4, history.size());
    for (int i = 0; i < history.size(); i++) {
      assertEquals(i + 1, history.get(i).seq());
    }
    assertEquals(
        2 * n, history.stream().filter(e -> e.kind() == AuditEvent.Kind.ACTIVATED).count());
    assertEquals(1, r.versions().stream().filter(v -> v.status() == VersionStatus.ACTIVE).count());
    Set<String> reasons =
        history.stream()
            .filter(e -> e.kind() == AuditEvent.Kind.ACTIVATED)
            .map(AuditEvent::reason)
            .collect(Collectors.toSet());
    assertEquals(2 * n, reasons.size());
  }

  @Test
  void lock_heldByAnotherProcess_writerTimesOutNamingThatPidThenProceedsAfterRelease()
      throws Exception {
    FileSystemRegistry r = FileSystemRegistry.open(dir);
    String id = r.propose(candidate(0.9), "alice", "a").id();
    FileSystemRegistry impatient =
        FileSystemRegistry.builder(dir).lockTimeout(Duration.ofMillis(300)).open();
    Path release = dir.resolve("release");
    Process holder = ChildJvm.start("hold", dir.toString(), id, release.toString());
    java.io.BufferedReader out = ChildJvm.awaitReady(holder);
    assertEquals("HOLDING", out.readLine());
    dev.calibration.api.RegistryException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.calibration.api.RegistryException.class, () -> impatient.reject(id, "bob", "no"));
    assertEquals("CAL-REG-006", e.code());
    assertTrue(e.getMessage().contains("pid " + holder.pid() + " on host "), e.getMessage());
    assertTrue(e.getMessage().contains("(validate " + id + ")"), e.getMessage());
    Files.createFile(release);
    assertTrue(holder.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, holder.exitValue());
    assertEquals(VersionStatus.REJECTED, impatient.reject(id, "bob", "after release").status());
  }
}
