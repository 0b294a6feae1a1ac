package dev.calibration.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.calibration.api.Outcome;
import dev.calibration.api.Prediction;
import dev.calibration.core.outcome.InMemoryOutcomeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metrics files, JSON, readiness and target mappings. */
class RunOutputsTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:15:30Z");

  @TempDir Path dir;

  private static RunResult oneClassRun() {
    Prediction a = Prediction.builder("A", T0).value("sell_p60", 0.3).build();
    Prediction b = Prediction.builder("B", T0.plusSeconds(60)).value("sell_p60", 0.6).build();
    return CalibrationRun.builder()
        .predictions(() -> Stream.of(a, b))
        .outcomes(
            InMemoryOutcomeSource.of(
                Outcome.settled("A", Map.of("sold", 1.0)), Outcome.settled("B", Map.of("sold", 1.0))))
        .target("sell_p60=sold:probability")
        .clock(Clock.fixed(T0, ZoneOffset.UTC))
        .build()
        .execute();
  }

  @Test
  void metricsFiles_sameSecondTwice_neverOverwrites() throws Exception {
    RunResult r = oneClassRun();
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    Path first = MetricsFiles.write(dir, r, clock);
    Path second = MetricsFiles.write(dir, r, clock);
    assertEquals(dir.resolve("history/metrics_20261123_101530.json"), first);
    assertEquals(dir.resolve("history/metrics_20261123_101530_1.json"), second);
    JsonNode json = new ObjectMapper().readTree(Files.readString(first));
    assertEquals(2, json.at("/counts/settled").asLong());
    assertTrue(json.at("/targets/sell_p60/overall/roc_auc").isNull()); // one class: undefined
    // scores 0.3 and 0.6, both outcomes 1: ((0.7)^2 + (0.4)^2) / 2 = (0.49 + 0.16) / 2
    assertEquals(0.325, json.at("/targets/sell_p60/overall/brier").asDouble(), 1e-12);
  }

  @Test
  void readiness_samplesSinceActivation_areCountedAgainstMinimum() {
    JoinedTarget j = oneClassRun().joined("sell_p60");
    Readiness r = Readiness.of(j, T0.plusSeconds(1), 1);
    assertEquals(1, r.settled()); // only B was predicted after the activation
    assertTrue(r.ready());
    Readiness notYet = Readiness.of(j, T0, 5);
    assertFalse(notYet.ready());
    assertEquals(3, notYet.missing());
  }

  @Test
  void targetMapping_parse_readsKindAndRejectsOtherShapes() {
    TargetMapping m = TargetMapping.parse("price=realized_price:value");
    assertEquals("price", m.target());
    assertEquals("realized_price", m.outcomeColumn());
    assertEquals(TargetKind.VALUE, m.kind().orElseThrow());
    assertEquals("price=realized_price:value", m.toString());
    assertTrue(TargetMapping.parse("sell_p60=sold_60d").kind().isEmpty());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TargetMapping.parse("sell_p60"));
    assertTrue(e.getMessage().contains("'sell_p60'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TargetMapping.parse("a=b:maybe"));
  }

  @Test
  void builder_badArguments_areRejectedAtTheCallNamingTheValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CalibrationRun.builder().bins(0));
    assertEquals("bins must be in [1, 10000] but was 0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CalibrationRun.builder().threads(-1));
    assertThrows(
        IllegalArgumentException.class,
        () -> CalibrationRun.builder().target("a=b").target("a=c"));
    assertThrows(IllegalStateException.class, () -> CalibrationRun.builder().build());
  }
}
