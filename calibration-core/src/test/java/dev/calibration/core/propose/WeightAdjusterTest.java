package dev.calibration.core.propose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightAdjusterTest {

  private static Map<String, Double> weights(Object... kv) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
    }
    return m;
  }

  /**
   * The worked example of issue 5. Brier scores 0.16, 0.04/0.35, 0.20, 0.20 are inversely
   * proportional to 0.25, 0.35, 0.20, 0.20, so those are the targets. The bounds are xgb and lgbm
   * [0.27, 0.33] (10% of 0.30) and nhits, patchtst [0.18, 0.22]. By hand, tau = 0 satisfies the KKT
   * conditions: clamp(0.25) = 0.27, clamp(0.35) = 0.33, 0.20, 0.20 sum to exactly 1.
   */
  @Test
  void adjust_issueWorkedExample_movesTowardLgbmByAtMostTenPercent() {
    Map<String, Double> current = weights("xgb", 0.30, "lgbm", 0.30, "nhits", 0.20, "patchtst", 0.20);
    Map<String, Double> brier =
        weights("xgb", 0.16, "lgbm", 0.04 / 0.35, "nhits", 0.20, "patchtst", 0.20);

    WeightAdjustment a = WeightAdjuster.defaults().adjust("main", current, brier, "Brier");

    assertTrue(a.feasible(), a.message());
    assertEquals(0.27, a.after().get("xgb"), 1e-12);
    assertEquals(0.33, a.after().get("lgbm"), 1e-12);
    assertEquals(0.20, a.after().get("nhits"), 1e-12);
    assertEquals(0.20, a.after().get("patchtst"), 1e-12);
    double sum = a.after().values().stream().mapToDouble(Double::doubleValue).sum();
    assertEquals(1.0, sum, 1e-12);
    for (WeightChange c : a.changes()) {
      assertTrue(Math.abs(c.changePercent()) <= 10 + 1e-9, c.member() + " moved " + c.changePercent());
      // direction: toward the loss-based target, never away from it
      assertTrue(Math.signum(c.delta()) * Math.signum(c.target() - c.before()) >= 0, c.reason());
    }
    WeightChange lgbm = a.changes().get(1);
    assertEquals("lgbm", lgbm.member());
    assertEquals(0.35, lgbm.target(), 1e-12);
    assertTrue(lgbm.reason().contains("raised"), lgbm.reason());
    assertTrue(lgbm.reason().contains("capped"), lgbm.reason());
    assertTrue(a.changes().get(0).reason().contains("lowered"), a.changes().get(0).reason());
  }

  /**
   * A case with an interior shift: targets 0.40, 0.35, 0.25 with bounds [0, 1] and a 50% change
   * limit from 1/3 each, i.e. [1/6, 1/2]: all free, tau = 0, the target itself.
   */
  @Test
  void adjust_targetInsideBounds_returnsTargetExactly() {
    WeightAdjuster adj = WeightAdjuster.builder().bounds(0, 1).maxRelativeChange(0.5).build();
    Map<String, Double> current = weights("a", 1 / 3.0, "b", 1 / 3.0, "c", 1 / 3.0);
    // losses 1/0.40, 1/0.35, 1/0.25 are inversely proportional to the targets
    Map<String, Double> loss = weights("a", 1 / 0.40, "b", 1 / 0.35, "c", 1 / 0.25);
    WeightAdjustment a = adj.adjust("e", current, loss, "MAE");
    assertEquals(0.40, a.after().get("a"), 1e-12);
    assertEquals(0.35, a.after().get("b"), 1e-12);
    assertEquals(0.25, a.after().get("c"), 1e-12);
  }

  /**
   * Shift with two free members: target (0.6, 0.3, 0.1), bounds [0.2, 0.5], no change limit
   * (r = 1). a is capped at 0.5 and c floored at 0.2, leaving 0.3 for b: tau = 0 for b.
   * Hand check of a second case, target (0.5, 0.45, 0.05): c floors at 0.2, a and b share 0.8:
   * tau = (0.95 - 0.8) / 2 = 0.075, giving 0.425 and 0.375.
   */
  @Test
  void project_handComputedShift_matches() {
    double[] lo = {0.2, 0.2, 0.2};
    double[] hi = {0.5, 0.5, 0.5};
    double[] w1 = WeightAdjuster.project(new double[] {0.6, 0.3, 0.1}, lo, hi);
    assertEquals(0.5, w1[0], 1e-12);
    assertEquals(0.3, w1[1], 1e-12);
    assertEquals(0.2, w1[2], 1e-12);
    double[] w2 = WeightAdjuster.project(new double[] {0.5, 0.45, 0.05}, lo, hi);
    assertEquals(0.425, w2[0], 1e-12);
    assertEquals(0.375, w2[1], 1e-12);
    assertEquals(0.2, w2[2], 1e-12);
  }

  @Test
  void adjust_currentWeightOutOfReach_reportsInfeasibleAndKeepsWeights() {
    // 0.5 may only move to [0.45, 0.55], which misses [0.15, 0.40] entirely
    Map<String, Double> current = weights("a", 0.5, "b", 0.5);
    WeightAdjustment a =
        WeightAdjuster.defaults().adjust("main", current, weights("a", 0.1, "b", 0.2), "Brier");
    assertFalse(a.feasible());
    assertEquals(current, a.after());
    assertTrue(a.changes().isEmpty());
    assertTrue(a.message().startsWith("no change"), a.message());
    assertTrue(a.message().contains("a's current weight"), a.message());
    assertTrue(a.message().contains("CAL-PROP-004"), a.message());
  }

  @Test
  void project_boundsCannotSumToOne_returnsNull() {
    assertNull(
        WeightAdjuster.project(
            new double[] {0.5, 0.5}, new double[] {0.15, 0.15}, new double[] {0.40, 0.40}));
    assertNull(
        WeightAdjuster.project(
            new double[] {0.5, 0.5}, new double[] {0.6, 0.6}, new double[] {0.9, 0.9}));
  }

  @Test
  void adjust_memberWithoutLoss_proposesNoChange() {
    Map<String, Double> current = weights("a", 0.3, "b", 0.3, "c", 0.4);
    WeightAdjustment a =
        WeightAdjuster.defaults()
            .adjust("main", current, weights("a", 0.1, "b", Double.NaN, "c", 0.2), "Brier");
    assertFalse(a.feasible());
    assertTrue(a.message().contains("member b"), a.message());
  }

  @Test
  void builder_invalidValues_rejectedNamingTheValue() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> WeightAdjuster.builder().maxRelativeChange(-0.1));
    assertTrue(e.getMessage().contains("-0.1"), e.getMessage());
    IllegalArgumentException e2 =
        assertThrows(IllegalArgumentException.class, () -> WeightAdjuster.builder().bounds(0.5, 0.4));
    assertTrue(e2.getMessage().contains("max weight"), e2.getMessage());
  }
}
