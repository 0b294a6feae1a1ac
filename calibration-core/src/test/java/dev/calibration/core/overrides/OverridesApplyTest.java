package dev.calibration.core.overrides;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverridesApplyTest {
  private static final String NESTED =
      "{\"schema\":1,\"factors\":{"
          + "\"CONDITION_PRICE_FACTOR\":{\"used_good\":{\"current\":0.85,\"suggested\":0.79,\"n\":412},"
          + "\"new\":{\"current\":1.0,\"suggested\":1.31,\"n\":90},\"broken\":{\"current\":1.0,\"n\":3}},"
          + "\"SHIPPING_FACTOR\":{\"x\":{\"suggested\":0.9}}}}";

  @TempDir Path dir;

  @Test
  void apply_nestedSuggestions_writesAllowedTableClampedAndListsSkipped() throws IOException {
    Path suggestions = dir.resolve("calibration_suggestions.json");
    Files.writeString(suggestions, NESTED);
    Path out = dir.resolve("overrides.json");
    OverridesApply.Result r = OverridesApply.withDefaults().apply(suggestions, out);
    assertTrue(r.written());
    assertEquals(
        Map.of("CONDITION_PRICE_FACTOR", Map.of("used_good", 0.79, "new", 1.2)), r.after());
    assertEquals(
        List.of("$.factors.CONDITION_PRICE_FACTOR.broken.suggested", "$.factors.SHIPPING_FACTOR"),
        r.skipped().stream().map(OverridesApply.Skipped::field).collect(Collectors.toList()));
    assertEquals(
        List.of(false, true),
        r.changes().stream().map(OverridesApply.Change::clamped).collect(Collectors.toList()));
    FactorOverrides loaded =
        FactorOverrides.fromFile(
            out, Map.of(), Set.of("CONDITION_PRICE_FACTOR"), FactorBounds.DEFAULT);
    assertEquals(r.after(), loaded.factors());
    assertEquals(List.of(), loaded.ignored());
  }

  @Test
  void apply_flatSuggestionsOverExistingFile_mergesAndKeepsOtherKeys() throws IOException {
    Path suggestions = dir.resolve("s.json");
    Files.writeString(suggestions, "{\"CONDITION_PRICE_FACTOR\":{\"used_good\":0.8}}");
    Path out = dir.resolve("overrides.json");
    Files.writeString(out, "{\"CONDITION_PRICE_FACTOR\":{\"new\":0.97,\"used_good\":0.9}}");
    OverridesApply.Result r = OverridesApply.withDefaults().apply(suggestions, out);
    assertEquals(
        Map.of("CONDITION_PRICE_FACTOR", Map.of("new", 0.97, "used_good", 0.9)), r.before());
    assertEquals(
        Map.of("CONDITION_PRICE_FACTOR", Map.of("new", 0.97, "used_good", 0.8)), r.after());
    assertEquals(Optional.of(0.9), r.changes().get(0).before());
  }

  @Test
  void dryRun_returnsBeforeAndAfterWithoutWriting() throws IOException {
    Path suggestions = dir.resolve("s.json");
    Files.writeString(suggestions, NESTED);
    Path out = dir.resolve("overrides.json");
    OverridesApply.Result r = OverridesApply.withDefaults().dryRun(suggestions, out);
    assertFalse(r.written());
    assertEquals(Map.of(), r.before());
    assertEquals(0.79, r.after().get("CONDITION_PRICE_FACTOR").get("used_good"));
    assertFalse(Files.exists(out));
  }

  @Test
  void apply_callerBoundsAndTables_usesThem() throws IOException {
    Path suggestions = dir.resolve("s.json");
    Files.writeString(suggestions, NESTED);
    OverridesApply.Result r =
        OverridesApply.withDefaults()
            .allowedTables(Set.of("CONDITION_PRICE_FACTOR", "SHIPPING_FACTOR"))
            .bounds(new FactorBounds(0.8, 1.1))
            .dryRun(suggestions, dir.resolve("o.json"));
    assertEquals(Map.of("used_good", 0.8, "new", 1.1), r.after().get("CONDITION_PRICE_FACTOR"));
    assertEquals(Map.of("x", 0.9), r.after().get("SHIPPING_FACTOR"));
  }

  @Test
  void apply_invalidSuggestions_refusedNamingFileAndLineAndExistingFileUntouched()
      throws IOException {
    Path suggestions = dir.resolve("s.json");
    Files.writeString(suggestions, "{\n\"CONDITION_PRICE_FACTOR\": {\"new\": 0.9,,}\n}");
    Path out = dir.resolve("overrides.json");
    Files.writeString(out, "{\"CONDITION_PRICE_FACTOR\":{\"new\":0.97}}");
    byte[] before = Files.readAllBytes(out);
    OverridesException e =
        assertThrows(
            OverridesException.class, () -> OverridesApply.withDefaults().apply(suggestions, out));
    assertEquals("CAL-OVR-010", e.code());
    assertTrue(
        e.getMessage().contains(suggestions.toString()) && e.getMessage().contains("line 2"),
        e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(out));
  }

  @Test
  void apply_existingOverridesInvalid_refusedWithCode012() throws IOException {
    Path suggestions = dir.resolve("s.json");
    Files.writeString(suggestions, NESTED);
    Path out = dir.resolve("overrides.json");
    Files.writeString(out, "{\"CONDITION_PRICE_FACTOR\":{\"new\":\"high\"}}");
    OverridesException e =
        assertThrows(
            OverridesException.class, () -> OverridesApply.withDefaults().apply(suggestions, out));
    assertEquals("CAL-OVR-012", e.code());
    assertTrue(e.getMessage().contains("$.CONDITION_PRICE_FACTOR.new"), e.getMessage());
  }

  @Test
  void allowedTables_empty_refusedAtTheCall() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> OverridesApply.withDefaults().allowedTables(Set.of()));
    assertTrue(e.getMessage().startsWith("allowedTables must name at least one table"));
  }

  @Test
  void factorBounds_minAboveMax_refusedNamingBoth() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new FactorBounds(1.2, 0.5));
    assertEquals("min must be <= max but min was 1.2 and max 0.5", e.getMessage());
  }
}
