package dev.calibration.core.log;

import static dev.calibration.core.log.LogTestSupport.T0;
import static dev.calibration.core.log.LogTestSupport.readAll;
import static dev.calibration.core.log.LogTestSupport.typical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calibration.api.Prediction;
import dev.calibration.core.internal.log.PathLocks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JsonlPredictionLoggerTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Durability.class)
  void logThenClose_eachDurability_everyRecordReadsBackInOrder(Durability d) {
    Path file = dir.resolve("p.jsonl");
    List<Prediction> sent = new ArrayList<>();
    try (JsonlPredictionLogger log = JsonlPredictionLogger.builder(file).durability(d).build()) {
      for (int i = 0; i < 1000; i++) {
        Prediction p = typical("id-" + i, i);
        sent.add(p);
        log.log(p);
      }
    }
    assertEquals(sent, readAll(file));
  }

  @ParameterizedTest
  @EnumSource(Durability.class)
  void flush_beforeClose_makesRecordsVisibleToAReader(Durability d) throws IOException {
    Path file = dir.resolve("p.jsonl");
    try (JsonlPredictionLogger log =
        JsonlPredictionLogger.builder(file).durability(d).flushInterval(Duration.ofDays(1)).build()) {
      log.log(typical("a", 1));
      log.log(typical("b", 2));
      log.flush();
      assertEquals(2, Files.readAllLines(file).size());
      log.log(typical("c", 3));
      log.sync();
      assertEquals(3, Files.readAllLines(file).size());
      assertEquals(3, log.stats().written());
    }
  }

  @Test
  void log_repeatedId_isWrittenOnceAndCounted() {
    Path file = dir.resolve("p.jsonl");
    JsonlPredictionLogger log = JsonlPredictionLogger.builder(file).build();
    log.log(typical("same", 1));
    log.log(typical("same", 2));
    log.log(typical("other", 3));
    log.close();
    assertEquals(List.of("same", "other"), readAll(file).stream().map(Prediction::id).toList());
    assertEquals(1, log.stats().duplicates());
    assertEquals(2, log.stats().accepted());
  }

  @Test
  void log_repeatedIdWithAllowDuplicates_isWrittenTwice() {
    Path file = dir.resolve("p.jsonl");
    try (JsonlPredictionLogger log = JsonlPredictionLogger.builder(file).allowDuplicates().build()) {
      log.log(typical("same", 1));
      log.log(typical("same", 2));
    }
    assertEquals(2, readAll(file).size());
  }

  @Test
  void log_idAgainAfterTheDedupExpiry_isWrittenAgain() {
    Path file = dir.resolve("p.jsonl");
    MutableClock clock = new MutableClock(T0);
    try (JsonlPredictionLogger log =
        JsonlPredictionLogger.builder(file).dedupExpiry(Duration.ofMinutes(5)).clock(clock).build()) {
      log.log(typical("a", 1));
      clock.now = clock.now.plus(Duration.ofMinutes(4));
      log.log(typical("a", 2)); // within 5 minutes: a repeat
      clock.now = clock.now.plus(Duration.ofMinutes(2));
      log.log(typical("a", 3)); // 6 minutes after the first: written again
      assertEquals(1, log.stats().duplicates());
    }
    assertEquals(
        List.of(T0.plusMillis(1), T0.plusMillis(3)),
        readAll(file).stream().map(Prediction::timestamp).toList());
  }

  @Test
  void log_recordWithoutLineage_isStampedFromTheSuppliers() {
    Path file = dir.resolve("p.jsonl");
    AtomicReference<Optional<String>> active = new AtomicReference<>(Optional.empty());
    try (JsonlPredictionLogger log =
        JsonlPredictionLogger.builder(file)
            .modelVersion(() -> "3.0.0")
            .calibrationVersion(active::get)
            .build()) {
      log.log(Prediction.builder("none", T0).value("price", 1.0).build());
      active.set(Optional.of("cal-0008"));
      log.log(Prediction.builder("active", T0).value("price", 1.0).build());
      log.log(
          Prediction.builder("own", T0)
              .modelVersion("1.0.0")
              .calibrationVersion("cal-0001")
              .value("price", 1.0)
              .build());
    }
    List<Prediction> back = readAll(file);
    assertEquals(Optional.of("3.0.0"), back.get(0).modelVersion());
    assertEquals(Optional.empty(), back.get(0).calibrationVersion());
    assertEquals(Optional.of("cal-0008"), back.get(1).calibrationVersion());
    assertEquals(Optional.of("1.0.0"), back.get(2).modelVersion());
    assertEquals(Optional.of("cal-0001"), back.get(2).calibrationVersion());
  }

  @Test
  void log_afterClose_throwsIllegalState() {
    JsonlPredictionLogger log = JsonlPredictionLogger.builder(dir.resolve("p.jsonl")).build();
    log.close();
    log.close(); // idempotent
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> log.log(typical("a", 1)));
    assertTrue(e.getMessage().startsWith("CAL-LOG-003"), e.getMessage());
  }

  @Test
  void open_fileWithTornLastLine_cutsBackToLastCompleteLineAndAppendsAfterIt() throws IOException {
    Path file = dir.resolve("p.jsonl");
    try (JsonlPredictionLogger log = JsonlPredictionLogger.builder(file).build()) {
      log.log(typical("kept", 1));
    }
    long complete = Files.size(file);
    Files.write(
        file,
        "{\"schema\":1,\"id\":\"torn\",\"ts\":\"2026-".getBytes(StandardCharsets.UTF_8),
        java.nio.file.StandardOpenOption.APPEND);
    List<LogFault> faults = new CopyOnWriteArrayList<>();
    JsonlPredictionLogger log = JsonlPredictionLogger.builder(file).onFault(faults::add).build();
    assertEquals(complete, Files.size(file), "the fragment is cut at open");
    log.log(typical("next", 2));
    log.close();
    assertEquals(List.of("kept", "next"), readAll(file).stream().map(Prediction::id).toList());
    assertEquals(35, log.stats().tornBytesCut()); // the fragment written above is 35 ASCII bytes
    assertEquals("CAL-LOG-020", faults.get(0).code());
  }

  @Test
  void open_fileOfNulPaddingOnly_cutsItToEmpty() throws IOException {
    Path file = dir.resolve("p.jsonl");
    Files.write(file, new byte[4096]);
    try (JsonlPredictionLogger log = JsonlPredictionLogger.builder(file).build()) {
      log.log(typical("first", 1));
    }
    assertEquals(List.of("first"), readAll(file).stream().map(Prediction::id).toList());
  }

  @Test
  void twoLoggers_sameFileInOneJvm_bothWriteWithoutOverlappingLockFailure() throws Exception {
    Path file = dir.resolve("p.jsonl");
    try (JsonlPredictionLogger a = JsonlPredictionLogger.builder(file).build();
        JsonlPredictionLogger b =
            JsonlPredictionLogger.builder(dir.resolve("sub/../p.jsonl")).build()) {
      Thread ta = new Thread(() -> logRange(a, "a", 5000));
      Thread tb = new Thread(() -> logRange(b, "b", 5000));
      ta.start();
      tb.start();
      ta.join();
      tb.join();
      a.flush();
      b.flush();
      assertEquals(0, a.stats().faults());
      assertEquals(0, b.stats().faults());
    }
    assertEquals(10_000, readAll(file).size());
    assertEquals(0, PathLocks.size(), "closed loggers leave no lock-table entry behind");
  }

  private static void logRange(JsonlPredictionLogger log, String prefix, int n) {
    for (int i = 0; i < n; i++) {
      log.log(typical(prefix + i, i));
    }
  }

  @Test
  void rotateAtBytes_manyRecords_splitsIntoNumberedSegmentsWithoutRewritingAny() throws IOException {
    Path file = dir.resolve("p.jsonl");
    try (JsonlPredictionLogger log =
        JsonlPredictionLogger.builder(file).rotateAtBytes(16 * 1024).build()) {
      for (int i = 0; i < 300; i++) {
        log.log(typical("r" + i, i));
        if (i % 50 == 49) {
          log.flush();
        }
      }
    }
    List<Path> segments = JsonlPredictionLogger.segments(file);
    assertTrue(segments.size() >= 4, "300 records of ~330 bytes need at least 6 segments of 16 KiB"
        + " when flushed in batches of 50 (16.5 KB each): " + segments);
    assertEquals(dir.resolve("p.1.jsonl"), segments.get(1));
    // A segment exceeds the limit only when one batch, written into it while empty, is larger than
    // the limit on its own. A batch never spans a flush, so such a segment holds records of a
    // single flush window of 50 (the writer may split a window into several batches, so it may
    // hold fewer than 50).
    for (Path s : segments) {
      if (Files.size(s) > 16 * 1024) {
        List<Prediction> records = readAll(s);
        int window = Integer.parseInt(records.get(0).id().substring(1)) / 50;
        for (Prediction r : records) {
          assertEquals(
              window, Integer.parseInt(r.id().substring(1)) / 50, s + " over the limit: " + r.id());
        }
      }
    }
    List<Prediction> all = readAll(segments.toArray(new Path[0]));
    assertEquals(300, all.size());
    for (int i = 0; i < 300; i++) {
      assertEquals("r" + i, all.get(i).id());
    }
  }

  @Test
  void rotateEvery_clockPassesThePeriod_startsTheNextSegment() throws IOException {
    Path file = dir.resolve("p.jsonl");
    MutableClock clock = new MutableClock(Instant.parse("2026-11-23T00:00:00Z"));
    try (JsonlPredictionLogger log =
        JsonlPredictionLogger.builder(file).rotateEvery(Duration.ofHours(1)).clock(clock).build()) {
      log.log(typical("hour0", 0));
      log.flush();
      clock.now = clock.now.plus(Duration.ofMinutes(61));
      log.log(typical("hour1", 1));
      log.flush();
    }
    assertEquals(List.of(file, dir.resolve("p.1.jsonl")), JsonlPredictionLogger.segments(file));
    assertEquals("hour0", readAll(file).get(0).id());
    assertEquals("hour1", readAll(dir.resolve("p.1.jsonl")).get(0).id());
  }

  @Test
  void open_existingRotatedLog_appendsToTheNewestSegment() throws IOException {
    Path file = dir.resolve("p.jsonl");
    Files.writeString(file, "");
    Files.writeString(dir.resolve("p.1.jsonl"), "");
    try (JsonlPredictionLogger log = JsonlPredictionLogger.builder(file).build()) {
      assertEquals(dir.resolve("p.1.jsonl").toRealPath(), log.file());
      log.log(typical("x", 1));
    }
    assertEquals(0, Files.size(file));
    assertEquals(1, readAll(dir.resolve("p.1.jsonl")).size());
  }

  @Test
  void log_recordLargerThanMaxRecordBytes_isDroppedAndReported() {
    Path file = dir.resolve("p.jsonl");
    List<LogFault> faults = new CopyOnWriteArrayList<>();
    try (JsonlPredictionLogger log =
        JsonlPredictionLogger.builder(file).maxRecordBytes(200).onFault(faults::add).build()) {
      log.log(typical("big", 1)); // about 300 bytes
      log.log(Prediction.builder("small", T0).build());
      log.flush();
      assertEquals(1, log.stats().dropped());
    }
    assertEquals("CAL-LOG-013", faults.get(0).code());
    assertEquals(List.of("small"), readAll(file).stream().map(Prediction::id).toList());
  }

  @Test
  void log_failFastOnRecordTooLarge_throwsWithCode() {
    try (JsonlPredictionLogger log =
        JsonlPredictionLogger.builder(dir.resolve("p.jsonl"))
            .maxRecordBytes(200)
            .faultPolicy(FaultPolicy.FAIL_FAST)
            .build()) {
      LogWriteException e = assertThrows(LogWriteException.class, () -> log.log(typical("big", 1)));
      assertEquals("CAL-LOG-013", e.code());
    }
  }

  @Test
  void write_toAFullDevice_countsFaultsReportsThemAndNeverThrowsFromLog() {
    Path full = Path.of("/dev/full");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "needs /dev/full");
    List<LogFault> faults = new CopyOnWriteArrayList<>();
    JsonlPredictionLogger log =
        JsonlPredictionLogger.builder(full)
            .onFault(faults::add)
            .waitTimeout(Duration.ofMillis(300))
            .build();
    log.log(typical("a", 1));
    LogWriteException e = assertThrows(LogWriteException.class, log::flush);
    assertEquals("CAL-LOG-011", e.code());
    log.log(typical("b", 2)); // still no exception into the prediction path
    assertTrue(log.stats().faults() >= 1);
    assertEquals("CAL-LOG-010", faults.get(0).code());
    log.close();
    assertEquals(2, log.stats().dropped(), "what close could not write is counted as dropped");
    assertFalse(log.stats().written() > 0);
  }

  @Test
  void log_failFastAfterAFault_throwsWithCode() throws Exception {
    Path full = Path.of("/dev/full");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "needs /dev/full");
    try (JsonlPredictionLogger log =
        JsonlPredictionLogger.builder(full)
            .faultPolicy(FaultPolicy.FAIL_FAST)
            .waitTimeout(Duration.ofMillis(200))
            .build()) {
      log.log(typical("a", 1));
      assertThrows(LogWriteException.class, log::flush);
      LogWriteException e = assertThrows(LogWriteException.class, () -> log.log(typical("b", 2)));
      assertEquals("CAL-LOG-010", e.code());
    }
  }

  @Test
  void builder_badArguments_areRejectedNamingTheValue() {
    JsonlPredictionLogger.Builder b = JsonlPredictionLogger.builder(dir.resolve("p.jsonl"));
    assertEquals(
        "maxBlock must be >= 0 but was PT-0.005S",
        assertThrows(IllegalArgumentException.class, () -> b.maxBlock(Duration.ofMillis(-5)))
            .getMessage());
    assertEquals(
        "dedupWindow must be >= 1 id but was 0",
        assertThrows(IllegalArgumentException.class, () -> b.dedupWindow(0)).getMessage());
    assertEquals(
        "stripes must be a power of two >= 1 but was 3",
        assertThrows(IllegalArgumentException.class, () -> b.stripes(3)).getMessage());
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
