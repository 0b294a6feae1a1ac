package dev.calibration.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyDouble;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.calibration.api.CalibrationSnapshot;
import dev.calibration.api.Calibrator;
import dev.calibration.api.Outcome;
import dev.calibration.api.OutcomeSource;
import dev.calibration.api.Prediction;
import dev.calibration.api.PredictionLogger;
import dev.calibration.api.SegmentKey;
import dev.calibration.core.log.InMemoryPredictionLogger;
import dev.calibration.core.outcome.InMemoryOutcomeSource;
import dev.calibration.core.run.CalibrationRun;
import dev.calibration.core.run.RunResult;
import dev.calibration.loader.CalibrationLoader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * How a host's own test suite stubs Calibration Loop: Mockito mocks or lambdas for the small SPI
 * interfaces, and the in-memory implementations where a real one is simpler.
 */
class HostTestingExampleTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T10:15:00Z"), ZoneOffset.UTC);

  @Test
  void pricing_mockedLogger_receivesOnePredictionPerQuote() {
    PredictionLogger logger = mock(PredictionLogger.class);
    PricingEngine engine = new PricingEngine(Map.of("used_good", 0.8), logger, CLOCK, "2.1.0");
    engine.price(new PricingEngine.Item("SKU9", "LOT9", "used_good", 50.0, 0.6));
    ArgumentCaptor<Prediction> logged = ArgumentCaptor.forClass(Prediction.class);
    verify(logger).log(logged.capture());
    assertEquals(40.0, logged.getValue().values().get("price"), 1e-12);
    assertEquals("used_good", logged.getValue().segment().get("condition"));
  }

  @Test
  void trading_mockedSnapshot_weightsAndCalibratorComeFromIt() {
    CalibrationSnapshot snapshot = mock(CalibrationSnapshot.class);
    when(snapshot.weights("main")).thenReturn(Map.of("a", 0.25, "b", 0.75));
    when(snapshot.calibrate(eq("win_p"), any(SegmentKey.class), anyDouble())).thenReturn(0.9);
    when(snapshot.version()).thenReturn(Optional.of("cal-test"));
    InMemoryPredictionLogger logger = new InMemoryPredictionLogger();
    TradingEngine engine = new TradingEngine(() -> snapshot, logger, CLOCK, 0.6);
    TradingEngine.Decision d = engine.decide("T1", "fx", Map.of("a", 0.4, "b", 0.8));
    assertEquals(0.25 * 0.4 + 0.75 * 0.8, d.raw(), 1e-12);
    assertTrue(d.take());
    assertEquals(Optional.of("cal-test"), logger.predictions().get(0).calibrationVersion());
  }

  @Test
  void sportsbook_fixedLoaderWithALambdaCalibrator_calibratesEveryQuote() {
    Calibrator halve = mock(Calibrator.class);
    when(halve.apply(anyDouble())).thenAnswer(inv -> inv.getArgument(0, Double.class) / 2);
    when(halve.method()).thenReturn("halve");
    try (CalibrationLoader loader = CalibrationLoader.of("v-test", Map.of("win_p", halve))) {
      InMemoryPredictionLogger logger = new InMemoryPredictionLogger();
      Sportsbook book = new Sportsbook(loader::current, logger);
      assertEquals(0.3, book.quote("B1", Instant.EPOCH, "tennis", "moneyline", 0.6), 1e-12);
      assertEquals(Optional.of("v-test"), logger.predictions().get(0).calibrationVersion());
    }
  }

  @Test
  void run_inMemoryLoggerAndLambdaOutcomeSource_joinWithoutFiles() {
    InMemoryPredictionLogger logger = new InMemoryPredictionLogger();
    PricingEngine engine = new PricingEngine(Map.of("new", 1.0), logger, CLOCK, "2.1.0");
    engine.price(new PricingEngine.Item("S1", "L", "new", 10.0, 0.8));
    engine.price(new PricingEngine.Item("S2", "L", "new", 20.0, 0.4));
    OutcomeSource outcomes =
        () -> Stream.of(
            Outcome.settled("S1", Map.of("realized_price", 12.0)),
            Outcome.settled("S2", Map.of("realized_price", 18.0)));
    RunResult r =
        CalibrationRun.builder()
            .predictions(logger.asSource())
            .outcomes(outcomes)
            .target("price=realized_price")
            .build()
            .execute();
    assertEquals(2, r.joinCounts().settled());
    // MAE by hand: (|10-12| + |20-18|) / 2 = 2.
    assertEquals(
        2.0,
        ((dev.calibration.core.metrics.ValueMetrics) r.target("price").overall()).mae(),
        1e-12);
  }

  @Test
  void inMemoryOutcomeSource_streamsWhatItWasGiven() {
    InMemoryOutcomeSource source =
        InMemoryOutcomeSource.of(List.of(Outcome.settled("X", Map.of("won", 1.0))));
    try (Stream<Outcome> s = source.open()) {
      assertEquals(List.of("X"), s.map(Outcome::id).toList());
    }
  }
}
