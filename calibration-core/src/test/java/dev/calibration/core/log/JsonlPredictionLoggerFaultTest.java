package dev.calibration.core.log;

import static dev.calibration.core.log.LogTestSupport.readAll;
import static dev.calibration.core.log.LogTestSupport.typical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calibration.api.Prediction;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Writes fail for a while (a real file behind a failing channel), then the disk comes back. */
class JsonlPredictionLoggerFaultTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "partial write of {0} bytes before the fault")
  @ValueSource(ints = {0, 100})
  void write_diskFailsThenRecovers_countsReportsAndWritesEveryRecordOnceWithoutFragments(
      int partialBytes) throws Exception {
    Path file = dir.resolve("p.jsonl");
    AtomicReference<FlakyChannel> channel = new AtomicReference<>();
    List<LogFault> faults = new CopyOnWriteArrayList<>();
    JsonlPredictionLogger.Builder b =
        JsonlPredictionLogger.builder(file).onFault(faults::add).waitTimeout(Duration.ofSeconds(5));
    b.opener =
        p -> {
          FlakyChannel c = new FlakyChannel(LogFile.Opener.DEFAULT.open(p));
          channel.set(c);
          return c;
        };
    try (JsonlPredictionLogger log = b.build()) {
      log.log(typical("before", 0));
      log.flush();
      channel.get().partialBytes = partialBytes;
      channel.get().failing = true;
      log.log(typical("during-1", 1)); // never throws into the host
      log.log(typical("during-2", 2));
      LogWriteException e = assertThrows(LogWriteException.class, log::flush);
      assertEquals("CAL-LOG-011", e.code());
      assertTrue(log.stats().faults() >= 1);
      assertEquals("CAL-LOG-010", faults.get(0).code());
      assertTrue(faults.get(0).cause().isPresent());

      channel.get().failing = false; // the disk is back
      log.log(typical("after", 3));
      log.flush(); // returns normally once the retried batch is written
      assertEquals(0, log.stats().dropped());
      assertEquals(4, log.stats().written());
    }
    // Every record exactly once, in order, and no fragment of the failed attempt in between.
    assertEquals(
        List.of("before", "during-1", "during-2", "after"),
        readAll(file).stream().map(Prediction::id).toList());
  }

  @ParameterizedTest(name = "maxBlock {0} ms")
  @ValueSource(ints = {0, 20})
  void log_bufferStaysFullWhileDiskFails_dropsAfterMaxBlockAndCountsIt(int maxBlockMillis)
      throws Exception {
    Path file = dir.resolve("p.jsonl");
    AtomicReference<FlakyChannel> channel = new AtomicReference<>();
    JsonlPredictionLogger.Builder b =
        JsonlPredictionLogger.builder(file)
            .stripes(1)
            .bufferBytes(4096)
            .maxRecordBytes(1024)
            .maxBlock(Duration.ofMillis(maxBlockMillis))
            .allowDuplicates();
    b.opener =
        p -> {
          FlakyChannel c = new FlakyChannel(LogFile.Opener.DEFAULT.open(p));
          c.failing = true;
          channel.set(c);
          return c;
        };
    JsonlPredictionLogger log = b.build();
    long start = System.nanoTime();
    for (int i = 0; i < 100; i++) {
      log.log(typical("r" + i, i)); // ~330 bytes each: the 4 KiB buffers hold about 24
    }
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(30).toNanos(), "never blocks for long");
    LoggerStats s = log.stats();
    assertTrue(s.dropped() > 0, s.toString());
    assertEquals(100, s.accepted() + s.dropped(), "every record is accepted or counted as dropped");
    channel.get().failing = false;
    log.close();
    assertEquals(s.accepted(), readAll(file).size());
  }
}
