package dev.calibration.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calibration.api.Outcome;
import dev.calibration.api.OutcomeStatus;
import dev.calibration.api.Prediction;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DemoDataTest {
  private static final Instant END = Instant.parse("2026-11-23T00:00:00Z");

  @Test
  void pricing_sameSeed_sameData() {
    assertEquals(DemoData.pricing(500, 7, END), DemoData.pricing(500, 7, END));
  }

  @Test
  void pricing_usedGood_realizedOverPredictedMatchesTheFactorError() {
    DemoData.DataSet set = DemoData.pricing(20_000, 11, END);
    double predicted = 0;
    double realized = 0;
    for (int i = 0; i < set.predictions().size(); i++) {
      Prediction p = set.predictions().get(i);
      Outcome o = set.outcomes().get(i);
      if (p.segment().get("condition").equals("used_good")) {
        predicted += p.values().get("price");
        realized += o.values().get("realized_price");
      }
    }
    // True factor 0.75 against the engine's 0.85: the ratio of sums is 0.75 / 0.85 = 0.882,
    // up to the 10% multiplicative noise, which averages out over ~4,000 items.
    assertEquals(0.75 / 0.85, realized / predicted, 0.01);
  }

  @Test
  void pricing_sellThrough_isOverConfidentAtTheTop() {
    DemoData.DataSet set = DemoData.pricing(20_000, 3, END);
    double sumP = 0;
    double sold = 0;
    int n = 0;
    for (int i = 0; i < set.predictions().size(); i++) {
      double p = set.predictions().get(i).values().get("sell_p60");
      if (p > 0.8) {
        sumP += p;
        sold += set.outcomes().get(i).values().get("sold_60d");
        n++;
      }
    }
    // sigmoid(0.6 * logit(p) - 0.3) < p for every p > 0.5: the observed rate lies well below.
    assertTrue(n > 1000);
    assertTrue(sold / n < sumP / n - 0.1, "observed " + sold / n + " predicted " + sumP / n);
  }

  @Test
  void pricing_voidShare_isAboutEightPercent() {
    DemoData.DataSet set = DemoData.pricing(20_000, 5, END);
    long voids = set.outcomes().stream().filter(o -> o.status() == OutcomeStatus.VOID).count();
    assertEquals(0.08, voids / 20_000.0, 0.01);
  }

  @Test
  void trading_ensembleValue_isTheWeightedMeanOfItsMembers() {
    DemoData.DataSet set = DemoData.trading(200, 9, END);
    double weightSum = DemoData.ENSEMBLE_WEIGHTS.values().stream().mapToDouble(d -> d).sum();
    assertEquals(1.0, weightSum, 1e-12);
    for (Prediction p : set.predictions()) {
      double expected = 0;
      for (var m : p.members().get("win_p").entrySet()) {
        expected += DemoData.ENSEMBLE_WEIGHTS.get(m.getKey()) * m.getValue();
      }
      assertEquals(expected, p.values().get("win_p"), 0.5e-4 + 1e-12); // rounded to 4 places
      assertTrue(p.timestamp().isBefore(END));
    }
  }
}
