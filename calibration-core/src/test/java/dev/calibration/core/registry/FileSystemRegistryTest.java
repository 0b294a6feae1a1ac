package dev.calibration.core.registry;

import static dev.calibration.core.registry.RegistryFixtures.candidate;
import static dev.calibration.core.registry.RegistryFixtures.config;
import static dev.calibration.core.registry.RegistryFixtures.json;
import static dev.calibration.core.registry.RegistryFixtures.lines;
import static dev.calibration.core.registry.RegistryFixtures.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calibration.api.AuditEvent;
import dev.calibration.api.ProposalRisk;
import dev.calibration.api.RegistryException;
import dev.calibration.api.VersionInfo;
import dev.calibration.api.VersionStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemRegistryTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:15:00Z");

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(T0);

  private FileSystemRegistry open() {
    return FileSystemRegistry.builder(dir).clock(clock).open();
  }

  private String approved(FileSystemRegistry r, double factor) {
    String id = r.propose(candidate(factor), "alice", "monthly run").id();
    clock.advance(Duration.ofSeconds(1));
    r.validate(id, "ci");
    r.approve(id, "bob", "reviewed the report");
    clock.advance(Duration.ofSeconds(1));
    return id;
  }

  @Test
  void propose_newConfig_idHasUtcStampAndContentHashPrefix() throws Exception {
    FileSystemRegistry r = open();
    VersionInfo v = r.propose(candidate(0.88), "alice", "monthly run");
    assertEquals("cal-20261123-101500-" + sha256(config(0.88)).substring(0, 6), v.id());
    assertEquals(VersionStatus.PROPOSED, v.status());
    Path stored = dir.resolve("versions").resolve(v.id()).resolve("calibration.json");
    assertEquals(v.id(), json(stored).get("version").asText());
    assertEquals(sha256(Files.readAllBytes(stored)), v.configSha256());
    assertTrue(
        Files.isRegularFile(dir.resolve("versions").resolve(v.id()).resolve("proposal.json")));
  }

  @Test
  void lifecycle_proposeValidateApproveActivate_activeJsonIsStampedWithTheActivatingEvent()
      throws Exception {
    FileSystemRegistry r = open();
    String id = approved(r, 0.88);
    VersionInfo v = r.activate(id, "bob", "go live");
    assertEquals(VersionStatus.ACTIVE, v.status());
    assertEquals(Optional.of("bob"), v.approvedBy());

    List<String> log = lines(dir);
    assertEquals(4, log.size());
    JsonNode active = json(dir.resolve("active.json"));
    assertEquals(id, active.get("version").asText());
    assertEquals("bob", active.get("approved_by").asText());
    assertEquals(4, active.get("audit_head").get("seq").asLong());
    assertEquals(
        sha256(log.get(3).getBytes(StandardCharsets.UTF_8)),
        active.get("audit_head").get("hash").asText());
    assertEquals(
        0.88, active.get("factors").get("CONDITION_PRICE_FACTOR").get("used_good").asDouble());

    List<String> kinds =
        r.history().stream().map(e -> e.kind().wireName()).collect(Collectors.toList());
    assertEquals(List.of("proposed", "validated", "approved", "activated"), kinds);
    assertTrue(r.verify().ok(), r.verify().summary());
  }

  @Test
  void auditChain_eachEvent_recordsShaOfPreviousLineAndHeadAnchorsLast() throws Exception {
    FileSystemRegistry r = open();
    r.activate(approved(r, 0.9), "bob", "go");
    List<String> log = lines(dir);
    String prev = "0".repeat(64);
    for (int i = 0; i < log.size(); i++) {
      JsonNode e = RegistryFixtures.MAPPER.readTree(log.get(i));
      assertEquals(i + 1, e.get("seq").asLong());
      assertEquals(prev, e.get("prev").asText());
      prev = sha256(log.get(i).getBytes(StandardCharsets.UTF_8));
    }
    JsonNode head = json(dir.resolve("audit.head"));
    assertEquals(log.size(), head.get("seq").asLong());
    assertEquals(prev, head.get("hash").asText());
  }

  @Test
  void activate_secondVersion_supersedesFirstAndArchivesPreviousActiveJson() throws Exception {
    FileSystemRegistry r = open();
    String a = approved(r, 0.9);
    r.activate(a, "bob", "go");
    byte[] firstActive = Files.readAllBytes(dir.resolve("active.json"));
    String b = approved(r, 0.8);
    r.activate(b, "bob", "go");
    assertEquals(VersionStatus.SUPERSEDED, r.version(a).orElseThrow().status());
    assertEquals(b, r.active().orElseThrow().id());
    List<Path> archived;
    try (Stream<Path> s = Files.list(dir.resolve("history"))) {
      archived = s.collect(Collectors.toList());
    }
    assertEquals(1, archived.size());
    assertArrayEquals(firstActive, Files.readAllBytes(archived.get(0)));
    assertEquals(1, r.versions().stream().filter(v -> v.status() == VersionStatus.ACTIVE).count());
  }

  @Test
  void rollback_afterTwoActivations_returnsToPreviousThenRefusesWhenNothingIsLeft()
      throws Exception {
    FileSystemRegistry r = open();
    String a = approved(r, 0.9);
    r.activate(a, "bob", "go");
    String b = approved(r, 0.8);
    r.activate(b, "bob", "go");
    clock.advance(Duration.ofSeconds(1));
    VersionInfo back = r.rollback("carol", "incident 42");
    assertEquals(a, back.id());
    assertEquals(VersionStatus.ACTIVE, back.status());
    assertEquals(VersionStatus.SUPERSEDED, r.version(b).orElseThrow().status());
    assertEquals(a, json(dir.resolve("active.json")).get("version").asText());
    RegistryException e = assertThrows(RegistryException.class, () -> r.rollback("carol", "again"));
    assertEquals("CAL-REG-011", e.code());
    assertTrue(e.getMessage().contains(a + " is active"), e.getMessage());
  }

  @Test
  void rollbackTo_earlierApprovedId_activatesItAndPlainRollbackUndoesThat() throws Exception {
    FileSystemRegistry r = open();
    String a = approved(r, 0.9);
    r.activate(a, "bob", "go");
    String b = approved(r, 0.8);
    r.activate(b, "bob", "go");
    String c = approved(r, 0.7);
    r.activate(c, "bob", "go");
    assertEquals(a, r.rollbackTo(a, "carol", "back to the known good").id());
    assertEquals(c, r.rollback("carol", "undo").id());
    assertEquals(b, r.rollback("carol", "undo").id());
    assertTrue(r.verify().ok());
  }

  @Test
  void activeAt_instantsAcrossActivations_answersFromTheLog() {
    FileSystemRegistry r = open();
    String a = approved(r, 0.9);
    Instant beforeAny = clock.instant();
    clock.advance(Duration.ofMinutes(1));
    r.activate(a, "bob", "go");
    Instant aTime = clock.instant();
    clock.advance(Duration.ofMinutes(1));
    String b = approved(r, 0.8);
    clock.advance(Duration.ofMinutes(1));
    r.activate(b, "bob", "go");
    Instant bTime = clock.instant();
    clock.advance(Duration.ofMinutes(1));
    r.rollback("carol", "incident");
    Instant rollbackTime = clock.instant();

    assertEquals(Optional.empty(), r.activeAt(beforeAny));
    assertEquals(Optional.of(a), r.activeAt(aTime));
    assertEquals(Optional.of(a), r.activeAt(bTime.minusMillis(1)));
    assertEquals(Optional.of(b), r.activeAt(bTime));
    assertEquals(Optional.of(b), r.activeAt(rollbackTime.minusMillis(1)));
    assertEquals(Optional.of(a), r.activeAt(rollbackTime.plusSeconds(3600)));
  }

  @Test
  void approve_highRisk_refusedWithCode003() {
    FileSystemRegistry r = open();
    String id = r.propose(candidate(0.9, ProposalRisk.HIGH), "alice", "run").id();
    r.validate(id, "ci");
    RegistryException e = assertThrows(RegistryException.class, () -> r.approve(id, "bob", "ok"));
    assertEquals("CAL-REG-003", e.code());
    assertEquals(VersionStatus.PENDING_APPROVAL, r.version(id).orElseThrow().status());
    assertEquals(VersionStatus.REJECTED, r.reject(id, "bob", "too risky").status());
  }

  @Test
  void approve_fourEyesAndProposerApproves_refusedWithCode005() {
    FileSystemRegistry r = FileSystemRegistry.builder(dir).clock(clock).fourEyes(true).open();
    String id = r.propose(candidate(0.9), "alice", "run").id();
    r.validate(id, "ci");
    RegistryException e =
        assertThrows(RegistryException.class, () -> r.approve(id, " ALICE ", "mine"));
    assertEquals("CAL-REG-005", e.code());
    assertEquals(VersionStatus.APPROVED, r.approve(id, "bob", "reviewed").status());
  }

  @Test
  void activate_configEditedAfterApproval_refusedWithCode004AndActiveUnchanged() throws Exception {
    FileSystemRegistry r = open();
    String a = approved(r, 0.9);
    r.activate(a, "bob", "go");
    byte[] activeBefore = Files.readAllBytes(dir.resolve("active.json"));
    String b = approved(r, 0.8);
    Path file = dir.resolve("versions").resolve(b).resolve("calibration.json");
    Files.writeString(file, Files.readString(file).replace("0.8", "0.5"));
    RegistryException e = assertThrows(RegistryException.class, () -> r.activate(b, "bob", "go"));
    assertEquals("CAL-REG-004", e.code());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertArrayEquals(activeBefore, Files.readAllBytes(dir.resolve("active.json")));
    assertEquals(a, r.active().orElseThrow().id());
  }

  @Test
  void validate_invalidConfig_listsEveryProblemAndStaysProposed() {
    FileSystemRegistry r =
        FileSystemRegistry.builder(dir)
            .clock(clock)
            .validator(b -> List.of("$.weights.main: sums to 0.97", "$.factors.x: 1.5 above 1.2"))
            .open();
    String id = r.propose(candidate(0.9), "alice", "run").id();
    RegistryException e = assertThrows(RegistryException.class, () -> r.validate(id, "ci"));
    assertEquals("CAL-REG-008", e.code());
    assertTrue(
        e.getMessage()
            .contains("(2 problems): $.weights.main: sums to 0.97; $.factors.x: 1.5 above 1.2"),
        e.getMessage());
    assertEquals(VersionStatus.PROPOSED, r.version(id).orElseThrow().status());
  }

  @Test
  void propose_notAJsonObject_refusedAndNothingWritten() throws Exception {
    FileSystemRegistry r = open();
    RegistryException e =
        assertThrows(
            RegistryException.class,
            () ->
                r.propose(
                    dev.calibration.api.VersionCandidate.of(
                        "[1,2]".getBytes(StandardCharsets.UTF_8), new byte[0], ProposalRisk.LOW),
                    "alice",
                    "run"));
    assertEquals("CAL-REG-008", e.code());
    assertFalse(Files.exists(dir.resolve("audit.jsonl")));
    try (Stream<Path> s = Files.list(dir.resolve("versions"))) {
      assertEquals(0, s.count());
    }
  }

  @Test
  void propose_sameConfigSameSecond_refusedAsDuplicate() {
    FileSystemRegistry r = open();
    r.propose(candidate(0.9), "alice", "run");
    RegistryException e =
        assertThrows(RegistryException.class, () -> r.propose(candidate(0.9), "alice", "run"));
    assertEquals("CAL-REG-010", e.code());
  }

  @Test
  void writes_blankActorOrReason_refusedWithCode012() {
    FileSystemRegistry r = open();
    String id = r.propose(candidate(0.9), "alice", "run").id();
    r.validate(id, "ci");
    assertEquals(
        "CAL-REG-012",
        assertThrows(RegistryException.class, () -> r.approve(id, " ", "ok")).code());
    assertEquals(
        "CAL-REG-012",
        assertThrows(RegistryException.class, () -> r.approve(id, "bob", "")).code());
  }

  @Test
  void lock_heldByAnotherThread_secondWriterTimesOutNamingPidHostAndSince() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    FileSystemRegistry slow =
        FileSystemRegistry.builder(dir)
            .clock(clock)
            .validator(
                b -> {
                  inside.countDown();
                  try {
                    release.await(10, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return List.of();
                })
            .open();
    String id = slow.propose(candidate(0.9), "alice", "run").id();
    FileSystemRegistry impatient =
        FileSystemRegistry.builder(dir).clock(clock).lockTimeout(Duration.ofMillis(200)).open();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<VersionInfo> holder = pool.submit(() -> slow.validate(id, "ci"));
      assertTrue(inside.await(10, TimeUnit.SECONDS));
      RegistryException e =
          assertThrows(RegistryException.class, () -> impatient.reject(id, "bob", "no"));
      assertEquals("CAL-REG-006", e.code());
      assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
      assertTrue(e.getMessage().contains("since " + T0), e.getMessage());
      assertTrue(e.getMessage().contains("validate " + id), e.getMessage());
      release.countDown();
      assertEquals(VersionStatus.PENDING_APPROVAL, holder.get(10, TimeUnit.SECONDS).status());
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
    assertEquals(
        List.of(AuditEvent.Kind.PROPOSED, AuditEvent.Kind.VALIDATED),
        impatient.history().stream().map(AuditEvent::kind).collect(Collectors.toList()));
  }

  @Test
  void sentinel_configured_holdsActiveIdAfterActivationAndRollback() throws Exception {
    Path sentinel = dir.resolve("reload.sentinel");
    FileSystemRegistry r = FileSystemRegistry.builder(dir).clock(clock).sentinel(sentinel).open();
    String a = approved(r, 0.9);
    r.activate(a, "bob", "go");
    assertEquals(a, Files.readString(sentinel).trim());
    String b = approved(r, 0.8);
    r.activate(b, "bob", "go");
    r.rollback("bob", "back");
    assertEquals(a, Files.readString(sentinel).trim());
  }

  @Test
  void builder_badArguments_failAtTheCallNamingTheValue() {
    FileSystemRegistry.Builder b = FileSystemRegistry.builder(dir);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> b.lockTimeout(Duration.ofMillis(-5)));
    assertEquals("lockTimeout must be > 0 ms but was -5 ms", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> b.hmacKeyVariable(" "));
  }

  @Test
  void open_hmacVariableUnset_refusedWithCode013() {
    RegistryException e =
        assertThrows(
            RegistryException.class,
            () ->
                FileSystemRegistry.builder(dir)
                    .hmacKeyVariable("CAL_KEY")
                    .environment(name -> null)
                    .open());
    assertEquals("CAL-REG-013", e.code());
    assertTrue(e.getMessage().contains("CAL_KEY"));
  }

  @Test
  void validator_thatWritesToTheSameRegistry_refusedAsNestedWrite() {
    FileSystemRegistry[] self = new FileSystemRegistry[1];
    FileSystemRegistry r =
        FileSystemRegistry.builder(dir)
            .clock(clock)
            .validator(
                b -> {
                  self[0].reject("cal-20261123-101500-000000", "x", "y");
                  return List.of();
                })
            .open();
    self[0] = r;
    String id = r.propose(candidate(0.9), "alice", "run").id();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.validate(id, "ci"));
    assertTrue(e.getMessage().startsWith("registry writes cannot nest"), e.getMessage());
    assertEquals(VersionStatus.PROPOSED, r.version(id).orElseThrow().status());
    assertEquals(VersionStatus.REJECTED, r.reject(id, "bob", "lock was released").status());
  }

  @Test
  void propose_withAttachments_storesThemBesideTheConfig() throws Exception {
    FileSystemRegistry r = open();
    VersionInfo v =
        r.propose(
            new dev.calibration.api.VersionCandidate(
                config(0.9),
                "{}".getBytes(StandardCharsets.UTF_8),
                ProposalRisk.LOW,
                java.util.Map.of("report.md", "# Report".getBytes(StandardCharsets.UTF_8))),
            "alice",
            "run");
    assertEquals("# Report", Files.readString(r.versionDirectory(v.id()).resolve("report.md")));
  }

  @Test
  void propose_attachmentNamedLikeAPath_refusedWithCode012() {
    FileSystemRegistry r = open();
    RegistryException e =
        assertThrows(
            RegistryException.class,
            () ->
                r.propose(
                    new dev.calibration.api.VersionCandidate(
                        config(0.9),
                        new byte[0],
                        ProposalRisk.LOW,
                        java.util.Map.of("../active.json", new byte[] {1})),
                    "alice",
                    "run"));
    assertEquals("CAL-REG-012", e.code());
    assertFalse(Files.exists(dir.resolve("audit.jsonl")));
  }

  @Test
  void versionDirectory_idWithPathSegments_refusedWithCode001() {
    FileSystemRegistry r = open();
    assertEquals(
        "CAL-REG-001",
        assertThrows(RegistryException.class, () -> r.versionDirectory("../../etc")).code());
  }
}
