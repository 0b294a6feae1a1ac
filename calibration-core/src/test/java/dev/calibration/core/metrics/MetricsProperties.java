package dev.calibration.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Invariants of the metrics, over generated data sets. */
class MetricsProperties {

  private static double[][] data(long seed, int n, boolean calibrated) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] p = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      p[i] = r.nextInt(4) == 0 ? r.nextInt(11) / 10.0 : r.nextDouble(); // some scores on edges
      double truth = calibrated ? p[i] : Math.min(1, p[i] * 1.3);
      y[i] = r.nextDouble() < truth ? 1 : 0;
    }
    return new double[][] {p, y};
  }

  @Property(tries = 60)
  void metrics_shuffledRecords_giveTheSameValues(
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 2, max = 400) int n) {
    double[][] d = data(seed, n, false);
    double[] p = d[0].clone();
    double[] y = d[1].clone();
    SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (int i = n - 1; i > 0; i--) { // Fisher-Yates, same permutation for p and y
      int j = r.nextInt(i + 1);
      double t = p[i];
      p[i] = p[j];
      p[j] = t;
      t = y[i];
      y[i] = y[j];
      y[j] = t;
    }
    ProbabilityMetrics a = Metrics.probability(d[0], d[1], 15);
    ProbabilityMetrics b = Metrics.probability(p, y, 15);
    assertEquals(a.brier(), b.brier(), 1e-12);
    assertEquals(a.logLoss(), b.logLoss(), 1e-12);
    assertEquals(a.ece(), b.ece(), 1e-12);
    assertEquals(a.mce(), b.mce(), 1e-12);
    assertEquals(a.eceEqualMass(), b.eceEqualMass(), 1e-12);
    assertEquals(a.rocAuc(), b.rocAuc(), 1e-12);
    if (a.calibration().converged()) {
      assertEquals(a.calibrationSlope(), b.calibrationSlope(), 1e-6);
      assertEquals(a.calibrationIntercept(), b.calibrationIntercept(), 1e-6);
    }
    assertEquals(a.reliability().size(), b.reliability().size());
    for (int k = 0; k < a.reliability().size(); k++) {
      assertEquals(a.reliability().get(k).count(), b.reliability().get(k).count());
    }
    ValueMetrics va = Metrics.value(d[0], d[1]);
    ValueMetrics vb = Metrics.value(p, y);
    assertEquals(va.mae(), vb.mae(), 1e-12);
    assertEquals(va.rmse(), vb.rmse(), 1e-12);
    assertEquals(va.medianRatio(), vb.medianRatio(), 0);
  }

  @Property(tries = 100)
  void ece_anyData_isWithinZeroAndOneAndAtMostMce(
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 1, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 40) int bins) {
    double[][] d = data(seed, n, false);
    for (Binning b : Binning.values()) {
      double ece = Metrics.ece(d[0], d[1], bins, b);
      double mce = Metrics.mce(d[0], d[1], bins, b);
      assertTrue(ece >= 0 && ece <= 1, "ece " + ece);
      assertTrue(ece <= mce + 1e-12, "ece " + ece + " > mce " + mce);
      long total = 0;
      for (ReliabilityBin rb : Metrics.reliability(d[0], d[1], bins, b)) {
        total += rb.count();
      }
      assertEquals(n, total); // every score lands in exactly one bin
    }
  }

  @Property(tries = 8)
  void ece_perfectlyCalibratedSyntheticData_shrinksTowardZeroAsNGrows(
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    double small = Metrics.ece(data(seed, 1_000, true)[0], data(seed, 1_000, true)[1], 15, Binning.EQUAL_WIDTH);
    double[][] big = data(seed, 200_000, true);
    double large = Metrics.ece(big[0], big[1], 15, Binning.EQUAL_WIDTH);
    // sampling noise per bin is about sqrt(0.25 / 13,000) ~ 0.0044 at n = 200,000
    assertTrue(large < 0.015, "ECE at n=200000 was " + large);
    assertTrue(small < 0.15, "ECE at n=1000 was " + small);
  }

  @Property(tries = 50)
  void rocAuc_complementedScores_giveOneMinusAuc(
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 2, max = 200) int n) {
    double[][] d = data(seed, n, false);
    double auc = Metrics.rocAuc(d[0], d[1]);
    double[] flipped = new double[n];
    for (int i = 0; i < n; i++) {
      flipped[i] = 1 - d[0][i];
    }
    double back = Metrics.rocAuc(flipped, d[1]);
    if (!Double.isNaN(auc)) {
      assertEquals(1 - auc, back, 1e-12);
    }
  }
}
