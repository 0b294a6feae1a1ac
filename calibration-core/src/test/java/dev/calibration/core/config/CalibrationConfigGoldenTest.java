package dev.calibration.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The version-1 golden documents under {@code golden/v1/config/} must always read to the values
 * written in them by hand. A later format version that breaks this test breaks old registries.
 */
class CalibrationConfigGoldenTest {

  static byte[] golden(String name) {
    try (InputStream in =
        CalibrationConfigGoldenTest.class.getResourceAsStream("/golden/v1/config/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing golden file " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void parse_goldenFull_readsEveryFieldAsWritten() {
    CalibrationConfig c = CalibrationConfig.parse(golden("full.json"), "full.json");

    assertEquals(1, c.schema());
    assertEquals("cal-20261123-101500-3f9a2c", c.version());
    assertEquals(Optional.of(Instant.parse("2026-11-23T10:15:00Z")), c.createdAt());
    assertEquals(Optional.of("ana.lima"), c.approvedBy());
    assertEquals(Optional.of(new AuditHead(7, "9c1d0e5b")), c.auditHead());

    TargetCalibrators sell = c.calibrators().get("sell_p60");
    CalibratorSpec def = sell.defaultCalibrator().orElseThrow();
    assertEquals("isotonic", def.method());
    assertEquals(List.of(0.0, 0.2, 0.5, 0.8, 1.0), def.parameters().get("x"));
    assertEquals(List.of(0.05, 0.15, 0.45, 0.7, 0.9), def.parameters().get("y"));
    assertEquals(2, sell.segments().size());
    assertEquals(Map.of("condition", "new"), sell.segments().get(0).match());
    assertEquals(
        new CalibratorSpec("platt", Map.of("a", -1.6, "b", 0.4)),
        sell.segments().get(0).calibrator());
    assertEquals(Map.of("condition", "new", "region", "eu"), sell.segments().get(1).match());
    assertEquals(
        new CalibratorSpec("platt", Map.of("a", 1.0, "b", 0.0)),
        c.calibrators().get("win_p").defaultCalibrator().orElseThrow());
    assertTrue(c.calibrators().get("win_p").segments().isEmpty());

    assertEquals(
        Map.of("CONDITION_PRICE_FACTOR", Map.of("new", 0.99, "used_good", 0.88)), c.factors());
    assertEquals(Map.of("CONDITION_PRICE_FACTOR", new FactorBounds(0.5, 1.2)), c.bounds());
    assertEquals(
        Map.of("main", Map.of("xgb", 0.274, "lgbm", 0.326, "nhits", 0.2, "patchtst", 0.2)),
        c.weights());
  }

  @Test
  void check_goldenFull_isValidWithoutProblems() {
    ConfigValidation v =
        CalibrationConfig.check(golden("full.json"), "full.json", TestMethods.resolver());

    assertTrue(v.isValid(), v::describe);
    assertEquals(List.of(), v.problems());
  }

  @Test
  void parse_goldenMinimal_hasEmptySectionsAndNoMetadata() {
    CalibrationConfig c = CalibrationConfig.parse(golden("minimal.json"), "minimal.json");

    assertEquals(CalibrationConfig.empty("cal-0001"), c);
    assertEquals(FactorBounds.DEFAULT, c.boundsOf("ANY_TABLE"));
  }

  @Test
  void check_goldenUnknownKeys_validWithOneWarningPerUnknownKey() {
    ConfigValidation v =
        CalibrationConfig.check(
            golden("unknown-keys.json"), "unknown-keys.json", TestMethods.resolver());

    assertTrue(v.isValid(), v::describe);
    assertEquals(
        List.of("$.comment", "$.calibrators.sell_p60.notes"),
        v.warnings().stream().map(ConfigProblem::path).collect(Collectors.toList()));
    assertTrue(v.warnings().stream().allMatch(p -> p.code().equals("CAL-CFG-008")));
  }
}
