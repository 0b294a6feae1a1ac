package dev.calibration.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every metric against values worked out by hand (the arithmetic is in each test). */
class MetricsTest {
  private static final double TOL = 1e-12;
  // p = 0.1, 0.4, 0.35, 0.8 with outcomes 0, 0, 1, 1
  private static final double[] P = {0.1, 0.4, 0.35, 0.8};
  private static final double[] Y = {0, 0, 1, 1};

  @Test
  void brier_smallSet_matchesHandSum() {
    // (0.1-0)^2 + (0.4-0)^2 + (0.35-1)^2 + (0.8-1)^2 = 0.01 + 0.16 + 0.4225 + 0.04 = 0.6325
    assertEquals(0.6325 / 4, Metrics.brier(P, Y), TOL);
  }

  @Test
  void logLoss_smallSet_matchesHandSum() {
    double expected = -(Math.log(0.9) + Math.log(0.6) + Math.log(0.35) + Math.log(0.8)) / 4;
    assertEquals(expected, Metrics.logLoss(P, Y), TOL);
    assertEquals(0.47228795, expected, 1e-8); // 1.889151815 / 4
  }

  @Test
  void logLoss_certainWrongScore_isClippedTo1e15() {
    // p = 0 with outcome 1: -ln(1e-15) = 34.538776...
    assertEquals(-Math.log(1e-15), Metrics.logLoss(new double[] {0}, new double[] {1}), 1e-9);
  }

  @Test
  void eceAndMce_twoEqualWidthBins_matchHandComputation() {
    // bin [0, 0.5]: 0.1, 0.4, 0.35 -> mean p 0.85/3, rate 1/3, gap 0.05; bin (0.5, 1]: 0.8 -> gap 0.2
    assertEquals(0.75 * 0.05 + 0.25 * 0.2, Metrics.ece(P, Y, 2, Binning.EQUAL_WIDTH), TOL);
    assertEquals(0.2, Metrics.mce(P, Y, 2, Binning.EQUAL_WIDTH), TOL);
  }

  @Test
  void eceAndMce_twoEqualMassBins_useInterpolatedMedianEdge() {
    double[] p = {0.1, 0.2, 0.3, 0.4};
    double[] y = {0, 1, 0, 1};
    // median edge: index 1.5 -> 0.2 + 0.5 * 0.1 = 0.25; bins {0.1, 0.2} and {0.3, 0.4}
    // gaps |0.15 - 0.5| = 0.35 and |0.35 - 0.5| = 0.15, each weight 1/2
    assertEquals(0.25, Metrics.ece(p, y, 2, Binning.EQUAL_MASS), TOL);
    assertEquals(0.35, Metrics.mce(p, y, 2, Binning.EQUAL_MASS), TOL);
    assertEquals(0.25, Metrics.edges(p, 2, Binning.EQUAL_MASS)[1], TOL);
  }

  static Stream<Arguments> edgeScores() {
    return Stream.of(
        Arguments.of(0.0, 2, 0), // the lowest score is in bin 0
        Arguments.of(0.5, 2, 0), // on the inner edge: the lower bin (sklearn searchsorted left)
        Arguments.of(0.5000001, 2, 1),
        Arguments.of(1.0, 2, 1), // the highest score is in the last bin
        Arguments.of(0.3, 10, 2), // 3 * (1.0 / 10) = 0.30000000000000004 > 0.3, as numpy computes
        Arguments.of(0.2, 10, 1), // 2 * 0.1 = 0.2 exactly: on the edge, lower bin
        Arguments.of(1.0 / 15, 15, 0));
  }

  @ParameterizedTest
  @MethodSource("edgeScores")
  void reliability_scoreOnOrNearEdge_fallsInSklearnBin(double score, int bins, int expectedBin) {
    List<ReliabilityBin> r =
        Metrics.reliability(new double[] {score}, new double[] {1}, bins, Binning.EQUAL_WIDTH);
    assertEquals(1, r.get(expectedBin).count(), () -> "bins " + r);
  }

