package dev.calibration.core.log;

import dev.calibration.api.Prediction;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Shared record shapes and read-back helpers for the log tests. */
final class LogTestSupport {
  static final Instant T0 = Instant.parse("2026-11-23T10:15:00.123Z");

  private LogTestSupport() {}

  /** A typical record: two values, one segment key, a small context (about 300 bytes). */
  static Prediction typical(String id, long i) {
    return Prediction.builder(id, T0.plusMillis(i))
        .model("pricer")
        .modelVersion("2.1.0")
        .calibrationVersion("cal-0007")
        .segment("condition", i % 2 == 0 ? "used_good" : "new")
        .value("price", 45.0 + (i % 100))
        .value("sell_p60", 0.75)
        .members("sell_p60", Map.of("xgb", 0.71, "lgbm", 0.78))
        .context("lot_id", "LOT" + (i % 1000))
        .context("opt_source", "run_optimize")
        .context("opt_params", Map.of("sims", 100L))
        .build();
  }

  static List<Prediction> readAll(Path... files) {
    try (Stream<Prediction> s = JsonlPredictionSource.of(files).open()) {
      return s.collect(Collectors.toList());
    }
  }
}
