package dev.calibration.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calibration.api.Outcome;
import dev.calibration.api.Prediction;
import dev.calibration.core.outcome.OutcomeMapping;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@link RunProgress} listener hears every stage and monotone counts ending at the totals. */
class RunProgressTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;

  /** Records what it hears, per stage, and on which thread. */
  private static final class Recorder implements RunProgress {
    final Map<String, List<Long>> counts = new LinkedHashMap<>();
    final List<Thread> threads = new ArrayList<>();
    private List<Long> current = new ArrayList<>();

    @Override
    public void stage(String name) {
      threads.add(Thread.currentThread());
      current = new ArrayList<>();
      assertFalse(counts.containsKey(name), "stage " + name + " started twice");
      counts.put(name, current);
    }

    @Override
    public void records(long read) {
      threads.add(Thread.currentThread());
      current.add(read);
    }
  }

  @Test
  void execute_genericSources_reportsMonotoneCountsEndingAtTheTotals() {
    int n = 150_000; // 10 batches of 16,384: several calls even when the machine is fast
    Recorder r = new Recorder();
    RunResult result =
        CalibrationRun.builder()
            .predictions(
                () ->
                    LongStream.range(0, n)
                        .mapToObj(
                            i ->
                                Prediction.builder("P" + i, T0.plusSeconds(i))
                                    .value("p", (i % 10) / 10.0)
                                    .build()))
            .outcomes(
                () ->
                    LongStream.range(0, n / 2)
                        .mapToObj(i -> Outcome.settled("P" + (2 * i), Map.of("y", (double) (i % 2)))))
            .target("p=y:probability")
            .keepJoined(false)
            .progress(r)
            .build()
            .execute();

    assertEquals(List.of("predictions", "outcomes", "join", "metrics"), List.copyOf(r.counts.keySet()));
    assertCounts(r.counts.get("predictions"), n);
    assertCounts(r.counts.get("outcomes"), n / 2);
    assertEquals(n, result.joinCounts().predictionsRead());
    assertEquals(List.of(), r.counts.get("join"));
    assertEquals(List.of(), r.counts.get("metrics"));
    // 150,000 records in batches of 16,384: at most one call per batch, never one per record
    assertTrue(r.counts.get("predictions").size() <= 10, r.counts.toString());
    for (Thread t : r.threads) {
      assertSame(Thread.currentThread(), t, "called from " + t.getName());
    }
  }

  @Test
  void execute_files_lastCountsAreTheReadTotalsOfJoinCounts() throws Exception {
    RunData.write(dir, 20_000, 7);
    Recorder r = new Recorder();
    RunResult result =
        CalibrationRun.builder()
            .predictionFiles(dir.resolve("predictions.jsonl"))
            .outcomeFiles(OutcomeMapping.defaults(), dir.resolve("outcomes.csv"))
            .target("sell_p60=sold_60d:probability")
            .policy(dev.calibration.core.outcome.OutcomeReadPolicy.SKIP)
            .threads(2)
            .progress(r)
            .build()
            .execute();

    JoinCounts c = result.joinCounts();
    assertCounts(r.counts.get("predictions"), c.predictionsRead());
    assertCounts(r.counts.get("outcomes"), c.outcomesRead());
    for (Thread t : r.threads) {
      assertSame(Thread.currentThread(), t, "called from " + t.getName());
    }
  }

  @Test
  void progress_null_isRejectedWithItsName() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> CalibrationRun.builder().progress(null));
    assertTrue(String.valueOf(e.getMessage()).contains("progress listener"), e.getMessage());
  }

  /** Strictly increasing, positive, and the last one is the total. */
  private static void assertCounts(List<Long> counts, long total) {
    assertFalse(counts.isEmpty(), "no counts for a stage of " + total + " records");
    long previous = 0;
    for (long c : counts) {
      assertTrue(c > previous, "counts not increasing: " + counts);
      previous = c;
    }
    assertEquals(total, previous, "last count of " + counts);
  }
}
