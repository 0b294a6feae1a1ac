package dev.calibration.core.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calibration.api.Outcome;
import dev.calibration.api.OutcomeStatus;
import dev.calibration.api.Prediction;
import dev.calibration.core.metrics.ProbabilityMetrics;
import dev.calibration.core.outcome.InMemoryOutcomeSource;
import dev.calibration.core.outcome.OutcomeMapping;
import dev.calibration.core.outcome.OutcomeReadPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every join policy and its count, on hand-made records. */
class JoinPolicyTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  @TempDir Path dir;

  private static Prediction pred(String id, int second, double p) {
    return Prediction.builder(id, T0.plusSeconds(second))
        .value("sell_p60", p)
        .segment("condition", second % 2 == 0 ? "new" : "used")
        .modelVersion("m1")
        .build();
  }

  private static Outcome out(String id, OutcomeStatus status, Map<String, Double> values) {
    return new Outcome(id, Optional.empty(), values, status);
  }

  private RunResult run(List<Prediction> ps, List<Outcome> os) {
    return CalibrationRun.builder()
        .predictions(ps::stream)
        .outcomes(InMemoryOutcomeSource.of(os))
        .target("sell_p60=sold_60d:probability")
        .segmentBy("condition")
        .build()
        .execute();
  }

  @Test
  void execute_everyPolicyCase_isCountedOnce() {
    List<Prediction> ps =
        List.of(
            pred("A", 1, 0.2),
            pred("B", 2, 0.7),
            pred("A", 3, 0.9), // duplicate id: the first logged (0.2) stays the official record
            pred("C", 4, 0.5),
            pred("D", 5, 0.4),
            pred("E", 6, 0.6),
            pred("G", 7, 0.3)); // no outcome: pending
    List<Outcome> os =
        List.of(
            out("A", OutcomeStatus.SETTLED, Map.of("sold_60d", 0.0)),
            out("B", OutcomeStatus.SETTLED, Map.of("sold_60d", 1.0)),
            out("B", OutcomeStatus.SETTLED, Map.of("sold_60d", 0.0)), // later outcome wins
            out("C", OutcomeStatus.VOID, Map.of()),
            out("D", OutcomeStatus.PUSH, Map.of()),
            out("X", OutcomeStatus.SETTLED, Map.of("sold_60d", 1.0)), // orphan
            out("X", OutcomeStatus.SETTLED, Map.of("sold_60d", 1.0)), // orphan, duplicate
            out("E", OutcomeStatus.SETTLED, Map.of("other", 1.0))); // no value for the column
    RunResult r = run(ps, os);
    JoinCounts c = r.joinCounts();
    assertEquals(7, c.predictionsRead());
    assertEquals(1, c.duplicatePredictions());
    assertEquals(8, c.outcomesRead());
    assertEquals(2, c.duplicateOutcomes()); // B and X
    assertEquals(1, c.orphanOutcomes()); // X, counted once
    assertEquals(1, c.pending()); // G
    assertEquals(1, c.voided());
    assertEquals(1, c.pushed());
    assertEquals(3, c.settled()); // A, B, E
    TargetCounts t = c.targets().get("sell_p60");
    assertEquals(2, t.joined());
    assertEquals(1, t.missingOrNonNumeric()); // E
    assertEquals(0, t.outOfRange());
    JoinedTarget j = r.joined("sell_p60");
    assertArrayEquals(new double[] {0.2, 0.7}, j.predicted()); // A's first prediction
    assertArrayEquals(new double[] {0, 0}, j.observed()); // B's last outcome
    assertEquals(c.distinctPredictions(), c.pending() + c.voided() + c.pushed() + c.settled());
  }

  @Test
  void execute_probabilityOutcomeOtherThanZeroOrOne_isCountedOutOfRange() {
    RunResult r =
        run(
            List.of(pred("A", 1, 0.2), pred("B", 2, 0.7)),
            List.of(
                out("A", OutcomeStatus.SETTLED, Map.of("sold_60d", 2.0)),
                out("B", OutcomeStatus.SETTLED, Map.of("sold_60d", 1.0))));
    assertEquals(1, r.joinCounts().targets().get("sell_p60").outOfRange());
    assertEquals(1, r.joinCounts().targets().get("sell_p60").joined());
  }

  @Test
  void execute_predictionWithoutTheTarget_isCountedMissingPrediction() {
    Prediction noValue = Prediction.builder("A", T0).value("price", 10).build();
    RunResult r =
        run(List.of(noValue, pred("B", 2, 0.7)),
            List.of(
                out("A", OutcomeStatus.SETTLED, Map.of("sold_60d", 1.0)),
                out("B", OutcomeStatus.SETTLED, Map.of("sold_60d", 1.0))));
    assertEquals(1, r.joinCounts().targets().get("sell_p60").missingPrediction());
  }

  @Test
  void execute_kindNotGiven_infersProbabilityFromBinaryOutcomesAndValueOtherwise() {
    Prediction a = Prediction.builder("A", T0).value("sell_p60", 0.3).value("price", 40).build();
    Prediction b = Prediction.builder("B", T0.plusSeconds(1)).value("sell_p60", 0.8).value("price", 50).build();
    RunResult r =
        CalibrationRun.builder()
            .predictions(() -> java.util.stream.Stream.of(a, b))
            .outcomes(
                InMemoryOutcomeSource.of(
                    Outcome.settled("A", Map.of("sold", 0.0, "realized", 38.0)),
                    Outcome.settled("B", Map.of("sold", 1.0, "realized", 55.0))))
            .target("sell_p60=sold")
            .target("price=realized")
            .build()
            .execute();
    assertEquals(TargetKind.PROBABILITY, r.target("sell_p60").kind());
    assertEquals(TargetKind.VALUE, r.target("price").kind());
  }

  @Test
  void joined_outOfOrderLog_isReturnedInTimeOrder() {
    RunResult r =
        run(
            List.of(pred("A", 30, 0.2), pred("B", 10, 0.7), pred("C", 21, 0.4)),
            List.of(
                Outcome.settled("A", Map.of("sold_60d", 0.0)),
                Outcome.settled("B", Map.of("sold_60d", 1.0)),
                Outcome.settled("C", Map.of("sold_60d", 1.0))));
    JoinedTarget j = r.joined("sell_p60");
    assertArrayEquals(new double[] {0.7, 0.4, 0.2}, j.predicted());
    long s = T0.toEpochMilli();
    assertArrayEquals(new long[] {s + 10_000, s + 21_000, s + 30_000}, j.timestampsMillis());
    assertEquals(List.of("condition=new", "condition=used"), j.segmentLabels()); // log order
    assertEquals("condition=used", j.segmentOf(1)); // second 21 is odd
  }

  @Test
  void execute_perGroupMetrics_coverEachSegmentAndVersion() {
    RunResult r =
        run(
            List.of(pred("A", 1, 0.2), pred("B", 2, 0.7), pred("C", 3, 0.4), pred("D", 4, 0.9)),
            List.of(
                Outcome.settled("A", Map.of("sold_60d", 0.0)),
                Outcome.settled("B", Map.of("sold_60d", 1.0)),
                Outcome.settled("C", Map.of("sold_60d", 1.0)),
                Outcome.settled("D", Map.of("sold_60d", 1.0))));
    TargetResult t = r.target("sell_p60");
    assertEquals(4, t.overall().n());
    assertEquals(2, t.bySegment().get("condition=new").n()); // B and D
    assertEquals(2, t.bySegment().get("condition=used").n());
    assertEquals(4, t.byModelVersion().get("m1").n());
    assertEquals(4, t.byCalibrationVersion().get("(none)").n());
    // segment "new": scores 0.7, 0.9 with outcomes 1, 1 -> Brier (0.09 + 0.01) / 2
    assertEquals(0.05, ((ProbabilityMetrics) t.bySegment().get("condition=new")).brier(), 1e-12);
  }

  @Test
  void execute_badPredictionLine_failsWithFileLineAndFieldOrIsSkippedAndCounted() throws Exception {
    Path log = dir.resolve("p.jsonl");
    Files.writeString(
        log,
        "{\"id\":\"A\",\"ts\":\"2026-11-23T10:00:00Z\",\"values\":{\"sell_p60\":0.4}}\n"
            + "{\"id\":\"B\",\"ts\":\"yesterday\",\"values\":{\"sell_p60\":0.4}}\n"
            + "{\"id\":\"C\",\"ts\":\"2026-11-23T10:00:01Z\",\"values\":{\"sell_p60\":0.6}}\n"
            + "{\"id\":\"D\",\"ts\":\"2026-11-23T10:0", // torn last line: a crash mid-write
        StandardCharsets.UTF_8);
    Path csv = dir.resolve("o.csv");
    Files.writeString(csv, "id,sold_60d\nA,1\nC,0\n", StandardCharsets.UTF_8);
    CalibrationRunException e =
        assertThrows(
            CalibrationRunException.class,
            () -> filesRun(log, csv, OutcomeReadPolicy.FAIL).execute());
    assertEquals("CAL-RUN-003", e.code());
    assertEquals(2, e.line());
    assertEquals("ts", e.field());
    assertTrue(e.getMessage().contains(log.toString()), e.getMessage());
    RunResult r = filesRun(log, csv, OutcomeReadPolicy.SKIP).execute();
    assertEquals(1, r.joinCounts().predictionsSkipped());
    assertEquals(1, r.joinCounts().predictionsTruncated());
    assertEquals(2, r.joinCounts().targets().get("sell_p60").joined());
    assertTrue(r.joinCounts().problems().get(0).contains(":2 field 'ts'"), r.joinCounts().problems().toString());
  }

  @Test
  void execute_badOutcomeRow_failsWithFileLineAndColumn() throws Exception {
    Path log = dir.resolve("p.jsonl");
    Files.writeString(
        log, "{\"id\":\"A\",\"ts\":\"2026-11-23T10:00:00Z\",\"values\":{\"sell_p60\":0.4}}\n", StandardCharsets.UTF_8);
    Path csv = dir.resolve("o.csv");
    Files.writeString(csv, "id,status,sold_60d\nA,settled,1\nB,won,1\n", StandardCharsets.UTF_8);
    CalibrationRunException e =
        assertThrows(CalibrationRunException.class, () -> filesRun(log, csv, OutcomeReadPolicy.FAIL).execute());
    assertEquals("CAL-OUT-003", e.code());
    assertEquals(3, e.line());
    assertEquals("status", e.field());
  }

  private static CalibrationRun filesRun(Path log, Path csv, OutcomeReadPolicy policy) {
    return CalibrationRun.builder()
        .predictionFiles(log)
        .outcomeFiles(OutcomeMapping.defaults(), csv)
        .target("sell_p60=sold_60d:probability")
        .policy(policy)
        .build();
  }
}