  @Test
  void reliability_bins_carryCountsMeansAndWilsonIntervals() {
    List<ReliabilityBin> r = Metrics.reliability(P, Y, 2, Binning.EQUAL_WIDTH);
    assertEquals(3, r.get(0).count());
    assertEquals(0.85 / 3, r.get(0).meanPredicted(), TOL);
    assertEquals(1.0 / 3, r.get(0).observedRate(), TOL);
    assertEquals(0.0, r.get(0).lower(), 0);
    assertEquals(0.5, r.get(0).upper(), 0);
    double[] w = Metrics.wilson(1, 3);
    assertEquals(w[0], r.get(0).wilsonLow(), TOL);
    assertEquals(w[1], r.get(0).wilsonHigh(), TOL);
  }

  @Test
  void wilson_zeroAndAllSuccesses_matchClosedForm() {
    double z2 = 1.959963984540054 * 1.959963984540054;
    // x = 0: [0, z^2 / (n + z^2)]; x = n: [n / (n + z^2), 1]
    assertEquals(0, Metrics.wilson(0, 10)[0], TOL);
    assertEquals(z2 / (10 + z2), Metrics.wilson(0, 10)[1], TOL);
    assertEquals(10 / (10 + z2), Metrics.wilson(10, 10)[0], TOL);
    assertEquals(0.27754, Metrics.wilson(0, 10)[1], 1e-5); // the textbook value
  }

  @Test
  void wilson_half_isSymmetricAroundHalf() {
    double[] w = Metrics.wilson(5, 10);
    assertEquals(0.5, (w[0] + w[1]) / 2, TOL);
    assertEquals(0.2366, w[0], 1e-4); // the textbook 95% Wilson interval for 5/10: [0.2366, 0.7634]
  }

  @Test
  void rocAuc_smallSet_isShareOfOrderedPairs() {
    // positives 0.35, 0.8; negatives 0.1, 0.4: 0.35 beats 0.1 only, 0.8 beats both -> 3 / 4
    assertEquals(0.75, Metrics.rocAuc(P, Y), TOL);
  }

  @Test
  void rocAuc_tiedScores_countHalf() {
    // positives 0.5, 0.9; negatives 0.2, 0.5: 1 + 0.5 (tie) + 2 = 3.5 of 4 pairs
    assertEquals(0.875, Metrics.rocAuc(new double[] {0.2, 0.5, 0.5, 0.9}, new double[] {0, 0, 1, 1}), TOL);
    assertEquals(0.5, Metrics.rocAuc(new double[] {0.5, 0.5, 0.5, 0.5}, new double[] {0, 1, 0, 1}), TOL);
  }

  @Test
  void rocAuc_oneClass_isUndefined() {
    assertTrue(Double.isNaN(Metrics.rocAuc(new double[] {0.2, 0.4}, new double[] {1, 1})));
  }

  @Test
  void logisticCalibration_twoScoreLevels_fitsGroupRatesExactly() {
    // scores 0.2 (x = -ln 4) with 4/10 positives and 0.8 (x = ln 4) with 6/10 positives:
    // logit(0.4) = a - b ln 4 and logit(0.6) = a + b ln 4 -> a = 0, b = ln 1.5 / ln 4
    double[] p = new double[20];
    double[] y = new double[20];
    for (int i = 0; i < 10; i++) {
      p[i] = 0.2;
      y[i] = i < 4 ? 1 : 0;
      p[10 + i] = 0.8;
      y[10 + i] = i < 6 ? 1 : 0;
    }
    LogisticFit fit = Metrics.logisticCalibration(p, y);
    assertTrue(fit.converged());
    assertEquals(0, fit.intercept(), 1e-9);
    assertEquals(Math.log(1.5) / Math.log(4), fit.slope(), 1e-9);
  }

