package dev.calibration.core.registry;

import static dev.calibration.core.registry.RegistryFixtures.candidate;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calibration.api.ProposalRisk;
import dev.calibration.api.RegistryException;
import dev.calibration.api.VersionInfo;
import dev.calibration.api.VersionStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Invariants of the registry under any sequence of operations, allowed or refused. */
class RegistryProperties {
  enum Op {
    PROPOSE,
    PROPOSE_HIGH_RISK,
    VALIDATE,
    APPROVE,
    REJECT,
    ACTIVATE,
    ROLLBACK,
    ROLLBACK_TO,
    DEPRECATE
  }

  @Property(tries = 15)
  void anySequence_invariantsHold(
      @ForAll @Size(min = 1, max = 20) List<Op> ops,
      @ForAll @Size(min = 24, max = 24) List<@IntRange(min = 0, max = 7) Integer> picks)
      throws IOException {
    Path dir = Files.createTempDirectory("registry-property");
    try {
      MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:15:00Z"));
      FileSystemRegistry r = FileSystemRegistry.builder(dir).clock(clock).open();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < ops.size(); i++) {
        clock.advance(Duration.ofSeconds(1));
        Op op = ops.get(i);
        String id = ids.isEmpty() ? null : ids.get(picks.get(i) % ids.size());
        byte[] logBefore =
            Files.exists(dir.resolve("audit.jsonl"))
                ? Files.readAllBytes(dir.resolve("audit.jsonl"))
                : new byte[0];
        try {
          apply(r, op, id, ids, i);
        } catch (RegistryException refused) {
          assertTrue(
              List.of("CAL-REG-001", "CAL-REG-002", "CAL-REG-003", "CAL-REG-011")
                  .contains(refused.code()),
              refused.getMessage());
          byte[] logAfter =
              Files.exists(dir.resolve("audit.jsonl"))
                  ? Files.readAllBytes(dir.resolve("audit.jsonl"))
                  : new byte[0];
          assertArrayEquals(logBefore, logAfter, "a refused operation records nothing");
        }
        checkInvariants(r, dir, clock);
      }
      FileSystemRegistry reopened = FileSystemRegistry.open(dir);
      assertTrue(reopened.openReport().clean(), reopened.openReport().toString());
      assertEquals(r.versions(), reopened.versions());
    } finally {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static void apply(FileSystemRegistry r, Op op, String id, List<String> ids, int i) {
    if (id == null && op != Op.PROPOSE && op != Op.PROPOSE_HIGH_RISK && op != Op.ROLLBACK) {
      return;
    }
    switch (op) {
      case PROPOSE:
        ids.add(r.propose(candidate(0.5 + i / 100.0), "alice", "p").id());
        break;
      case PROPOSE_HIGH_RISK:
        ids.add(r.propose(candidate(0.5 + i / 100.0, ProposalRisk.HIGH), "alice", "p").id());
        break;
      case VALIDATE:
        r.validate(id, "ci");
        break;
      case APPROVE:
        r.approve(id, "bob", "ok");
        break;
      case REJECT:
        r.reject(id, "bob", "no");
        break;
      case ACTIVATE:
        r.activate(id, "bob", "go");
        break;
      case ROLLBACK:
        r.rollback("carol", "back");
        break;
      case ROLLBACK_TO:
        r.rollbackTo(id, "carol", "back");
        break;
      case DEPRECATE:
        r.deprecate(id, "bob", "old");
        break;
    }
  }

  private static void checkInvariants(FileSystemRegistry r, Path dir, MutableClock clock)
      throws IOException {
    List<VersionInfo> active =
        r.versions().stream()
            .filter(v -> v.status() == VersionStatus.ACTIVE)
            .collect(Collectors.toList());
    assertTrue(active.size() <= 1, "at most one active: " + active);
    Optional<String> activeId = r.active().map(VersionInfo::id);
    assertEquals(active.stream().map(VersionInfo::id).findFirst(), activeId);
    assertEquals(activeId, r.activeAt(clock.instant()));
    if (activeId.isPresent()) {
      assertEquals(
          activeId.get(),
          RegistryFixtures.json(dir.resolve("active.json")).get("version").asText());
    } else {
      assertTrue(!Files.exists(dir.resolve("active.json")));
    }
    assertTrue(r.verify().ok(), r.verify().summary());
    for (VersionInfo v : r.versions()) {
      if (v.risk() == ProposalRisk.HIGH) {
        assertTrue(v.approvedBy().isEmpty(), "a high-risk version is never approved: " + v);
      }
    }
  }
}
