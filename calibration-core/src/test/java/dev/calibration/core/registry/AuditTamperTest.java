package dev.calibration.core.registry;

import static dev.calibration.core.registry.RegistryFixtures.candidate;
import static dev.calibration.core.registry.RegistryFixtures.lines;
import static dev.calibration.core.registry.RegistryFixtures.sha256;
import static dev.calibration.core.registry.RegistryFixtures.writeLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calibration.api.AuditEvent;
import dev.calibration.api.RegistryException;
import dev.calibration.core.registry.AuditVerification.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hand edits to audit.jsonl, each detected as the right kind at the right line. */
class AuditTamperTest {
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:15:00Z"));

  /** Eight events: two versions proposed, validated, approved and activated. */
  private FileSystemRegistry eightEvents(FileSystemRegistry.Builder b) {
    FileSystemRegistry r = b.clock(clock).open();
    for (double f : new double[] {0.9, 0.8}) {
      clock.advance(Duration.ofSeconds(1));
      String id = r.propose(candidate(f), "alice", "run").id();
      r.validate(id, "ci");
      r.approve(id, "bob", "ok");
      r.activate(id, "bob", "go");
    }
    return r;
  }

  /**
   * A well-chained forged event following {@code previousLine}, as someone without the key could
   * write.
   */
  private static String forged(long seq, String previousLine) throws Exception {
    return "{\"seq\":"
        + seq
        + ",\"ts\":\"2026-11-23T11:00:00Z\",\"event\":\"deprecated\",\"actor\":\"mallory\",\"reason\":\"x\",\"prev\":\""
        + sha256(previousLine.getBytes(StandardCharsets.UTF_8))
        + "\"}";
  }

  static Stream<Arguments> tampering() {
    return Stream.of(
        Arguments.of(
            "edit line 3",
            (Tamper) l -> set(l, 3, l.get(2).replace("\"reason\":\"ok\"", "\"reason\":\"OK\"")),
            Kind.EDITED,
            3),
        Arguments.of(
            "edit the last line",
            (Tamper) l -> set(l, 8, l.get(7).replace("\"actor\":\"bob\"", "\"actor\":\"eve\"")),
            Kind.EDITED,
            8),
        Arguments.of(
            "garble line 5", (Tamper) l -> set(l, 5, l.get(4).substring(0, 20)), Kind.MALFORMED, 5),
        Arguments.of("delete line 4", (Tamper) l -> remove(l, 4), Kind.REMOVED, 4),
        Arguments.of("delete line 1", (Tamper) l -> remove(l, 1), Kind.REMOVED, 1),
        Arguments.of("swap lines 5 and 6", (Tamper) l -> swap(l, 5, 6), Kind.REORDERED, 5),
        Arguments.of(
            "copy line 2 below itself", (Tamper) l -> insert(l, 3, l.get(1)), Kind.INSERTED, 3),
        Arguments.of(
            "insert a forged, chained line at 3",
            (Tamper) l -> insert(l, 3, forged(3, l.get(1))),
            Kind.INSERTED,
            3),
        Arguments.of("delete the last line", (Tamper) l -> remove(l, 8), Kind.TRUNCATED, 8),
        Arguments.of(
            "delete the last three lines",
            (Tamper) l -> remove(remove(remove(l, 8), 7), 6),
            Kind.TRUNCATED,
            6),
        Arguments.of(
            "append one chained line (issue 6: no longer taken for a crash tail)",
            (Tamper) l -> insert(l, 9, forged(9, l.get(7))),
            Kind.APPENDED,
            9),
        Arguments.of(
            "append two chained lines",
            (Tamper)
                l -> {
                  List<String> out = insert(l, 9, forged(9, l.get(7)));
                  return insert(out, 10, forged(10, out.get(8)));
                },
            Kind.APPENDED,
            9));
  }

