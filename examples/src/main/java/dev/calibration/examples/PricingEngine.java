package dev.calibration.examples;

import dev.calibration.api.Prediction;
import dev.calibration.api.PredictionLogger;
import java.time.Clock;
import java.util.Map;

/**
 * A pricing engine for lots of used goods: the price of an item is its base price times its
 * condition's factor, and the engine logs every prediction (price and the probability of selling
 * within 60 days, condition as the segment, the lot in the context) so that the calibration run
 * can later compare them with what sold.
 *
 * <p>Immutable and thread-safe as long as the logger is. The factors are fixed for the engine's
 * life: a host that wants new factors reads its overrides again and builds a new engine (see
 * {@link PricingExample}).
 */
public final class PricingEngine {
  /** The factor table the engine reads, by the name the overrides file uses. */
  public static final String TABLE = "CONDITION_PRICE_FACTOR";

  private final Map<String, Double> conditionFactors;
  private final PredictionLogger logger;
  private final Clock clock;
  private final String modelVersion;

  /**
   * An engine with these condition factors (defaults merged with overrides), logging to {@code
   * logger}.
   */
  public PricingEngine(
      Map<String, Double> conditionFactors, PredictionLogger logger, Clock clock, String modelVersion) {
    this.conditionFactors = Map.copyOf(conditionFactors);
    this.logger = logger;
    this.clock = clock;
    this.modelVersion = modelVersion;
  }

  /** An item to price. */
  public record Item(String sku, String lotId, String condition, double basePrice, double sellP60) {}

  /** The engine's answer for one item. */
  public record Quote(String sku, double price, double sellP60, double factor) {}

  /**
   * Prices one item and logs the prediction.
   *
   * @throws IllegalArgumentException when the item's condition has no factor
   */
  public Quote price(Item item) {
    Double factor = conditionFactors.get(item.condition());
    if (factor == null) {
      throw new IllegalArgumentException(
          "no " + TABLE + " for condition '" + item.condition() + "'; known: "
              + conditionFactors.keySet());
    }
    double price = Math.round(item.basePrice() * factor * 100.0) / 100.0;
    logger.log(
        Prediction.builder(item.sku(), clock.instant())
            .model("pricer")
            .modelVersion(modelVersion)
            .segment("condition", item.condition())
            .value("price", price)
            .value("sell_p60", item.sellP60())
            .context("lot_id", item.lotId())
            .context("factor", factor)
            .build());
    return new Quote(item.sku(), price, item.sellP60(), factor);
  }

  /** The factors this engine prices with. */
  public Map<String, Double> factors() {
    return conditionFactors;
  }
}
