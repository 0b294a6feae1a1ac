package dev.calibration.core.propose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FactorSuggesterTest {

  /**
   * Hand-computed grid, k = 20, bounds [0.5, 1.2]. suggested = clamp(c + n/(n+k) * (c*obs/pred -
   * c)).
   */
  @ParameterizedTest(name = "current {0}, obs {1}, pred {2}, n {3} -> {4}")
  @CsvSource({
    // c=1.0, ratio 1.1, w=20/40=0.5: 1.0 + 0.5*0.1 = 1.05
    "1.0, 110, 100, 20, 1.05, false",
    // c=0.9, ratio 0.8 -> raw 0.72, w=80/100=0.8: 0.9 + 0.8*(-0.18) = 0.756
    "0.9, 80, 100, 80, 0.756, false",
    // c=0.88, ratio 1.0: no move whatever n
    "0.88, 50, 50, 5, 0.88, false",
    // c=1.15, ratio 1.2 -> raw 1.38, w=180/200=0.9: 1.15 + 0.9*0.23 = 1.357 -> clamped 1.2
    "1.15, 120, 100, 180, 1.2, true",
    // c=0.6, ratio 0.5 -> raw 0.3, w=380/400=0.95: 0.6 - 0.95*0.3 = 0.315 -> clamped 0.5
    "0.6, 50, 100, 380, 0.5, true",
    // c=1.0, ratio 2 -> raw 2, w=1/21: 1 + 1/21 = 1.047619...
    "1.0, 200, 100, 1, 1.0476190476190477, false",
  })
  void suggest_handComputedCase_shrinksThenClamps(
      double current, double obs, double pred, long n, double expected, boolean clamped) {
    FactorSuggestion s = FactorSuggester.defaults().suggest("T", "k", current, obs, pred, n);
    assertEquals(expected, s.suggested(), 1e-12);
    assertEquals(clamped, s.clamped());
    assertEquals(n / (n + 20.0), s.shrinkWeight(), 1e-15);
  }

  @Test
  void suggest_customShrinkageAndTableBounds_areUsed() {
    FactorSuggester s =
        FactorSuggester.builder().shrinkage(0).bounds(0.8, 1.0).bounds("P", 0.9, 1.5).build();
    // k = 0 trusts the evidence fully: 1.0 * 130/100 = 1.3, inside P's bounds
    assertEquals(1.3, s.suggest("P", "x", 1.0, 130, 100, 3).suggested(), 1e-12);
    // another table uses the default bounds [0.8, 1.0]
    FactorSuggestion other = s.suggest("Q", "x", 1.0, 130, 100, 3);
    assertEquals(1.0, other.suggested(), 1e-12);
    assertTrue(other.clamped());
    assertTrue(other.reason().contains("clamped"), other.reason());
  }

  @Test
  void suggest_noSamples_keepsCurrentAndSaysWhy() {
    FactorSuggestion s = FactorSuggester.defaults().suggest("T", "k", 0.9, 0, 0, 0);
    assertEquals(0.9, s.suggested());
    assertFalse(s.clamped());
    assertTrue(s.reason().contains("no joined samples"), s.reason());
  }

  @Test
  void suggestAll_rowsGroupedByKey_matchAggregatedSuggestions() {
    Map<String, Double> current = new LinkedHashMap<>();
    current.put("new", 1.0);
    current.put("used", 0.8);
    current.put("broken", 0.6);
    String[] keys = {"new", "used", "new", "used", "unknown"};
    double[] pred = {10, 20, 30, 20, 99};
    double[] obs = {12, 18, 32, 18, 1};
    List<FactorSuggestion> out =
        FactorSuggester.defaults().suggestAll("COND", current, keys, pred, obs);
    assertEquals(3, out.size());
    // new: obs 44 / pred 40 = 1.1, n=2, w=2/22: 1 + (1/11)*0.1
    assertEquals(1.0 + 0.1 / 11, out.get(0).suggested(), 1e-12);
    assertEquals(2, out.get(0).n());
    // used: 36/40 = 0.9 -> raw 0.72, w=1/11: 0.8 - 0.08/11
    assertEquals(0.8 - 0.08 / 11, out.get(1).suggested(), 1e-12);
    assertEquals(0.6, out.get(2).suggested());
    assertEquals(0, out.get(2).n());
  }

  @Test
  void builder_negativeShrinkage_rejectedNamingTheValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FactorSuggester.builder().shrinkage(-1));
    assertTrue(e.getMessage().contains("-1"), e.getMessage());
  }
}
