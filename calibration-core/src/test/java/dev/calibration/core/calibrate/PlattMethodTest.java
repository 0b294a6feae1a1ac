package dev.calibration.core.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calibration.api.CalibrationData;
import dev.calibration.api.Calibrator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Platt scaling against values worked out by hand from scikit-learn's definition: smoothed targets
 * {@code (N+ + 1)/(N+ + 2)} and {@code 1/(N- + 2)} with N the class weight sums, loss weighted by
 * the sample weights, {@code p = 1 / (1 + exp(A f + B))}.
 *
 * <p>The reference data have two distinct scores and two parameters, so the optimum fits each
 * group's mean target exactly: {@code -(A f_k + B) = logit(mean target of group k)}.
 */
class PlattMethodTest {
  private static final PlattMethod RAW = new PlattMethod();

  /** f = -1: labels 0,0,0,1; f = +1: labels 0,1,1,1. */
  private static CalibrationData twoGroups(double scale, double shift) {
    double lo = -scale + shift;
    double hi = scale + shift;
    return CalibrationData.of(
        new double[] {lo, lo, lo, lo, hi, hi, hi, hi}, new double[] {0, 0, 0, 1, 0, 1, 1, 1});
  }

  private static double a(Calibrator c) {
    return ((Number) c.parameters().get("a")).doubleValue();
  }

  private static double b(Calibrator c) {
    return ((Number) c.parameters().get("b")).doubleValue();
  }

  @Test
  void fit_twoGroups_matchesHandSolution() {
    // N+ = N- = 4: targets 5/6 (positive) and 1/6 (negative).
    // Group f=-1: (3 * 1/6 + 5/6) / 4 = 1/3. Group f=+1: (1/6 + 3 * 5/6) / 4 = 2/3.
    // -(-A + B) = logit(1/3) = -ln 2 and -(A + B) = ln 2, so B = 0 and A = -ln 2.
    Calibrator c = RAW.fit(twoGroups(1, 0));
    assertEquals(-Math.log(2), a(c), 1e-9);
    assertEquals(0.0, b(c), 1e-9);
    assertEquals(1.0 / 3, c.apply(-1), 1e-9);
    assertEquals(2.0 / 3, c.apply(1), 1e-9);
    assertEquals(0.5, c.apply(0), 1e-9);
  }

  @Test
  void fit_weighted_usesWeightSumsForTargetsAndLoss() {
    // f=-1: labels 0,0,0 (w 1) and 1 (w 2); f=+1: label 0 (w 1) and 1,1,1 (w 1).
    // N+ = 2 + 3 = 5, N- = 3 + 1 = 4: targets 6/7 and 1/6.
    // Group f=-1: (3 * 1/6 + 2 * 6/7) / 5 = 31/70. Group f=+1: (1/6 + 3 * 6/7) / 4 = 115/168.
    // -A + B = ln(39/31), A + B = ln(53/115).
    double[] f = {-1, -1, -1, -1, 1, 1, 1, 1};
    double[] y = {0, 0, 0, 1, 0, 1, 1, 1};
    double[] w = {1, 1, 1, 2, 1, 1, 1, 1};
    Calibrator c = RAW.fit(CalibrationData.of(f, y, w));
    double expectedB = (Math.log(39.0 / 31) + Math.log(53.0 / 115)) / 2;
    double expectedA = (Math.log(53.0 / 115) - Math.log(39.0 / 31)) / 2;
    assertEquals(expectedA, a(c), 1e-9);
    assertEquals(expectedB, b(c), 1e-9);
    assertEquals(31.0 / 70, c.apply(-1), 1e-9);
    assertEquals(115.0 / 168, c.apply(1), 1e-9);
  }

  @ParameterizedTest
  @CsvSource({"1e-3, 0", "1e3, 1e6", "1e9, 1e9", "1e12, -1e14"})
  void fit_scaledAndShiftedScores_giveTheSameProbabilities(double scale, double shift) {
    // f' = scale * f + shift is an affine change of f, so the fitted probabilities at the two
    // groups are still 1/3 and 2/3.
    Calibrator c = RAW.fit(twoGroups(scale, shift));
    assertEquals(1.0 / 3, c.apply(shift - scale), 1e-9);
    assertEquals(2.0 / 3, c.apply(shift + scale), 1e-9);
  }

  @Test
  void fit_logitInput_fitsOnLogits() {
    // Scores sigmoid(-1) and sigmoid(+1) have logits -1 and +1: the hand solution above.
    double p = 1 / (1 + Math.exp(-1));
    double q = 1 - p;
    Calibrator c =
        PlattMethod.withInput(PlattMethod.Input.LOGIT)
            .fit(
                CalibrationData.of(
                    new double[] {q, q, q, q, p, p, p, p}, new double[] {0, 0, 0, 1, 0, 1, 1, 1}));
    assertEquals(-Math.log(2), a(c), 1e-9);
    assertEquals(1.0 / 3, c.apply(q), 1e-9);
    assertEquals(2.0 / 3, c.apply(p), 1e-9);
  }

