package dev.calibration.cli;

import dev.calibration.api.Outcome;
import dev.calibration.api.OutcomeStatus;
import dev.calibration.api.Prediction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Generates the demo's two data sets with a known, deliberate miscalibration, so that the loop has
 * something true to find.
 *
 * <p><b>Pricing</b>: items in five conditions. The engine predicts a sale price and the probability
 * of selling within 60 days. Its condition factor for {@code used_good} is 12% too high and its
 * sell-through probabilities are over-confident: the true probability is {@code sigmoid(0.6 *
 * logit(p) - 0.3)}.
 *
 * <p><b>Trading</b>: a four-model ensemble (xgb, lgbm, nhits, patchtst) gives a win confidence; lgbm
 * is the least noisy member, nhits the noisiest, and the ensemble's weights (0.30, 0.30, 0.20, 0.20)
 * do not reflect that.
 *
 * <p>Same seed, same data. Timestamps spread over eight weeks ending at {@code end}.
 */
final class DemoData {
  static final List<String> CONDITIONS =
      List.of("new", "like_new", "used_good", "used_fair", "for_parts");
  static final Map<String, Double> ENGINE_FACTORS =
      Map.of("new", 1.0, "like_new", 0.95, "used_good", 0.85, "used_fair", 0.7, "for_parts", 0.5);
  static final Map<String, Double> TRUE_FACTORS =
      Map.of("new", 1.0, "like_new", 0.95, "used_good", 0.75, "used_fair", 0.7, "for_parts", 0.5);
  static final Map<String, Double> ENSEMBLE_WEIGHTS =
      orderedWeights(new String[] {"xgb", "lgbm", "nhits", "patchtst"}, 0.30, 0.30, 0.20, 0.20);
  private static final Map<String, Double> MEMBER_NOISE =
      orderedWeights(new String[] {"xgb", "lgbm", "nhits", "patchtst"}, 0.8, 0.35, 1.3, 0.9);
  private static final Duration SPAN = Duration.ofDays(56);

  /** The predictions and outcomes of one generated data set. */
  record DataSet(List<Prediction> predictions, List<Outcome> outcomes) {}

  private DemoData() {}

  private static Map<String, Double> orderedWeights(String[] names, double... values) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      m.put(names[i], values[i]);
    }
    return m;
  }

  static double sigmoid(double z) {
    return 1.0 / (1.0 + Math.exp(-z));
  }

  static double logit(double p) {
    return Math.log(p / (1.0 - p));
  }

  /** {@code n} priced items; about 8% of outcomes are void (withdrawn listings). */
  static DataSet pricing(int n, long seed, Instant end) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Prediction> predictions = new ArrayList<>(n);
    List<Outcome> outcomes = new ArrayList<>(n);
    Instant start = end.minus(SPAN);
    for (int i = 0; i < n; i++) {
      String id = String.format(Locale.ROOT, "SKU%06d", i);
      String condition = CONDITIONS.get(random.nextInt(CONDITIONS.size()));
      double basePrice = Math.round(20.0 + random.nextDouble() * 180.0);
      double predictedPrice = round2(basePrice * factor(ENGINE_FACTORS, condition));
      double realizedPrice =
          round2(basePrice * factor(TRUE_FACTORS, condition) * (1.0 + 0.10 * random.nextGaussian()));
      double predictedP = clamp(sigmoid(random.nextGaussian() * 1.4 + 0.4), 0.02, 0.98);
      double trueP = sigmoid(0.6 * logit(predictedP) - 0.3);
      Instant ts = start.plusMillis((long) (SPAN.toMillis() * ((double) i / n)));
      predictions.add(
          Prediction.builder(id, ts)
              .model("pricer")
              .modelVersion("2.1.0")
              .segment("condition", condition)
              .value("price", predictedPrice)
              .value("sell_p60", round4(predictedP))
              .context("lot_id", "LOT" + (i / 50))
              .build());
      boolean withdrawn = random.nextDouble() < 0.08;
      Map<String, Double> observed = new LinkedHashMap<>();
      observed.put("sold_60d", random.nextDouble() < trueP ? 1.0 : 0.0);
      observed.put("realized_price", Math.max(1.0, realizedPrice));
      outcomes.add(
          new Outcome(
              id,
              Optional.of(ts.plus(Duration.ofDays(60))),
              observed,
              withdrawn ? OutcomeStatus.VOID : OutcomeStatus.SETTLED));
    }
    return new DataSet(predictions, outcomes);
  }

  /** {@code n} trades; about 3% push (flat). */
  static DataSet trading(int n, long seed, Instant end) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Prediction> predictions = new ArrayList<>(n);
    List<Outcome> outcomes = new ArrayList<>(n);
    Instant start = end.minus(SPAN);
    for (int i = 0; i < n; i++) {
      String id = String.format(Locale.ROOT, "T%06d", i);
      double edge = random.nextGaussian() * 0.9;
      Map<String, Double> members = new LinkedHashMap<>();
      double ensemble = 0;
      for (Map.Entry<String, Double> m : MEMBER_NOISE.entrySet()) {
        double p = round4(clamp(sigmoid(1.6 * edge + m.getValue() * random.nextGaussian()), 0.01, 0.99));
        members.put(m.getKey(), p);
        ensemble += factor(ENSEMBLE_WEIGHTS, m.getKey()) * p;
      }
      Instant ts = start.plusMillis((long) (SPAN.toMillis() * ((double) i / n)));
      String market = i % 3 == 0 ? "fx" : "equities";
      predictions.add(
          Prediction.builder(id, ts)
              .model("trader")
              .modelVersion("5.0.1")
              .segment("market", market)
              .value("win_p", round4(ensemble))
              .members("win_p", members)
              .build());
      double trueP = sigmoid(edge);
      boolean push = random.nextDouble() < 0.03;
      Map<String, Double> observed = new LinkedHashMap<>();
      observed.put("won", random.nextDouble() < trueP ? 1.0 : 0.0);
      outcomes.add(
          new Outcome(
              id,
              Optional.of(ts.plus(Duration.ofHours(4))),
              observed,
              push ? OutcomeStatus.PUSH : OutcomeStatus.SETTLED));
    }
    return new DataSet(predictions, outcomes);
  }

  private static double factor(Map<String, Double> table, String key) {
    Double v = table.get(key);
    if (v == null) {
      throw new IllegalStateException("no entry for " + key);
    }
    return v;
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static double round2(double v) {
    return Math.round(v * 100.0) / 100.0;
  }

  private static double round4(double v) {
    return Math.round(v * 10_000.0) / 10_000.0;
  }
}
