package dev.calibration.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calibration.api.CalibrationSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Readers never see a half-built snapshot: 8 threads read the loader as hard as they can while a
 * writer makes 1,000 activations and rollbacks, and every snapshot they see answers all questions
 * from the version it claims.
 */
class ConsistencyTest {

  @Test
  void calibrate_8ReadersDuring1000ActivationsAndRollbacks_everySnapshotConsistent()
      throws InterruptedException {
    InMemoryConfigSource source = ConfigSources.memory(TestConfigs.bytes(1));
    try (CalibrationLoader loader =
        CalibrationLoader.builder()
            .source(source)
            .methods(TestConfigs.METHODS)
            .scheduler(new ManualScheduler()) // the writer below drives every reload
            .build()) {
      AtomicBoolean done = new AtomicBoolean();
      ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
      AtomicLong reads = new AtomicLong();
      AtomicLong liveReads = new AtomicLong();
      CountDownLatch started = new CountDownLatch(8);
      List<Thread> readers = new ArrayList<>();
      for (int r = 0; r < 8; r++) {
        Thread t =
            new Thread(
                () -> {
                  started.countDown();
                  long n = 0;
                  int lastSeen = 0;
                  try {
                    while (!done.get()) {
                      CalibrationSnapshot s = loader.current();
                      if (!TestConfigs.consistent(s)) {
                        problems.add("inconsistent snapshot " + s.version());
                      }
                      lastSeen = TestConfigs.versionNumber(s);
                      n++;
                      liveReads.incrementAndGet();
                      Thread.yield(); // 8 spinning readers on a small machine would starve the writer
                    }
                  } catch (RuntimeException e) {
                    problems.add(e + " after version " + lastSeen);
                  }
                  reads.addAndGet(n);
                },
                "reader-" + r);
        t.start();
        readers.add(t);
      }
      started.await();

      // 500 activations of new versions, each followed by a rollback to the one before it.
      for (int v = 2; v <= 501; v++) {
        source.set(TestConfigs.bytes(v));
        loader.checkNow();
        assertEquals(Optional.of("v" + v), loader.currentVersion());
        awaitReadsAfter(liveReads, problems);
        source.set(TestConfigs.bytes(v - 1));
        loader.checkNow();
        assertEquals(Optional.of("v" + (v - 1)), loader.currentVersion());
        awaitReadsAfter(liveReads, problems);
      }
      done.set(true);
      for (Thread t : readers) {
        t.join(Duration.ofSeconds(30).toMillis());
      }

      assertEquals(List.of(), new ArrayList<>(problems));
      assertEquals(1001, loader.status().reloads());
      // The writer waited for at least one read after each of the 1,000 swaps, so the readers
      // overlapped every published snapshot; no wall-clock threshold is involved.
      assertTrue(reads.get() >= 1_000, "readers made only " + reads.get() + " reads");
    }
  }

  /** Lets the readers catch up: returns once some reader has read after this call began. */
  private static void awaitReadsAfter(AtomicLong liveReads, ConcurrentLinkedQueue<String> problems) {
    long before = liveReads.get();
    while (liveReads.get() == before && problems.isEmpty()) { // a reader that failed stops reading
      Thread.onSpinWait();
    }
  }
}
