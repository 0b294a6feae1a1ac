package dev.calibration.core.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calibration.core.outcome.CsvOutcomeSource;
import dev.calibration.core.outcome.OutcomeMapping;
import dev.calibration.core.outcome.OutcomeReadPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fast file path and the generic record path give identical results on the same data. */
class CalibrationRunPathsTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void execute_fastAndGenericPaths_giveIdenticalResults() throws Exception {
    RunData data = RunData.write(dir, 20_000, 42);
    Path log = dir.resolve("predictions.jsonl");
    Path csv = dir.resolve("outcomes.csv");
    RunResult fast =
        base().predictionFiles(log).outcomeFiles(OutcomeMapping.defaults(), csv).build().execute();
    RunResult generic =
        base()
            .predictions(() -> data.predictions.stream())
            .outcomes(CsvOutcomeSource.builder(csv).policy(OutcomeReadPolicy.SKIP).build())
            .build()
            .execute();
    assertEquals(generic.toJson(), fast.toJson());
    for (String t : new String[] {"sell_p60", "price"}) {
      JoinedTarget a = fast.joined(t);
      JoinedTarget b = generic.joined(t);
      assertArrayEquals(b.predicted(), a.predicted(), t);
      assertArrayEquals(b.observed(), a.observed(), t);
      assertArrayEquals(b.timestampsMillis(), a.timestampsMillis(), t);
      assertArrayEquals(b.segmentIndex(), a.segmentIndex(), t);
      assertEquals(b.segmentLabels(), a.segmentLabels(), t);
      assertEquals(b.members().keySet(), a.members().keySet(), t);
      for (String m : b.members().keySet()) {
        assertArrayEquals(b.members().get(m), a.members().get(m), t + "." + m);
      }
    }
    JoinCounts c = fast.joinCounts();
    assertTrue(c.duplicatePredictions() > 0 && c.duplicateOutcomes() > 0 && c.orphanOutcomes() > 0);
    assertTrue(c.voided() > 0 && c.pushed() > 0 && c.pending() > 0 && c.outcomeNonNumeric() > 0);
    assertTrue(c.targets().get("sell_p60").outOfRange() > 0);
  }

  private static CalibrationRun.Builder base() {
    return CalibrationRun.builder()
        .target("sell_p60=sold_60d:probability")
        .target("price=realized_price")
        .segmentBy("condition")
        .policy(OutcomeReadPolicy.SKIP)
        .clock(CLOCK);
  }
}
