package dev.calibration.core.propose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SafetyGatesTest {

  /** The parts of a subject that passes every default gate; each case below breaks one. */
  private static final class Parts {
    long samples = 2000;
    double lossBefore = 0.20;
    double lossAfter = 0.18; // 10% better
    double positiveShare = 0.40;
    Map<String, Double> weightsBefore = map("xgb", 0.30, "lgbm", 0.30, "nhits", 0.20, "patchtst", 0.20);
    Map<String, Double> weightsAfter = map("xgb", 0.27, "lgbm", 0.33, "nhits", 0.20, "patchtst", 0.20);
    Map<String, Double> factors = map("new", 0.99, "used_good", 0.88);

    GateSubject build() {
      return GateSubject.builder(samples)
          .improvement("sell_p60", "brier", lossBefore, lossAfter, 400)
          .classBalance("sell_p60", positiveShare, samples)
          .weights("main", weightsBefore, weightsAfter)
          .factors("CONDITION_PRICE_FACTOR", factors)
          .build();
    }
  }

  private static Map<String, Double> map(Object... kv) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
    }
    return m;
  }

  @Test
  void evaluate_healthySubject_passesEveryCheckWithZeroRisk() {
    GateReport r = SafetyGates.defaults().evaluate(new Parts().build());
    assertEquals(8, r.checks().size());
    assertTrue(r.failures().isEmpty(), () -> r.failures().toString());
    assertEquals(0.0, r.riskScore());
    assertEquals(RiskLevel.LOW, r.riskLevel());
    assertFalse(r.blocking());
  }

  static Stream<Arguments> singleFailures() {
    return Stream.of(
        // 999 passes the run gate (50) but not activation (1000)
        Arguments.of("samples.activate", Severity.ERROR, (UnaryOperator<Parts>) p -> {
          p.samples = 999;
          return p;
        }),
        Arguments.of("improvement.sell_p60", Severity.ERROR, (UnaryOperator<Parts>) p -> {
          p.lossAfter = 0.191; // 4.5% better, under 5%
          return p;
        }),
        Arguments.of("diversity.sell_p60", Severity.ERROR, (UnaryOperator<Parts>) p -> {
          p.positiveShare = 0.90; // rarer class 10%
          return p;
        }),
        Arguments.of("weights.sum.main", Severity.CRITICAL, (UnaryOperator<Parts>) p -> {
          // bounds and change stay fine: 0.28, 0.31, 0.20, 0.20 sums to 0.99
          p.weightsAfter = map("xgb", 0.28, "lgbm", 0.31, "nhits", 0.20, "patchtst", 0.20);
          return p;
        }),
        Arguments.of("weights.bounds.main", Severity.ERROR, (UnaryOperator<Parts>) p -> {
          // 0.41 is out of bounds yet within 10% of 0.38; the sum stays 1
          p.weightsBefore = map("a", 0.38, "b", 0.31, "c", 0.31);
          p.weightsAfter = map("a", 0.41, "b", 0.295, "c", 0.295);
          return p;
        }),
        Arguments.of("weights.change.main", Severity.ERROR, (UnaryOperator<Parts>) p -> {
          p.weightsAfter = map("xgb", 0.26, "lgbm", 0.34, "nhits", 0.20, "patchtst", 0.20);
          return p;
        }),
        Arguments.of("factors.bounds.CONDITION_PRICE_FACTOR", Severity.ERROR, (UnaryOperator<Parts>) p -> {
          p.factors = map("new", 1.25, "used_good", 0.88);
          return p;
        }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("singleFailures")
  void evaluate_oneLimitBroken_failsOnlyThatCheck(
      String name, Severity severity, UnaryOperator<Parts> breakIt) {
    GateReport r = SafetyGates.defaults().evaluate(breakIt.apply(new Parts()).build());
    List<CheckResult> failed = r.failures();
    assertEquals(1, failed.size(), () -> failed.toString());
    CheckResult c = failed.get(0);
    assertEquals(name, c.name());
    assertEquals(severity, c.severity());
    assertTrue(c.message().startsWith(SafetyGates.code(name) + " "), c.message());
    assertTrue(c.message().matches("CAL-GATE-00[1-8] .+"), c.message());
    assertEquals(severity.riskWeight() / 8, r.riskScore(), 1e-15);
  }

  @Test
  void evaluate_tooFewSamplesForTheRun_failsRunGateAsCritical() {
    Parts p = new Parts();
    p.samples = 49;
    GateReport r = SafetyGates.defaults().evaluate(p.build());
    CheckResult run = r.check("samples.run").orElseThrow();
    assertFalse(run.passed());
    assertEquals(Severity.CRITICAL, run.severity());
    assertEquals(49.0, run.measured());
    assertEquals(50.0, run.threshold());
    assertTrue(run.message().contains("49"), run.message());
    // the activation check fails with it: 49 < 1000, so (0.5 + 0.3) / 8
    assertEquals(0.1, r.riskScore(), 1e-15);
  }

  @Test
  void evaluate_customPolicy_usesItsThresholds() {
    GatePolicy strict = GatePolicy.builder().minImprovement(0.20).minActivationSamples(10).build();
    GateReport r = new SafetyGates(strict).evaluate(new Parts().build());
    CheckResult imp = r.check("improvement.sell_p60").orElseThrow();
    assertFalse(imp.passed());
    assertEquals(0.10, imp.measured(), 1e-12);
    assertEquals(0.20, imp.threshold());
  }

  /** (0.5 * critical + 0.3 * error + 0.1 * warning) / checks, by hand. */
  @ParameterizedTest(name = "{0} critical, {1} error, {2} warning failed of {3} -> {4} {5}")
  @CsvSource({
    "0, 0, 0, 8, 0.0, LOW",
    "1, 0, 0, 8, 0.0625, LOW",
    "1, 2, 1, 8, 0.15, LOW",
    // exactly at the low threshold is still low: (0.5 + 0.3*5) / 10 = 0.2
    "1, 5, 0, 10, 0.2, LOW",
    "2, 1, 0, 5, 0.26, MEDIUM",
    // exactly 0.40 is medium: (0.5*2 + 0.3*2) / 4 = 0.4
    "2, 2, 0, 4, 0.4, MEDIUM",
    "3, 1, 1, 5, 0.38, MEDIUM",
    "3, 2, 0, 5, 0.42, HIGH",
    "4, 0, 0, 4, 0.5, HIGH",
  })
  void riskScore_failureCounts_matchFormulaAndLevel(
      int critical, int error, int warning, int total, double score, RiskLevel level) {
    List<CheckResult> checks = new ArrayList<>();
    for (int i = 0; i < critical; i++) {
      checks.add(new CheckResult("c" + i, Severity.CRITICAL, 0, 0, false, "x"));
    }
    for (int i = 0; i < error; i++) {
      checks.add(new CheckResult("e" + i, Severity.ERROR, 0, 0, false, "x"));
    }
    for (int i = 0; i < warning; i++) {
      checks.add(new CheckResult("w" + i, Severity.WARNING, 0, 0, false, "x"));
    }
    while (checks.size() < total) {
      checks.add(new CheckResult("ok" + checks.size(), Severity.CRITICAL, 0, 0, true, "x"));
    }
    GateReport r = GateReport.of(checks, GatePolicy.defaults());
    assertEquals(score, r.riskScore(), 1e-12);
    assertEquals(level, r.riskLevel());
    assertEquals(level == RiskLevel.HIGH, r.blocking());
  }

  @Test
  void policyBuilder_outOfRangeValue_rejectedNamingIt() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GatePolicy.builder().minClassShare(0.6));
    assertTrue(e.getMessage().contains("minClassShare"), e.getMessage());
    assertTrue(e.getMessage().contains("0.6"), e.getMessage());
  }
}
