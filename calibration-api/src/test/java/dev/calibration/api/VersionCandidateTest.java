package dev.calibration.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VersionCandidateTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void constructor_callerMutatesArraysAfterwards_candidateUnchanged() {
    byte[] config = b("{\"schema\":1}");
    Map<String, byte[]> attachments = new HashMap<>();
    attachments.put("report.md", b("# r"));
    VersionCandidate c = new VersionCandidate(config, b("{}"), ProposalRisk.LOW, attachments);
    config[0] = 'X';
    attachments.put("other.md", b("x"));
    c.config()[1] = 'Y';
    assertArrayEquals(b("{\"schema\":1}"), c.config());
    assertEquals(1, c.attachments().size());
  }

  @Test
  void equals_sameContentDifferentArrays_equalAndSameHash() {
    VersionCandidate a = VersionCandidate.of(b("{}"), b("{}"), ProposalRisk.LOW);
    VersionCandidate c = VersionCandidate.of(b("{}"), b("{}"), ProposalRisk.LOW);
    assertEquals(a, c);
    assertEquals(a.hashCode(), c.hashCode());
    assertNotEquals(a, VersionCandidate.of(b("{}"), b("{}"), ProposalRisk.HIGH));
  }

  @Test
  void constructor_emptyConfig_refusedNamingTheField() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> VersionCandidate.of(new byte[0], b("{}"), ProposalRisk.LOW));
    assertEquals("config must not be empty", e.getMessage());
  }

  @Test
  void auditEventKind_wireNames_roundTrip() {
    for (AuditEvent.Kind k : AuditEvent.Kind.values()) {
      assertEquals(Optional.of(k), AuditEvent.Kind.fromWireName(k.wireName()));
    }
    assertEquals("rolled_back", AuditEvent.Kind.ROLLED_BACK.wireName());
    assertEquals(Optional.empty(), AuditEvent.Kind.fromWireName("rolledback"));
  }

  @Test
  void versionStatus_label_readsAsWords() {
    assertEquals("pending approval", VersionStatus.PENDING_APPROVAL.label());
  }
}
