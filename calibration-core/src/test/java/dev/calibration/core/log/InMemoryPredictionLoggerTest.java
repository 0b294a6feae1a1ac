package dev.calibration.core.log;

import static dev.calibration.core.log.LogTestSupport.typical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.calibration.api.Prediction;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class InMemoryPredictionLoggerTest {
  @Test
  void log_repeatedId_keepsTheFirstAndCountsTheRepeat() {
    InMemoryPredictionLogger log = new InMemoryPredictionLogger();
    Prediction a = typical("a", 1);
    log.log(a);
    log.log(typical("a", 2));
    assertEquals(List.of(a), log.predictions());
    assertEquals(1, log.duplicates());
    try (Stream<Prediction> s = log.asSource().open()) {
      assertEquals(List.of(a), s.toList());
    }
  }

  @Test
  void log_allowingDuplicates_keepsBoth() {
    InMemoryPredictionLogger log = InMemoryPredictionLogger.allowingDuplicates();
    log.log(typical("a", 1));
    log.log(typical("a", 2));
    assertEquals(2, log.predictions().size());
  }

  @Test
  void log_afterClose_throwsLikeTheFileLogger() {
    InMemoryPredictionLogger log = new InMemoryPredictionLogger();
    log.close();
    assertEquals(
        "CAL-LOG-003: the in-memory logger is closed",
        assertThrows(IllegalStateException.class, () -> log.log(typical("a", 1))).getMessage());
  }
}