  @ParameterizedTest
  @ValueSource(ints = {1_000, 300_000})
  void fit_randomData_zeroesTheGradientOfPlattsObjective(int n) {
    // At the optimum of a convex objective the gradient vanishes. Computed here independently:
    // sum w (t - p) f and sum w (t - p) must both be ~0 relative to n.
    SplittableRandom r = new SplittableRandom(n);
    double[] f = new double[n];
    double[] y = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      f[i] = 10 * r.nextGaussian() + 3;
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-0.3 * f[i] + 0.5)) ? 1 : 0;
      w[i] = 0.5 + r.nextDouble();
    }
    Calibrator c = RAW.fit(CalibrationData.of(f, y, w));
    double pos = 0;
    double neg = 0;
    for (int i = 0; i < n; i++) {
      if (y[i] > 0) {
        pos += w[i];
      } else {
        neg += w[i];
      }
    }
    double gA = 0;
    double gB = 0;
    for (int i = 0; i < n; i++) {
      double t = y[i] > 0 ? (pos + 1) / (pos + 2) : 1 / (neg + 2);
      double p = c.apply(f[i]);
      gA += w[i] * (t - p) * f[i];
      gB += w[i] * (t - p);
    }
    assertEquals(0.0, gA / n, 1e-9);
    assertEquals(0.0, gB / n, 1e-9);
  }

  static Stream<Arguments> badData() {
    return Stream.of(
        Arguments.of(new double[0], new double[0], "CAL-METHOD-004 platt cannot fit empty data"),
        Arguments.of(
            new double[] {0.1, 0.2},
            new double[] {1, 1},
            "CAL-METHOD-004 platt needs both labels 0 and 1 (with positive weight) but only 1"
                + " occurs"),
        Arguments.of(
            new double[] {0.1, 0.2},
            new double[] {0, 0.5},
            "CAL-METHOD-004 platt needs labels 0 or 1 but labels[1] was 0.5"));
  }

  @ParameterizedTest
  @MethodSource("badData")
  void fit_badData_isRejectedSayingWhy(double[] s, double[] y, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RAW.fit(CalibrationData.of(s, y)));
    assertEquals(message, e.getMessage());
  }

  static Stream<Arguments> malformedData() {
    return Stream.of(
        Arguments.of(
            (Runnable) () -> CalibrationData.of(new double[] {0.1, 0.2}, new double[] {0}),
            "scores, labels and weights must have the same length but had 2, 1 and (unweighted)"),
        Arguments.of(
            (Runnable)
                () ->
                    CalibrationData.of(
                        new double[] {0.1, 0.2}, new double[] {0, 1}, new double[] {1, -1}),
            "weights[1] must be finite and >= 0 but was -1.0"),
        Arguments.of(
            (Runnable)
                () ->
                    CalibrationData.of(
                        new double[] {0.1, 0.2},
                        new double[] {0, 1},
                        new double[] {1, Double.POSITIVE_INFINITY}),
            "weights[1] must be finite and >= 0 but was Infinity"),
        Arguments.of(
            (Runnable) () -> CalibrationData.of(new double[] {Double.NaN}, new double[] {0}),
            "scores[0] must be finite but was NaN"));
  }

  /** Shape errors are refused by CalibrationData before any method sees the data. */
  @ParameterizedTest
  @MethodSource("malformedData")
  void calibrationData_malformed_isRejectedSayingWhy(Runnable make, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::run);
    assertEquals(message, e.getMessage());
  }

  @Test
  void fit_allWeightsZero_isRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RAW.fit(
                    CalibrationData.of(
                        new double[] {0.1, 0.2}, new double[] {0, 1}, new double[] {0, 0})));
    assertEquals(
        "CAL-METHOD-004 platt cannot fit data whose 2 weights are all zero", e.getMessage());
  }

  @Test
  void fit_logitInputOutsideUnitInterval_isRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                PlattMethod.withInput(PlattMethod.Input.LOGIT)
                    .fit(CalibrationData.of(new double[] {0.2, 1.5}, new double[] {0, 1})));
    assertEquals(
        "CAL-METHOD-004 platt needs scores that are probabilities in [0, 1] but scores[1] was 1.5",
        e.getMessage());
  }

  @Test
  void restore_designDocumentExample_appliesTheSigmoid() {
    // {"method":"platt","a":-1.6,"b":0.4}: at f = 0.5, 1 / (1 + exp(-0.8 + 0.4)) = 1/(1+e^-0.4).
    Calibrator c = RAW.restore(Map.of("method", "platt", "a", -1.6, "b", 0.4));
    assertEquals(1 / (1 + Math.exp(-0.4)), c.apply(0.5), 1e-15);
    assertEquals("raw", c.parameters().get("input"));
  }

  @Test
  void restore_missingA_isRejectedNamingIt() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RAW.restore(Map.of("b", 0.4)));
    assertEquals(
        "CAL-METHOD-005 platt parameter \"a\" is missing; expected a finite number",
        e.getMessage());
  }

  @Test
  void apply_extremeScores_stayFiniteProbabilities() {
    Calibrator c = RAW.restore(Map.of("a", -1.0, "b", 0.0));
    assertEquals(1.0, c.apply(1e308), 0.0);
    assertEquals(0.0, c.apply(-1e308), 0.0);
    assertTrue(c.apply(700) <= 1.0);
  }
}