  @FunctionalInterface
  interface Tamper {
    List<String> apply(List<String> lines) throws Exception;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tampering")
  void verify_tamperedLog_reportsKindAndLine(String name, Tamper tamper, Kind kind, int line)
      throws Exception {
    FileSystemRegistry r = eightEvents(FileSystemRegistry.builder(dir));
    assertTrue(r.verify().ok());
    writeLines(dir, tamper.apply(lines(dir)));
    AuditVerification v = AuditLog.verify(dir);
    assertFalse(v.ok());
    assertFalse(v.repairable(), v.summary());
    assertEquals(kind, v.first().orElseThrow().kind(), v.summary());
    assertEquals(line, v.first().orElseThrow().line(), v.summary());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tampering")
  void write_afterTampering_refusedWithCode007UntilAcknowledged(
      String name, Tamper tamper, Kind kind, int line) throws Exception {
    eightEvents(FileSystemRegistry.builder(dir));
    writeLines(dir, tamper.apply(lines(dir)));
    FileSystemRegistry r = FileSystemRegistry.builder(dir).clock(clock).open();
    assertFalse(r.openReport().problems().isEmpty());
    RegistryException e =
        assertThrows(RegistryException.class, () -> r.propose(candidate(0.7), "alice", "run"));
    assertEquals("CAL-REG-007", e.code());
    assertTrue(e.getMessage().contains("line " + line), e.getMessage());

    AuditEvent ack = r.acknowledge("oscar", "inspected: " + name);
    assertEquals(AuditEvent.Kind.ACKNOWLEDGED, ack.kind());
    assertEquals(kind.name(), ack.details().get("problem"));
    assertTrue(r.verify().ok(), r.verify().summary());
    clock.advance(Duration.ofSeconds(5));
    r.propose(candidate(0.7), "alice", "run");
    assertTrue(r.verify().ok(), r.verify().summary());
  }

  @Test
  void acknowledge_thenEditBeforeTheAcknowledgement_detectedAgain() throws Exception {
    eightEvents(FileSystemRegistry.builder(dir));
    writeLines(dir, remove(lines(dir), 4));
    FileSystemRegistry r = FileSystemRegistry.builder(dir).clock(clock).open();
    r.acknowledge("oscar", "known loss");
    List<String> l = lines(dir);
    writeLines(dir, set(l, 2, l.get(1).replace("\"ci\"", "\"CI\"")));
    AuditVerification v = r.verify();
    assertEquals(Kind.EDITED, v.first().orElseThrow().kind());
    assertEquals(8, v.first().orElseThrow().line(), v.summary());
  }

  @Test
  void acknowledge_intactChain_refusedWithCode014() {
    FileSystemRegistry r = eightEvents(FileSystemRegistry.builder(dir));
    assertEquals(
        "CAL-REG-014",
        assertThrows(RegistryException.class, () -> r.acknowledge("oscar", "x")).code());
  }

  /**
   * Issue 6: without a key, one hand-appended line with a correct chain looked like a crash between
   * the append and the head update and was anchored on open. A stale intent naming the last
   * anchored line (a writer killed before removing it) does not make it a crash tail either.
   */
  @Test
  void open_oneChainedLineAppendedByHandWithStaleIntent_reportedAtThatLineAndNotAnchored()
      throws Exception {
    eightEvents(FileSystemRegistry.builder(dir));
    List<String> l = lines(dir);
    Files.writeString(
        dir.resolve("audit.intent"),
        "{\"seq\":8,\"hash\":\"" + sha256(l.get(7).getBytes(StandardCharsets.UTF_8)) + "\"}\n");
    writeLines(dir, insert(l, 9, forged(9, l.get(7))));
    String headBefore = Files.readString(dir.resolve("audit.head"));

    AuditVerification v = AuditLog.verify(dir);
    assertEquals(Kind.APPENDED, v.first().orElseThrow().kind(), v.summary());
    assertEquals(9, v.first().orElseThrow().line());
    assertFalse(v.repairable());
    FileSystemRegistry r = FileSystemRegistry.builder(dir).clock(clock).open();
    assertTrue(r.openReport().repairs().isEmpty(), r.openReport().repairs().toString());
    assertEquals(headBefore, Files.readString(dir.resolve("audit.head")), "head not advanced");
  }

  /** A crash tail the intent names, then a line appended by hand: the hand line is reported. */
  @Test
  void verify_handLineAfterTheLineTheIntentNames_reportedAtTheHandLine() throws Exception {
    eightEvents(FileSystemRegistry.builder(dir));
    List<String> l = lines(dir);
    Files.writeString(
        dir.resolve("audit.head"),
        "{\"seq\":7,\"hash\":\"" + sha256(l.get(6).getBytes(StandardCharsets.UTF_8)) + "\"}\n");
    Files.writeString(
        dir.resolve("audit.intent"),
        "{\"seq\":8,\"hash\":\"" + sha256(l.get(7).getBytes(StandardCharsets.UTF_8)) + "\"}\n");
    writeLines(dir, insert(l, 9, forged(9, l.get(7))));
    AuditVerification v = AuditLog.verify(dir);
    assertEquals(Kind.APPENDED, v.first().orElseThrow().kind(), v.summary());
    assertEquals(9, v.first().orElseThrow().line());
    assertFalse(v.repairable());
  }

  /** The intent names a different line than the one found beyond the head: appended by hand. */
  @Test
  void verify_unanchoredLineThatTheIntentDoesNotName_reportedAsAppended() throws Exception {
    eightEvents(FileSystemRegistry.builder(dir));
    List<String> l = lines(dir);
    Files.writeString(
        dir.resolve("audit.intent"), "{\"seq\":9,\"hash\":\"" + "ab".repeat(32) + "\"}\n");
    writeLines(dir, insert(l, 9, forged(9, l.get(7))));
    AuditVerification v = AuditLog.verify(dir);
    assertEquals(Kind.APPENDED, v.first().orElseThrow().kind(), v.summary());
    assertEquals(9, v.first().orElseThrow().line());
  }

  /**
   * Bytes without a newline that no intent names are not cut off as a torn append: they are
   * reported, kept, and after the acknowledgement stay in the log as a line of their own.
   */
  @Test
  void open_bytesWithoutNewlineAndNoIntent_keptReportedAndAcknowledgeable() throws Exception {
    eightEvents(FileSystemRegistry.builder(dir));
    String garbage = "{\"seq\":9,\"event\":\"activ";
    Files.writeString(
        dir.resolve("audit.jsonl"), garbage, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    AuditVerification v = AuditLog.verify(dir);
    assertEquals(Kind.APPENDED, v.first().orElseThrow().kind(), v.summary());
    assertEquals(9, v.first().orElseThrow().line());
    assertFalse(v.repairable());

    FileSystemRegistry r = FileSystemRegistry.builder(dir).clock(clock).open();
    assertTrue(Files.readString(dir.resolve("audit.jsonl")).endsWith(garbage), "bytes kept");
    assertEquals(
        "CAL-REG-007",
        assertThrows(RegistryException.class, () -> r.propose(candidate(0.7), "alice", "run"))
            .code());
    AuditEvent ack = r.acknowledge("oscar", "INC-9: a script wrote half a line");
    assertEquals("APPENDED", ack.details().get("problem"));
    assertEquals(garbage, lines(dir).get(8), "the bytes became line 9, frozen by the ack");
    assertEquals(10, lines(dir).size());
    assertTrue(r.verify().ok(), r.verify().summary());
    clock.advance(Duration.ofSeconds(5));
    r.propose(candidate(0.7), "alice", "run");
    assertTrue(r.verify().ok(), r.verify().summary());
  }

  @Test
  void verify_withKey_wholeFileRewrittenWithRecomputedChainAndHead_detectedAtTheEditedLine()
      throws Exception {
    Map<String, String> env = Map.of("CAL_KEY", "s3cret-key");
    eightEvents(FileSystemRegistry.builder(dir).hmacKeyVariable("CAL_KEY").environment(env::get));
    assertTrue(AuditLog.verify(dir, "s3cret-key".getBytes(StandardCharsets.UTF_8)).ok());
    List<String> l = new ArrayList<>(lines(dir));
    l.set(2, l.get(2).replace("\"reason\":\"ok\"", "\"reason\":\"OK\""));
    String last = rechain(l);
    Files.writeString(dir.resolve("audit.head"), "{\"seq\":8,\"hash\":\"" + last + "\"}\n");
    writeLines(dir, l);

    assertTrue(
        AuditLog.verify(dir).ok(),
        "without the key a full rewrite is invisible, which is why the key exists");
    AuditVerification keyed = AuditLog.verify(dir, "s3cret-key".getBytes(StandardCharsets.UTF_8));
    assertEquals(Kind.MAC_MISMATCH, keyed.first().orElseThrow().kind());
    assertEquals(3, keyed.first().orElseThrow().line());
  }

  /**
   * Without a key, someone who writes audit.intent as well as the line passes for a crash; with a
   * key, the forged line still fails its HMAC at its line.
   */
  @Test
  void verify_withKey_handLineWithForgedIntent_macMismatchAtThatLine() throws Exception {
    eightEvents(FileSystemRegistry.builder(dir).hmacKeyVariable("K").environment(k -> "right"));
    List<String> l = lines(dir);
    String line9 = forged(9, l.get(7));
    Files.writeString(
        dir.resolve("audit.intent"),
        "{\"seq\":9,\"hash\":\"" + sha256(line9.getBytes(StandardCharsets.UTF_8)) + "\"}\n");
    writeLines(dir, insert(l, 9, line9));
    assertTrue(AuditLog.verify(dir).repairable(), "without the key the forgery reads as a crash");
    AuditVerification v = AuditLog.verify(dir, "right".getBytes(StandardCharsets.UTF_8));
    assertEquals(Kind.MAC_MISMATCH, v.first().orElseThrow().kind(), v.summary());
    assertEquals(9, v.first().orElseThrow().line());
  }

  @Test
  void verify_withWrongKey_firstLineFails() throws Exception {
    eightEvents(FileSystemRegistry.builder(dir).hmacKeyVariable("K").environment(k -> "right"));
    AuditVerification v = AuditLog.verify(dir, "wrong".getBytes(StandardCharsets.UTF_8));
    assertEquals(Kind.MAC_MISMATCH, v.first().orElseThrow().kind());
    assertEquals(1, v.first().orElseThrow().line());
  }

  /**
   * Recomputes every prev (dropping macs, as a forger without the key must) and returns the last
   * hash.
   */
  private static String rechain(List<String> l) throws Exception {
    String prev = "0".repeat(64);
    for (int i = 0; i < l.size(); i++) {
      ObjectNode o = (ObjectNode) RegistryFixtures.MAPPER.readTree(l.get(i));
      o.put("prev", prev);
      String mac = o.has("mac") ? o.remove("mac").asText() : null;
      String line = RegistryFixtures.MAPPER.writeValueAsString(o);
      if (mac != null) {
        line = line.substring(0, line.length() - 1) + ",\"mac\":\"" + mac + "\"}";
      }
      l.set(i, line);
      prev = sha256(line.getBytes(StandardCharsets.UTF_8));
    }
    return prev;
  }

  private static List<String> set(List<String> l, int line, String value) {
    List<String> out = new ArrayList<>(l);
    out.set(line - 1, value);
    return out;
  }

  private static List<String> remove(List<String> l, int line) {
    List<String> out = new ArrayList<>(l);
    out.remove(line - 1);
    return out;
  }

  private static List<String> insert(List<String> l, int line, String value) {
    List<String> out = new ArrayList<>(l);
    out.add(line - 1, value);
    return out;
  }

  private static List<String> swap(List<String> l, int a, int b) {
    List<String> out = new ArrayList<>(l);
    out.set(a - 1, l.get(b - 1));
    out.set(b - 1, l.get(a - 1));
    return out;
  }
}
