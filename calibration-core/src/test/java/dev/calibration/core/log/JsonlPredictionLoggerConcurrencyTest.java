package dev.calibration.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.calibration.api.Prediction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

class JsonlPredictionLoggerConcurrencyTest {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 100_000;

  @TempDir Path dir;

  /** FLUSH, the default mode (SYNC is exercised by the crash test in a child JVM). */
  @Test
  void eightThreads_100kRecordsEach_everyLineParsesAndEveryRecordIsPresentOnce() throws Exception {
    Durability d = Durability.FLUSH;
    Path file = dir.resolve("p.jsonl");
    CyclicBarrier start = new CyclicBarrier(THREADS);
    JsonlPredictionLogger log =
        JsonlPredictionLogger.builder(file).durability(d).dedupWindow(1_000_000).build();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      Thread th =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
                for (int i = 0; i < PER_THREAD; i++) {
                  log.log(LogTestSupport.typical(Integer.toString(thread * PER_THREAD + i), i));
                }
              });
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join();
    }
    log.close();
    assertEquals(0, log.stats().dropped(), "nothing dropped: " + log.stats());
    assertEquals(THREADS * PER_THREAD, log.stats().written());

    BitSet seen = new BitSet(THREADS * PER_THREAD);
    int[] lastPerThread = new int[THREADS];
    java.util.Arrays.fill(lastPerThread, -1);
    long count;
    JsonlPredictionSource source = JsonlPredictionSource.of(file); // FAIL: a bad line throws
    try (Stream<Prediction> s = source.open()) {
      count =
          s.mapToInt(p -> Integer.parseInt(p.id()))
              .peek(
                  n -> {
                    assertEquals(false, seen.get(n), "record " + n + " twice");
                    seen.set(n);
                    int thread = n / PER_THREAD;
                    assertEquals(true, n > lastPerThread[thread], "thread order kept at " + n);
                    lastPerThread[thread] = n;
                  })
              .count();
    }
    assertEquals(THREADS * PER_THREAD, count);
    assertEquals(THREADS * PER_THREAD, seen.cardinality());
  }
}
