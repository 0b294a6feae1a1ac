package dev.calibration.isotonic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calibration.api.CalibrationData;
import dev.calibration.api.Calibrator;
import dev.calibration.isotonic.IsotonicMethod.Direction;
import dev.calibration.isotonic.IsotonicMethod.Interpolation;
import dev.calibration.isotonic.IsotonicMethod.OutOfBounds;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hand-computed reference cases. Each expected value is worked out in the comment above it from
 * the definitions scikit-learn 1.2.1 uses (pool ties with summed weight, weighted PAV, keep the ends
 * of constant runs, numpy.interp between kept thresholds, clip outside).
 */
class IsotonicMethodTest {
  private static final double TOL = 1e-12;
  private static final IsotonicMethod DEFAULT = new IsotonicMethod();

  private static Calibrator fit(double[] x, double[] y) {
    return DEFAULT.fit(CalibrationData.of(x, y));
  }

  private static double[] thresholds(Calibrator c, String key) {
    List<?> l = (List<?>) c.parameters().get(key);
    double[] a = new double[l.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = ((Number) l.get(i)).doubleValue();
    }
    return a;
  }

  @Test
  void fit_1324_poolsTheMiddlePair() {
    // y = [1, 3, 2, 4] at x = [1, 2, 3, 4]: 3 > 2 violates, pooled to (3 + 2) / 2 = 2.5.
    // Fit [1, 2.5, 2.5, 4]; every point is the end of a run, so all four are kept.
    Calibrator c = fit(new double[] {1, 2, 3, 4}, new double[] {1, 3, 2, 4});
    assertArrayEquals(new double[] {1, 2, 3, 4}, thresholds(c, "x"));
    assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, thresholds(c, "y"));
    // Between x=1 (1) and x=2 (2.5): 1 + (2.5 - 1) * (1.5 - 1) / (2 - 1) = 1.75.
    assertEquals(1.75, c.apply(1.5), TOL);
    assertEquals(2.5, c.apply(2.7), TOL);
    // Between x=3 (2.5) and x=4 (4): 2.5 + 1.5 * 0.5 = 3.25.
    assertEquals(3.25, c.apply(3.5), TOL);
    // Clipped to [1, 4].
    assertEquals(1.0, c.apply(-10), 0.0);
    assertEquals(4.0, c.apply(10), 0.0);
  }

  @Test
  void fit_weightedViolation_poolsByWeight() {
    // y = [3, 1, 2], w = [1, 2, 1]: 3 > 1 pooled to (3*1 + 1*2) / 3 = 5/3 with weight 3;
    // then 5/3 < 2 holds. Fit [5/3, 5/3, 2].
    Calibrator c =
        DEFAULT.fit(
            CalibrationData.of(
                new double[] {1, 2, 3}, new double[] {3, 1, 2}, new double[] {1, 2, 1}));
    assertArrayEquals(new double[] {5.0 / 3, 5.0 / 3, 2}, thresholds(c, "y"));
  }

  @Test
  void fit_equalScores_poolWithSummedWeight() {
    // x = [1, 1, 2], y = [0, 1, 0.2], w = [1, 3, 1]. The tie at x=1 becomes one point with mean
    // (0*1 + 1*3) / 4 = 0.75 and weight 4 (the sum). 0.75 > 0.2 violates: pooled to
    // (0.75*4 + 0.2*1) / 5 = 0.64. (With the mean weight 2 it would be 1.7 / 3 = 0.5667.)
    Calibrator c =
        DEFAULT.fit(
            CalibrationData.of(
                new double[] {1, 1, 2}, new double[] {0, 1, 0.2}, new double[] {1, 3, 1}));
    assertArrayEquals(new double[] {1, 2}, thresholds(c, "x"));
    assertArrayEquals(new double[] {0.64, 0.64}, thresholds(c, "y"));
    assertEquals(0.64, c.apply(1.5), TOL);
  }

  @Test
  void fit_zeroWeightPoint_isDropped() {
    // The point (2, 5) has weight 0 and is dropped; the fit joins (1, 0) and (3, 1): at 2, 0.5.
    Calibrator c =
        DEFAULT.fit(
            CalibrationData.of(
                new double[] {1, 2, 3}, new double[] {0, 5, 1}, new double[] {1, 0, 1}));
    assertArrayEquals(new double[] {1, 3}, thresholds(c, "x"));
    assertEquals(0.5, c.apply(2), TOL);
  }

  @Test
  void fit_decreasing_reversesThePool() {
    // Decreasing on y = [4, 2, 3, 1]: 2 < 3 violates, pooled to 2.5: [4, 2.5, 2.5, 1].
    Calibrator c =
        IsotonicMethod.builder()
            .direction(Direction.DECREASING)
            .build()
            .fit(CalibrationData.of(new double[] {1, 2, 3, 4}, new double[] {4, 2, 3, 1}));
    assertArrayEquals(new double[] {4, 2.5, 2.5, 1}, thresholds(c, "y"));
  }

  @Test
  void fit_autoOnAntiCorrelatedData_goesDown() {
    // Spearman of x = [1, 2, 3, 4] and y = [4, 2, 3, 1] is 1 - 6 * (9 + 0 + 0 + 9) / (4 * 15)
    // = -0.8 < 0, so auto fits decreasing, as above.
    Calibrator c =
        IsotonicMethod.builder()
            .direction(Direction.AUTO)
            .build()
            .fit(CalibrationData.of(new double[] {1, 2, 3, 4}, new double[] {4, 2, 3, 1}));
    assertArrayEquals(new double[] {4, 2.5, 2.5, 1}, thresholds(c, "y"));
  }

  @Test
  void fit_interiorOfConstantRun_isTrimmed() {
    // y = [0, 1, 1, 1, 2] is already isotonic; x=3 equals both neighbours and is dropped.
    Calibrator c = fit(new double[] {1, 2, 3, 4, 5}, new double[] {0, 1, 1, 1, 2});
    assertArrayEquals(new double[] {1, 2, 4, 5}, thresholds(c, "x"));
    assertEquals(1.0, c.apply(3), 0.0);
  }

  @Test
  void fit_yBounds_clipFittedValues() {
    // [1, 2.5, 2.5, 4] clipped to [2, 3]: [2, 2.5, 2.5, 3].
    Calibrator c =
        IsotonicMethod.builder()
            .yMin(2)
            .yMax(3)
            .build()
            .fit(CalibrationData.of(new double[] {1, 2, 3, 4}, new double[] {1, 3, 2, 4}));
    assertArrayEquals(new double[] {2, 2.5, 2.5, 3}, thresholds(c, "y"));
  }

  @Test
  void fit_onePoint_isConstant() {
    Calibrator c = fit(new double[] {0.3}, new double[] {0.7});
    assertEquals(0.7, c.apply(0.0), 0.0);
    assertEquals(0.7, c.apply(0.3), 0.0);
    assertEquals(0.7, c.apply(1.0), 0.0);
  }

  @Test
  void fit_twoPointsDecreasingLabels_poolToTheirMean() {
    // y = [1, 0] at x = [0.2, 0.8] violates: pooled to 0.5; both ends kept.
    Calibrator c = fit(new double[] {0.2, 0.8}, new double[] {1, 0});
    assertArrayEquals(new double[] {0.2, 0.8}, thresholds(c, "x"));
    assertEquals(0.5, c.apply(0.5), 0.0);
  }

  @Test
  void fit_twoPointsIncreasing_interpolates() {
    // (0.2, 0) to (0.8, 1): at 0.35, (0.35 - 0.2) / 0.6 = 0.25.
    Calibrator c = fit(new double[] {0.2, 0.8}, new double[] {0, 1});
    assertEquals(0.25, c.apply(0.35), TOL);
  }

  @Test
  void fit_scoresWithin1e15_arePooledAsScikitLearnDoes() {
    // 1e-300 and 2e-300 differ by less than numpy's resolution 1e-15, so _make_unique pools
    // them into one point at 1e-300 with mean label 0.5.
    Calibrator c = fit(new double[] {2e-300, 1e-300}, new double[] {0, 1});
    assertArrayEquals(new double[] {1e-300}, thresholds(c, "x"));
    assertEquals(0.5, c.apply(0.5), 0.0);
  }

  @Test
  void fit_constantLabels_giveConstantMap() {
    Calibrator c = fit(new double[] {0.1, 0.5, 0.9}, new double[] {1, 1, 1});
    assertEquals(1.0, c.apply(0.3), 0.0);
    assertArrayEquals(new double[] {0.1, 0.9}, thresholds(c, "x"));
  }

  @Test
  void apply_step_takesTheLastThresholdAtOrBelow() {
    Calibrator c =
        IsotonicMethod.builder()
            .interpolation(Interpolation.STEP)
            .build()
            .fit(CalibrationData.of(new double[] {1, 2, 3, 4}, new double[] {1, 3, 2, 4}));
    assertEquals(1.0, c.apply(1.5), 0.0);
    assertEquals(2.5, c.apply(2.0), 0.0);
    assertEquals(2.5, c.apply(3.9), 0.0);
    assertEquals(4.0, c.apply(4.0), 0.0);
  }

  @Test
  void apply_outOfBoundsNan_givesNanOutsideOnly() {
    Calibrator c =
        IsotonicMethod.builder()
            .outOfBounds(OutOfBounds.NAN)
            .build()
            .fit(CalibrationData.of(new double[] {1, 2}, new double[] {0, 1}));
    assertTrue(Double.isNaN(c.apply(0.5)));
    assertTrue(Double.isNaN(c.apply(2.5)));
    assertEquals(0.0, c.apply(1.0), 0.0);
    assertEquals(1.0, c.apply(2.0), 0.0);
  }

  @Test
  void apply_outOfBoundsRaise_throwsNamingTheRange() {
    Calibrator c =
        IsotonicMethod.builder()
            .outOfBounds(OutOfBounds.RAISE)
            .build()
            .fit(CalibrationData.of(new double[] {1, 2}, new double[] {0, 1}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.apply(3));
    assertEquals(
        "CAL-METHOD-006 isotonic score 3.0 is outside the fitted range [1.0, 2.0] and"
            + " out_of_bounds is raise",
        e.getMessage());
  }

  @Test
  void fit_emptyData_isRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DEFAULT.fit(CalibrationData.of(new double[0], new double[0])));
    assertEquals("CAL-METHOD-004 isotonic cannot fit empty data", e.getMessage());
  }

  @Test
  void fit_allWeightsZero_isRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                DEFAULT.fit(
                    CalibrationData.of(new double[] {1, 2}, new double[] {0, 1}, new double[2])));
    assertEquals(
        "CAL-METHOD-004 isotonic cannot fit data whose 2 weights are all zero", e.getMessage());
  }

  static Stream<Arguments> badParameters() {
    return Stream.of(
        Arguments.of(Map.of("y", List.of(1.0)), "parameter \"x\" is missing"),
        Arguments.of(
            Map.of("x", List.of(1.0, 2.0), "y", List.of(1.0)), "equal length >= 1 but had 2 and 1"),
        Arguments.of(
            Map.of("x", List.of(2.0, 1.0), "y", List.of(1.0, 2.0)), "strictly increasing"),
        Arguments.of(
            Map.of("x", List.of(1.0, 2.0, 3.0), "y", List.of(1.0, 2.0, 1.5)), "must be monotone"),
        Arguments.of(
            Map.of("x", List.of(1.0), "y", List.of(1.0), "out_of_bounds", "wrap"),
            "must be one of [clip, nan, raise] but was wrap"),
        Arguments.of(
            Map.of("method", "platt", "x", List.of(1.0), "y", List.of(1.0)),
            "parameters of method \"platt\""));
  }

  @ParameterizedTest
  @MethodSource("badParameters")
  void restore_badParameters_isRejectedSayingWhy(Map<String, ?> parameters, String why) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DEFAULT.restore(parameters));
    assertTrue(e.getMessage().startsWith("CAL-METHOD-005 isotonic"), e.getMessage());
    assertTrue(e.getMessage().contains(why), e.getMessage());
  }

  @Test
  void restore_configStyleParameters_applies() {
    // As in a config file: {"method": "isotonic", "x": [...], "y": [...]}, integers allowed.
    Calibrator c =
        DEFAULT.restore(Map.of("method", "isotonic", "x", List.of(0, 1), "y", List.of(0.1, 0.9)));
    assertEquals(0.5, c.apply(0.5), TOL);
  }

  @Test
  void serviceLoader_findsIsotonic() {
    boolean found = false;
    for (dev.calibration.api.CalibrationMethod m :
        ServiceLoader.load(dev.calibration.api.CalibrationMethod.class)) {
      found |= m instanceof IsotonicMethod && m.name().equals("isotonic");
    }
    assertTrue(found, "META-INF/services does not register IsotonicMethod");
  }

  @Test
  void builder_yMinAboveYMax_isRejectedNamingBoth() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> IsotonicMethod.builder().yMax(1).yMin(2));
    assertEquals("yMin must be a number <= yMax (1.0) but was 2.0", e.getMessage());
  }

  private static void assertArrayEquals(double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length, "length");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], TOL, "at " + i);
    }
  }
}
