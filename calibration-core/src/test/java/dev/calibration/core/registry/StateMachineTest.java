package dev.calibration.core.registry;

import static dev.calibration.core.registry.RegistryFixtures.candidate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calibration.api.RegistryException;
import dev.calibration.api.VersionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation against a version in every state: allowed ones succeed, the rest are refused
 * naming the state.
 */
class StateMachineTest {
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:15:00Z"));

  /** The specification: which states each operation accepts. */
  private static final Map<String, Set<VersionStatus>> ALLOWED =
      Map.of(
          "validate", EnumSet.of(VersionStatus.PROPOSED),
          "approve", EnumSet.of(VersionStatus.PENDING_APPROVAL),
          "reject",
              EnumSet.of(
                  VersionStatus.PROPOSED, VersionStatus.PENDING_APPROVAL, VersionStatus.APPROVED),
          "activate", EnumSet.of(VersionStatus.APPROVED),
          "rollbackTo", EnumSet.of(VersionStatus.SUPERSEDED, VersionStatus.APPROVED),
          "deprecate",
              EnumSet.of(
                  VersionStatus.PROPOSED,
                  VersionStatus.PENDING_APPROVAL,
                  VersionStatus.APPROVED,
                  VersionStatus.SUPERSEDED));

  private static final Map<String, BiFunction<FileSystemRegistry, String, VersionStatus>> OPS =
      Map.of(
          "validate", (r, id) -> r.validate(id, "ci").status(),
          "approve", (r, id) -> r.approve(id, "bob", "ok").status(),
          "reject", (r, id) -> r.reject(id, "bob", "no").status(),
          "activate", (r, id) -> r.activate(id, "bob", "go").status(),
          "rollbackTo", (r, id) -> r.rollbackTo(id, "bob", "back").status(),
          "deprecate", (r, id) -> r.deprecate(id, "bob", "old").status());

  static Stream<Arguments> refused() {
    List<Arguments> out = new ArrayList<>();
    for (String op : OPS.keySet()) {
      for (VersionStatus s : VersionStatus.values()) {
        if (!ALLOWED.get(op).contains(s)) {
          out.add(Arguments.of(op, s));
        }
      }
    }
    return out.stream();
  }

  static Stream<Arguments> allowed() {
    List<Arguments> out = new ArrayList<>();
    for (String op : OPS.keySet()) {
      for (VersionStatus s : ALLOWED.get(op)) {
        out.add(Arguments.of(op, s));
      }
    }
    return out.stream();
  }

  /** Brings a fresh version to {@code target} and returns its id. */
  private String versionIn(FileSystemRegistry r, VersionStatus target) {
    String other = null;
    if (target == VersionStatus.SUPERSEDED) {
      other = versionIn(r, VersionStatus.APPROVED);
    }
    clock.advance(Duration.ofSeconds(1));
    String id =
        r.propose(
                candidate(0.5 + clock.instant().getEpochSecond() % 1000 / 10000.0), "alice", "run")
            .id();
    switch (target) {
      case PROPOSED:
        return id;
      case REJECTED:
        r.reject(id, "bob", "no");
        return id;
      case DEPRECATED:
        r.deprecate(id, "bob", "old");
        return id;
      default:
        break;
    }
    r.validate(id, "ci");
    if (target == VersionStatus.PENDING_APPROVAL) {
      return id;
    }
    r.approve(id, "bob", "ok");
    if (target == VersionStatus.APPROVED) {
      return id;
    }
    r.activate(id, "bob", "go");
    if (target == VersionStatus.SUPERSEDED) {
      r.activate(other, "bob", "go");
    }
    return id;
  }

  @ParameterizedTest(name = "{0} on a {1} version")
  @MethodSource("refused")
  void transition_notAllowedFromState_refusedNamingTheStateAndNothingRecorded(
      String op, VersionStatus state) throws Exception {
    FileSystemRegistry r = FileSystemRegistry.builder(dir).clock(clock).open();
    String id = versionIn(r, state);
    byte[] logBefore = Files.readAllBytes(dir.resolve("audit.jsonl"));
    RegistryException e = assertThrows(RegistryException.class, () -> OPS.get(op).apply(r, id));
    assertEquals("CAL-REG-002", e.code());
    assertTrue(e.getMessage().contains("it is " + state.label()), e.getMessage());
    assertEquals(state, r.version(id).orElseThrow().status());
    assertEquals(
        new String(logBefore, java.nio.charset.StandardCharsets.UTF_8),
        Files.readString(dir.resolve("audit.jsonl")));
  }

  @ParameterizedTest(name = "{0} on a {1} version")
  @MethodSource("allowed")
  void transition_allowedFromState_succeedsAndAtMostOneVersionIsActive(
      String op, VersionStatus state) {
    FileSystemRegistry r = FileSystemRegistry.builder(dir).clock(clock).open();
    String id = versionIn(r, state);
    VersionStatus after = OPS.get(op).apply(r, id);
    assertEquals(after, r.version(id).orElseThrow().status());
    assertTrue(r.versions().stream().filter(v -> v.status() == VersionStatus.ACTIVE).count() <= 1);
    assertTrue(r.verify().ok());
  }
}
