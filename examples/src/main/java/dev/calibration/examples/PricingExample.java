package dev.calibration.examples;

import dev.calibration.core.log.Durability;
import dev.calibration.core.log.JsonlPredictionLogger;
import dev.calibration.core.overrides.FactorBounds;
import dev.calibration.core.overrides.FactorOverrides;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A pricing host: reads bounded condition-factor overrides from the file named by {@value
 * #OVERRIDES_VARIABLE} (opt-in: no variable, no change), prices a lot and logs every prediction.
 *
 * <p>Run: {@code java -cp ... dev.calibration.examples.PricingExample predictions.jsonl}, with
 * {@code PRICING_OVERRIDES=overrides.json} as written by {@code calibration apply}.
 */
public final class PricingExample {
  /** The environment variable naming the overrides file. */
  public static final String OVERRIDES_VARIABLE = "PRICING_OVERRIDES";

  /** The engine's built-in factors. */
  public static final Map<String, Double> DEFAULT_FACTORS =
      Map.of("new", 1.0, "like_new", 0.95, "used_good", 0.85, "used_fair", 0.7, "for_parts", 0.5);

  private PricingExample() {}

  /** Prices a sample lot, logging to {@code args[0]} (default {@code predictions.jsonl}). */
  public static void main(String[] args) {
    Path log = Path.of(args.length > 0 ? args[0] : "predictions.jsonl");
    run(log, System::getenv, Clock.systemUTC(), System.out);
  }

  /** The example with its environment, clock and output injected; returns the quotes. */
  public static List<PricingEngine.Quote> run(
      Path log, Function<String, @Nullable String> env, Clock clock, PrintStream out) {
    FactorOverrides overrides =
        FactorOverrides.fromEnv(
            OVERRIDES_VARIABLE,
            Map.of(PricingEngine.TABLE, DEFAULT_FACTORS),
            Set.of(PricingEngine.TABLE),
            FactorBounds.DEFAULT,
            env);
    out.println("overrides: " + overrides.status() + " " + overrides.applied());
    Map<String, Double> factors = overrides.factors().get(PricingEngine.TABLE);
    try (JsonlPredictionLogger logger =
        JsonlPredictionLogger.builder(log).durability(Durability.FLUSH).build()) {
      PricingEngine engine = new PricingEngine(factors, logger, clock, "2.1.0");
      List<PricingEngine.Quote> quotes =
          List.of(
              engine.price(new PricingEngine.Item("SKU001", "LOT1", "used_good", 120.0, 0.72)),
              engine.price(new PricingEngine.Item("SKU002", "LOT1", "new", 80.0, 0.55)),
              engine.price(new PricingEngine.Item("SKU003", "LOT1", "for_parts", 40.0, 0.30)));
      for (PricingEngine.Quote q : quotes) {
        out.printf(
            Locale.ROOT, "%s price %.2f (factor %.3f) sell_p60 %.2f%n",
            q.sku(), q.price(), q.factor(), q.sellP60());
      }
      return quotes;
    }
  }
}
