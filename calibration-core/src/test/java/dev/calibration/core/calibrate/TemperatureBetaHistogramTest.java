package dev.calibration.core.calibrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.calibration.api.CalibrationData;
import dev.calibration.api.Calibrator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reference cases for temperature, beta and histogram binning, each worked out in its comment. */
class TemperatureBetaHistogramTest {

  private static double param(Calibrator c, String key) {
    return ((Number) c.parameters().get(key)).doubleValue();
  }

  private static double[] list(Calibrator c, String key) {
    return ((List<?>) c.parameters().get(key))
        .stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  @Test
  void temperature_constructedData_findsTheKnownOptimum() {
    // Scores 0.9 (logit ln 9) with labels 1,1,1,0 (mean 0.75, logit ln 3) and 0.1 (logit -ln 9)
    // with labels 0,0,0,1 (mean 0.25). The NLL is minimised where sigmoid(ln 9 / T) = 0.75, i.e.
    // ln 9 / T = ln 3: T = 2.
    Calibrator c =
        new TemperatureMethod()
            .fit(
                CalibrationData.of(
                    new double[] {0.9, 0.9, 0.9, 0.9, 0.1, 0.1, 0.1, 0.1},
                    new double[] {1, 1, 1, 0, 0, 0, 0, 1}));
    assertEquals(2.0, param(c, "t"), 1e-7);
    assertEquals(0.75, c.apply(0.9), 1e-8);
  }

  @Test
  void temperature_logitInput_scalesTheScoreItself() {
    // Same data as logits: +-ln 9; T = 2 again.
    double l = Math.log(9);
    Calibrator c =
        TemperatureMethod.withInput(TemperatureMethod.Input.LOGIT)
            .fit(
                CalibrationData.of(
                    new double[] {l, l, l, l, -l, -l, -l, -l},
                    new double[] {1, 1, 1, 0, 0, 0, 0, 1}));
    assertEquals(2.0, param(c, "t"), 1e-7);
  }

  @Test
  void temperature_restoreNonPositiveT_isRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new TemperatureMethod().restore(Map.of("t", 0)));
    assertEquals(
        "CAL-METHOD-005 temperature parameter \"t\" must be > 0 but was 0.0", e.getMessage());
  }

  @Test
  void temperature_labelOutsideUnitInterval_isRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new TemperatureMethod()
                    .fit(CalibrationData.of(new double[] {0.2, 0.4}, new double[] {0, 2})));
    assertEquals(
        "CAL-METHOD-004 temperature needs labels in [0, 1] but labels[1] was 2.0", e.getMessage());
  }

  /**
   * Three score values; each appears once with label 1 and weight m and once with label 0 and
   * weight 1 - m. A three-parameter model that can hit every m exactly is at its optimum there.
   */
  private static CalibrationData saturated(double[] p, double a, double b, double c) {
    double[] s = new double[2 * p.length];
    double[] y = new double[2 * p.length];
    double[] w = new double[2 * p.length];
    for (int k = 0; k < p.length; k++) {
      double m = sigmoid(c + a * Math.log(p[k]) - b * Math.log(1 - p[k]));
      s[2 * k] = p[k];
      y[2 * k] = 1;
      w[2 * k] = m;
      s[2 * k + 1] = p[k];
      y[2 * k + 1] = 0;
      w[2 * k + 1] = 1 - m;
    }
    return CalibrationData.of(s, y, w);
  }

  @Test
  void beta_saturatedData_recoversTheGeneratingParameters() {
    // m_k = sigmoid(0.5 + 1 * ln p_k - 2 * ln(1 - p_k)) at p = 0.2, 0.5, 0.9: the fit must return
    // a = 1, b = 2, c = 0.5 (both coefficients >= 0, so no refit).
    Calibrator cal = new BetaMethod().fit(saturated(new double[] {0.2, 0.5, 0.9}, 1, 2, 0.5));
    assertEquals(1.0, param(cal, "a"), 1e-7);
    assertEquals(2.0, param(cal, "b"), 1e-7);
    assertEquals(0.5, param(cal, "c"), 1e-7);
  }

  @Test
  void beta_negativeA_dropsLnPAndRefitsOnTheOtherFeature() {
    // Generated with a = -0.5 < 0: the full fit finds a = -0.5, so ln p is dropped (a = 0) and the
    // refit on -ln(1 - p) alone must zero that one-feature model's gradient.
    CalibrationData d = saturated(new double[] {0.2, 0.5, 0.9}, -0.5, 1, 0.3);
    Calibrator cal = new BetaMethod().fit(d);
    assertEquals(0.0, param(cal, "a"), 0.0);
    double gB = 0;
    double gC = 0;
    for (int i = 0; i < d.size(); i++) {
      double x = -Math.log(1 - d.score(i));
      double r = d.weight(i) * (cal.apply(d.score(i)) - d.label(i));
      gB += r * x;
      gC += r;
    }
    assertEquals(0.0, gB, 1e-10);
    assertEquals(0.0, gC, 1e-10);
  }

  @Test
  void beta_negativeB_dropsTheSecondFeature() {
    CalibrationData d = saturated(new double[] {0.2, 0.5, 0.9}, 1.5, -0.7, 0.1);
    Calibrator cal = new BetaMethod().fit(d);
    assertEquals(0.0, param(cal, "b"), 0.0);
  }

  @Test
  void histogram_equalWidth_averagesEachBin() {
    // Scores 0, .1, .4 | .6, .9, 1 in two bins of width 0.5: labels 0,0,1 -> 1/3; 0,1,1 -> 2/3.
    Calibrator c =
        HistogramMethod.builder()
            .bins(2)
            .binning(HistogramMethod.Binning.EQUAL_WIDTH)
            .build()
            .fit(
                CalibrationData.of(
                    new double[] {0, 0.1, 0.4, 0.6, 0.9, 1}, new double[] {0, 0, 1, 0, 1, 1}));
    assertArrayEquals(new double[] {0, 0.5, 1}, list(c, "edges"), 1e-15);
    assertArrayEquals(new double[] {1.0 / 3, 2.0 / 3}, list(c, "values"), 1e-15);
    assertEquals(1.0 / 3, c.apply(-3), 0.0);
    assertEquals(2.0 / 3, c.apply(0.5), 0.0);
  }

  @Test
  void histogram_equalMass_cutsAtQuantiles() {
    // Eight sorted scores, two bins: edges sorted[0] = 0.1, sorted[4] = 0.5, sorted[7] = 0.8.
    // Bin [0.1, 0.5) holds labels 0,0,0,1 -> 0.25; [0.5, 0.8] holds 1,1,0,1 -> 0.75.
    Calibrator c =
        HistogramMethod.builder()
            .bins(2)
            .build()
            .fit(
                CalibrationData.of(
                    new double[] {0.8, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7},
                    new double[] {1, 0, 0, 0, 1, 1, 1, 0}));
    assertArrayEquals(new double[] {0.1, 0.5, 0.8}, list(c, "edges"), 0.0);
    assertArrayEquals(new double[] {0.25, 0.75}, list(c, "values"), 1e-15);
  }

  @Test
  void histogram_emptyBin_takesTheNearestFilledBin() {
    // Four bins of width 0.25 over [0, 1]; nothing in [0.25, 0.5) or [0.5, 0.75).
    // Bin 1's nearest filled bin is bin 0 (distance 1), bin 2's is bin 3 (distance 1).
    Calibrator c =
        HistogramMethod.builder()
            .bins(4)
            .binning(HistogramMethod.Binning.EQUAL_WIDTH)
            .build()
            .fit(CalibrationData.of(new double[] {0, 0.1, 0.9, 1}, new double[] {0, 0, 1, 1}));
    assertArrayEquals(new double[] {0, 0, 1, 1}, list(c, "values"), 0.0);
  }

  @Test
  void histogram_monotone_poolsViolatingBins() {
    // Bin means 0.5, 0.2, 0.8 (weights 2, 2, 1 points): 0.5 > 0.2 pooled to (2*0.5 + 2*0.2) / 4
    // = 0.35, then 0.35 < 0.8 holds: 0.35, 0.35, 0.8.
    double[] values = {0.5, 0.2, 0.8};
    HistogramMethod.poolAdjacentViolators(
        values, new double[] {2, 2, 1}, new boolean[] {true, true, true});
    assertArrayEquals(new double[] {0.35, 0.35, 0.8}, values, 1e-15);
  }

  @Test
  void histogram_restoreMismatchedLengths_isRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new HistogramMethod()
                    .restore(Map.of("edges", List.of(0, 1), "values", List.of(0.1, 0.2))));
    assertEquals(
        "CAL-METHOD-005 histogram needs n >= 1 values and n + 1 edges but had 2 values and 2"
            + " edges",
        e.getMessage());
  }

  @Test
  void histogram_builderZeroBins_isRejectedNamingTheValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HistogramMethod.builder().bins(0));
    assertEquals("bins must be >= 1 but was 0", e.getMessage());
  }
}
