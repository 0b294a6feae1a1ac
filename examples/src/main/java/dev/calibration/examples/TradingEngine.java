package dev.calibration.examples;

import dev.calibration.api.CalibrationSnapshot;
import dev.calibration.api.Prediction;
import dev.calibration.api.PredictionLogger;
import dev.calibration.api.SegmentKey;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A trading engine that combines a four-model ensemble into one win confidence, calibrates it, and
 * takes a trade when the calibrated confidence clears a threshold. Ensemble weights and the
 * calibrator come from the current {@link CalibrationSnapshot}, which a hot-reloading loader
 * replaces while the engine runs.
 *
 * <p>Thread-safe as long as the logger is: each decision reads the snapshot once, so its weights,
 * calibrator and logged calibration version all come from the same config version, even when a
 * reload lands in the middle of the decision.
 */
public final class TradingEngine {
  /** The ensemble name in the config's {@code weights}. */
  public static final String ENSEMBLE = "main";

  /** The target the engine logs and calibrates. */
  public static final String TARGET = "win_p";

  private final Supplier<CalibrationSnapshot> snapshot;
  private final PredictionLogger logger;
  private final Clock clock;
  private final double threshold;

  /** An engine reading its config from {@code snapshot} and trading above {@code threshold}. */
  public TradingEngine(
      Supplier<CalibrationSnapshot> snapshot, PredictionLogger logger, Clock clock, double threshold) {
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1) but was " + threshold);
    }
    this.snapshot = snapshot;
    this.logger = logger;
    this.clock = clock;
    this.threshold = threshold;
  }

  /** One decision: the ensemble's raw and calibrated confidence and the config version used. */
  public record Decision(
      String tradeId, double raw, double calibrated, boolean take, Optional<String> version) {}

  /**
   * Decides on one trade from the members' win probabilities, logging the prediction.
   *
   * @throws IllegalArgumentException when a weighted member has no probability
   */
  public Decision decide(String tradeId, String market, Map<String, Double> members) {
    CalibrationSnapshot current = snapshot.get();
    Map<String, Double> weights = current.weights(ENSEMBLE);
    double raw = 0;
    if (weights.isEmpty()) {
      for (double p : members.values()) {
        raw += p / members.size(); // no weights configured: the plain mean
      }
    } else {
      for (Map.Entry<String, Double> w : weights.entrySet()) {
        Double p = members.get(w.getKey());
        if (p == null) {
          throw new IllegalArgumentException(
              "trade " + tradeId + ": no probability from ensemble member '" + w.getKey() + "'");
        }
        raw += w.getValue() * p;
      }
    }
    double calibrated = current.calibrate(TARGET, SegmentKey.of("market", market), raw);
    Prediction.Builder p =
        Prediction.builder(tradeId, clock.instant())
            .model("trader")
            .modelVersion("5.0.1")
            .segment("market", market)
            .value(TARGET, calibrated)
            .members(TARGET, members)
            .context("raw_win_p", raw);
    current.version().ifPresent(p::calibrationVersion);
    logger.log(p.build());
    return new Decision(tradeId, raw, calibrated, calibrated >= threshold, current.version());
  }
}