  @Test
  void logisticCalibration_calibratedLevels_givesInterceptZeroSlopeOne() {
    // 2/10 positives at 0.2 and 8/10 at 0.8: the scores are the rates -> a = 0, b = 1
    double[] p = new double[20];
    double[] y = new double[20];
    for (int i = 0; i < 10; i++) {
      p[i] = 0.2;
      y[i] = i < 2 ? 1 : 0;
      p[10 + i] = 0.8;
      y[10 + i] = i < 8 ? 1 : 0;
    }
    LogisticFit fit = Metrics.logisticCalibration(p, y);
    assertEquals(0, fit.intercept(), 1e-9);
    assertEquals(1, fit.slope(), 1e-9);
  }

  @Test
  void logisticCalibration_singleClass_isUndefined() {
    LogisticFit fit = Metrics.logisticCalibration(new double[] {0.2, 0.6}, new double[] {0, 0});
    assertTrue(Double.isNaN(fit.slope()) && !fit.converged());
  }

  @Test
  void valueMetrics_smallSet_matchHandComputation() {
    double[] pred = {10, 20, 30, 40};
    double[] obs = {12, 18, 33, 0};
    ValueMetrics v = Metrics.value(pred, obs);
    // errors p - o: -2, 2, -3, 40
    assertEquals((2 + 2 + 3 + 40) / 4.0, v.mae(), TOL);
    assertEquals(Math.sqrt((4 + 4 + 9 + 1600) / 4.0), v.rmse(), TOL);
    assertEquals((-2 + 2 - 3 + 40) / 4.0, v.bias(), TOL);
    // MAPE over o != 0: (2/12 + 2/18 + 3/33) / 3
    assertEquals((2.0 / 12 + 2.0 / 18 + 3.0 / 33) / 3, v.mape(), TOL);
    assertEquals(3, v.mapeN());
    assertEquals(63.0 / 100, v.sumRatio(), TOL); // (12 + 18 + 33 + 0) / (10 + 20 + 30 + 40)
    assertEquals((0.9 + 1.1) / 2, v.medianRatio(), TOL); // ratios 1.2, 0.9, 1.1, 0 -> sorted middle pair
    assertEquals(Metrics.mae(pred, obs), v.mae(), TOL);
    assertEquals(Metrics.rmse(pred, obs), v.rmse(), TOL);
    assertEquals(Metrics.bias(pred, obs), v.bias(), TOL);
    assertEquals(Metrics.mape(pred, obs), v.mape(), TOL);
  }

  @Test
  void valueMetrics_oddCount_medianIsMiddle() {
    ValueMetrics v = Metrics.value(new double[] {1, 2, 4}, new double[] {3, 2, 2});
    assertEquals(1.0, v.medianRatio(), TOL); // ratios 3, 1, 0.5
  }

  @Test
  void trading_stakesPayoutsAndClosing_matchHandComputation() {
    ProbabilityMetrics m =
        Metrics.probability(
            new double[] {0.6, 0.3},
            new double[] {1, 0},
            15,
            new double[] {10, 5},
            new double[] {18, 0},
            new double[] {0.65, 0.25});
    TradingMetrics t = m.trading().orElseThrow();
    assertEquals(2, t.bets());
    assertEquals(0.5, t.winRate(), TOL);
    assertEquals(15, t.staked(), TOL);
    assertEquals((18 - 10) + (0 - 5), t.units(), TOL);
    assertEquals(3.0 / 15, t.roi(), TOL);
    assertEquals(0, t.clvMean(), TOL); // (+0.05 - 0.05) / 2
    assertEquals(0.05, t.clvMeanAbsolute(), TOL);
  }

  @Test
  void probability_combined_agreesWithSingleFunctions() {
    ProbabilityMetrics m = Metrics.probability(P, Y, 2);
    assertEquals(Metrics.brier(P, Y), m.brier(), TOL);
    assertEquals(Metrics.logLoss(P, Y), m.logLoss(), TOL);
    assertEquals(Metrics.ece(P, Y, 2, Binning.EQUAL_WIDTH), m.ece(), TOL);
    assertEquals(Metrics.ece(P, Y, 2, Binning.EQUAL_MASS), m.eceEqualMass(), TOL);
    assertEquals(0.75, m.rocAuc(), TOL);
    assertEquals(0.5, m.baseRate(), TOL);
    assertEquals(1.65 / 4, m.meanPredicted(), TOL);
  }

