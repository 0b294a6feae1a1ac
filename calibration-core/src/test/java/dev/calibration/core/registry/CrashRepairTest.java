package dev.calibration.core.registry;

import static dev.calibration.core.registry.RegistryFixtures.candidate;
import static dev.calibration.core.registry.RegistryFixtures.json;
import static dev.calibration.core.registry.RegistryFixtures.lines;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calibration.core.registry.AuditVerification.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each state a writer killed at a precise step leaves behind, built by hand: opening the registry
 * repairs it, says so, and leaves a registry whose log, files and active.json agree.
 */
class CrashRepairTest {
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:15:00Z"));
  private String a;
  private String b;

  @FunctionalInterface
  interface Crash {
    void leaveBehind(CrashRepairTest t) throws Exception;
  }

  static Stream<Arguments> crashes() {
    return Stream.of(
        Arguments.of(
            "append cut short: half a line, no newline",
            (Crash)
                t -> {
                  t.intent(8, "cd".repeat(32));
                  String half = "{\"seq\":8,\"ts\":\"2026-11-23T10:20:00Z\",\"event\":\"activ";
                  Files.write(
                      t.dir.resolve("audit.jsonl"),
                      half.getBytes(StandardCharsets.UTF_8),
                      StandardOpenOption.APPEND);
                },
            Kind.TORN_TAIL,
            "removed an incomplete last line"),
        Arguments.of(
            "killed between the append and the head update",
            (Crash)
                t -> {
                  t.intent(7, t.lineSha256(7));
                  Files.writeString(
                      t.dir.resolve("audit.head"),
                      "{\"seq\":6,\"hash\":\""
                          + RegistryFixtures.sha256(
                              lines(t.dir).get(5).getBytes(StandardCharsets.UTF_8))
                          + "\"}\n");
                },
            Kind.UNANCHORED_TAIL,
            "anchored seq 7 in audit.head"),
        Arguments.of(
            "killed after recording the intent, before the append",
            (Crash) t -> t.intent(8, "ef".repeat(32)),
            null,
            "removed audit.intent (seq 8)"),
        Arguments.of(
            "killed after the head update, before removing the intent",
            (Crash) t -> t.intent(7, t.lineSha256(7)),
            null,
            "removed audit.intent (seq 7)"),
        Arguments.of(
            "active.json replaced, activation never appended",
            (Crash)
                t -> {
                  String unlogged =
                      Files.readString(
                              t.dir.resolve("versions").resolve(t.a).resolve("calibration.json"))
                          .replace(
                              "}\n",
                              ",\"approved_by\":\"bob\",\"audit_head\":{\"seq\":8,\"hash\":\""
                                  + "ab".repeat(32)
                                  + "\"}}\n");
                  Files.writeString(t.dir.resolve("active.json"), unlogged);
                },
            null,
            "restored active.json to"),
        Arguments.of(
            "version directory written, proposal never appended",
            (Crash)
                t -> {
                  Path orphan = t.dir.resolve("versions").resolve("cal-20261123-120000-abcdef");
                  Files.createDirectories(orphan);
                  Files.writeString(orphan.resolve("calibration.json"), "{\"schema\":1}");
                },
            null,
            "its proposal was never recorded"),
        Arguments.of(
            "temporary files of an atomic write",
            (Crash)
                t -> {
                  Files.writeString(t.dir.resolve(".active.json.tmp-1f2e3d"), "{\"schema\":");
                  Files.createDirectories(
                      t.dir.resolve("versions").resolve(".tmp-cal-20261123-120000-abcdef"));
                },
            null,
            "left by a crashed write"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("crashes")
  void open_afterCrashAtStep_repairsAndReportsIt(
      String name, Crash crash, Kind verifyBeforeOpen, String repairSays) throws Exception {
    FileSystemRegistry r = FileSystemRegistry.builder(dir).clock(clock).open();
    a = r.propose(candidate(0.9), "alice", "a").id();
    r.validate(a, "ci");
    r.approve(a, "bob", "ok");
    clock.advance(Duration.ofSeconds(1));
    b = r.propose(candidate(0.8), "alice", "b").id();
    r.validate(b, "ci");
    r.approve(b, "bob", "ok");
    r.activate(b, "bob", "go");
    byte[] goodActive = Files.readAllBytes(dir.resolve("active.json"));
    assertEquals(7, lines(dir).size());

    crash.leaveBehind(this);
    AuditVerification before = AuditLog.verify(dir);
    if (verifyBeforeOpen != null) {
      assertEquals(verifyBeforeOpen, before.first().orElseThrow().kind(), before.summary());
      assertTrue(before.repairable(), before.summary());
    } else {
      assertTrue(before.ok(), before.summary());
    }

    FileSystemRegistry reopened = FileSystemRegistry.builder(dir).clock(clock).open();
    RepairReport report = reopened.openReport();
    assertTrue(
        report.repairs().stream().anyMatch(s -> s.contains(repairSays)),
        report.repairs().toString());
    assertEquals(List.of(), report.problems());
    assertTrue(reopened.verify().ok(), reopened.verify().summary());
    assertEquals(b, reopened.active().orElseThrow().id());
    assertArrayEquals(goodActive, Files.readAllBytes(dir.resolve("active.json")));
    assertEquals(b, json(dir.resolve("active.json")).get("version").asText());
    assertTrue(
        FileSystemRegistry.builder(dir).clock(clock).open().openReport().clean(),
        "a second open finds nothing left to repair");
    assertFalse(Files.exists(dir.resolve("versions").resolve("cal-20261123-120000-abcdef")));
    assertFalse(Files.exists(dir.resolve("audit.intent")), "no intent is left once repaired");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(a, reopened.activate(a, "bob", "writes work after the repair").id());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("crashes")
  void write_afterCrashWithoutReopening_repairsFirstThenWrites(
      String name, Crash crash, Kind ignored, String repairSays) throws Exception {
    FileSystemRegistry r = FileSystemRegistry.builder(dir).clock(clock).open();
    a = r.propose(candidate(0.9), "alice", "a").id();
    r.validate(a, "ci");
    r.approve(a, "bob", "ok");
    clock.advance(Duration.ofSeconds(1));
    b = r.propose(candidate(0.8), "alice", "b").id();
    r.validate(b, "ci");
    r.approve(b, "bob", "ok");
    r.activate(b, "bob", "go");
    crash.leaveBehind(this);
    clock.advance(Duration.ofSeconds(1));
    r.activate(a, "bob", "a long-lived registry instance repairs under the lock before writing");
    assertTrue(r.verify().ok(), r.verify().summary());
    assertEquals(a, json(dir.resolve("active.json")).get("version").asText());
    assertEquals(8, lines(dir).size());
    assertFalse(Files.exists(dir.resolve("audit.intent")), "the write removes its own intent");
  }

  /** Writes audit.intent as a writer does before appending: {"seq":n,"hash":"..."}. */
  private void intent(long seq, String hash) throws Exception {
    Files.writeString(
        dir.resolve("audit.intent"), "{\"seq\":" + seq + ",\"hash\":\"" + hash + "\"}\n");
  }

  /** The SHA-256 of line {@code n} (1-based) of audit.jsonl, without its newline, by the JDK. */
  private String lineSha256(int n) throws Exception {
    return RegistryFixtures.sha256(lines(dir).get(n - 1).getBytes(StandardCharsets.UTF_8));
  }
}
