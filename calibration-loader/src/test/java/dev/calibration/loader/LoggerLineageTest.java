package dev.calibration.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.calibration.api.Prediction;
import dev.calibration.core.log.Durability;
import dev.calibration.core.log.JsonlPredictionLogger;
import dev.calibration.core.log.JsonlPredictionSource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lineage wiring: a prediction logger given {@code loader::currentVersion} stamps each record with
 * the calibration version that was active when it was logged, and leaves an explicit one alone.
 */
class LoggerLineageTest {

  @Test
  void log_withLoaderVersion_stampsTheVersionActiveAtEachRecord(@TempDir Path dir)
      throws Exception {
    Path log = dir.resolve("predictions.jsonl");
    InMemoryConfigSource source = ConfigSources.memory(TestConfigs.bytes(1));
    try (CalibrationLoader loader =
            CalibrationLoader.builder()
                .source(source)
                .methods(TestConfigs.METHODS)
                .scheduler(new ManualScheduler())
                .build();
        JsonlPredictionLogger logger =
            JsonlPredictionLogger.builder(log)
                .durability(Durability.FLUSH)
                .calibrationVersion(loader::currentVersion)
                .build()) {
      Instant t = Instant.parse("2026-11-23T10:00:00Z");
      logger.log(Prediction.builder("a", t).value("p", 0.5).build());
      logger.flush();

      source.set(TestConfigs.bytes(2));
      loader.checkNow();
      logger.log(Prediction.builder("b", t).value("p", 0.5).build());
      logger.log(
          Prediction.builder("c", t).value("p", 0.5).calibrationVersion("pinned").build());
      logger.flush();
    }

    List<Optional<String>> versions;
    try (Stream<Prediction> records = JsonlPredictionSource.of(log).open()) {
      versions = records.map(Prediction::calibrationVersion).collect(Collectors.toList());
    }
    assertEquals(
        List.of(Optional.of("v1"), Optional.of("v2"), Optional.of("pinned")), versions);
  }
}