  @Test
  void inputs_outOfRange_areRejectedWithTheIndex() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Metrics.brier(new double[] {1.5}, new double[] {1}));
    assertTrue(e.getMessage().contains("p[0]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Metrics.brier(new double[] {0.5}, new double[] {2}));
    assertThrows(IllegalArgumentException.class, () -> Metrics.ece(P, Y, 0, Binning.EQUAL_WIDTH));
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {100, 1_000_000_000})
  void probability_roundedOrContinuousScores_agreesWithSortingFunctions(int levels) {
    // 100 levels: distinct scores are counted by hashing; 1e9 levels: the sample is sorted
    SplittableRandom r = new SplittableRandom(5);
    int n = 40_000;
    double[] p = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      p[i] = r.nextInt(levels + 1) / (double) levels;
      y[i] = r.nextDouble() < p[i] ? 1 : 0;
    }
    ProbabilityMetrics m = Metrics.probability(p, y, 15);
    assertEquals(Metrics.rocAuc(p, y), m.rocAuc(), 1e-12);
    assertEquals(Metrics.ece(p, y, 15, Binning.EQUAL_MASS), m.eceEqualMass(), 1e-12);
    assertEquals(Metrics.ece(p, y, 15, Binning.EQUAL_WIDTH), m.ece(), 1e-12);
    assertEquals(Metrics.brier(p, y), m.brier(), 1e-12);
    assertEquals(Metrics.logLoss(p, y), m.logLoss(), 1e-12);
    assertEquals(Metrics.logisticCalibration(p, y).slope(), m.calibrationSlope(), 1e-9);
  }

  /** ECE, Brier and the calibration curve against the published definitions, written naively. */
  @Test
  void eceBrierCurve_seededLargeSet_matchNaiveDefinitions() {
    SplittableRandom r = new SplittableRandom(11);
    int n = 50_000;
    double[] p = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      p[i] = Math.round(r.nextDouble() * 100) / 100.0; // many scores exactly on edges
      y[i] = r.nextDouble() < p[i] * 0.9 ? 1 : 0;
    }
    int bins = 10;
    // naive sklearn calibration_curve(strategy="uniform"): bins = linspace(0, 1, 11),
    // binids = searchsorted(bins[1:-1], p) = count of inner edges strictly below p
    double[] edges = new double[bins + 1];
    for (int k = 0; k <= bins; k++) {
      edges[k] = k == bins ? 1.0 : k * (1.0 / bins);
    }
    long[] count = new long[bins];
    double[] sumP = new double[bins];
    double[] sumY = new double[bins];
    double brier = 0;
    for (int i = 0; i < n; i++) {
      int b = 0;
      for (int k = 1; k < bins; k++) {
        if (edges[k] < p[i]) {
          b++;
        }
      }
      count[b]++;
      sumP[b] += p[i];
      sumY[b] += y[i];
      brier += (p[i] - y[i]) * (p[i] - y[i]);
    }
    double ece = 0;
    List<ReliabilityBin> curve = Metrics.reliability(p, y, bins, Binning.EQUAL_WIDTH);
    for (int b = 0; b < bins; b++) {
      assertEquals(count[b], curve.get(b).count(), "bin " + b);
      if (count[b] > 0) {
        ece += (double) count[b] / n * Math.abs(sumP[b] / count[b] - sumY[b] / count[b]);
        assertEquals(sumY[b] / count[b], curve.get(b).observedRate(), 1e-12);
        assertEquals(sumP[b] / count[b], curve.get(b).meanPredicted(), 1e-12);
      }
    }
    assertEquals(ece, Metrics.ece(p, y, bins, Binning.EQUAL_WIDTH), 1e-12);
    assertEquals(brier / n, Metrics.brier(p, y), 1e-12);
  }
}
