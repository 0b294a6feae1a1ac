package dev.calibration.core.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calibration.api.CalibrationData;
import dev.calibration.api.CalibrationMethod;
import dev.calibration.api.Calibrator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Model selection on a time-ordered holdout. */
class SelectionTest {

  /** Scores whose truth is sigmoid(logit(s) / 2): over-confident, so calibrating helps. */
  private static CalibrationData overconfident(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] s = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = 0.01 + 0.98 * r.nextDouble();
      double z = Math.log(s[i] / (1 - s[i])) / 2;
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
    return CalibrationData.of(s, y);
  }

  @Test
  void select_scoresEachCandidateOnTheLastFifth() {
    CalibrationData d = overconfident(1_000, 1);
    Selection sel =
        CalibrationMethods.discover().select(d, List.of("identity", "temperature", "platt"));
    assertEquals(800, sel.trainSize());
    assertEquals(200, sel.holdoutSize());
    // Recompute each score independently: fit on points [0, 800), mean log loss on [800, 1000).
    for (Selection.CandidateScore s : sel.scores()) {
      Calibrator c = CalibrationMethods.byName(s.method()).fit(d.slice(0, 800));
      double sum = 0;
      for (int i = 800; i < 1000; i++) {
        double p = c.apply(d.score(i));
        sum -= d.label(i) * Math.log(p) + (1 - d.label(i)) * Math.log(1 - p);
      }
      assertEquals(sum / 200, s.score(), 1e-12, s.method());
    }
    Selection.CandidateScore best =
        sel.scores().stream()
            .min((a, b) -> Double.compare(a.score(), b.score()))
            .orElseThrow();
    assertEquals(best.method(), sel.chosen());
    assertTrue(sel.score("identity").getAsDouble() > sel.score("temperature").getAsDouble());
  }

  @Test
  void staticSelect_holdoutFraction_holdsOutThatLastPart() {
    CalibrationData d = overconfident(1_000, 3);
    // 30% of 1,000 points: fit on [0, 700), score on [700, 1000).
    Selection sel = CalibrationMethods.select(d, List.of("identity", "platt"), 0.3);
    assertEquals(700, sel.trainSize());
    assertEquals(300, sel.holdoutSize());
    Selection same =
        CalibrationMethods.discover()
            .select(
                d,
                List.of("identity", "platt"),
                SelectionOptions.defaults().withHoldoutFraction(0.3));
    assertEquals(same.chosen(), sel.chosen());
    assertEquals(same.score("platt").getAsDouble(), sel.score("platt").getAsDouble(), 0.0);
  }

  @Test
  void select_winner_isRefittedOnAllData() {
    CalibrationData d = overconfident(1_000, 2);
    Selection sel = CalibrationMethods.discover().select(d, List.of("temperature"));
    assertEquals(
        new TemperatureMethod().fit(d).parameters(), sel.calibrator().parameters());
  }

  @Test
  void select_brier_scoresByMeanSquaredError() {
    CalibrationData d = overconfident(500, 3);
    Selection sel =
        CalibrationMethods.discover()
            .select(
                d,
                List.of("identity"),
                SelectionOptions.defaults().withLoss(SelectionOptions.Loss.BRIER));
    double sum = 0;
    for (int i = 400; i < 500; i++) {
      sum += (d.score(i) - d.label(i)) * (d.score(i) - d.label(i));
    }
    assertEquals(sum / 100, sel.score("identity").getAsDouble(), 1e-12);
  }

  /** Predicts a constant 0.5 and reports {@code size} parameters. */
  private static CalibrationMethod constant(String name, int size) {
    Calibrator c =
        new Calibrator() {
          @Override
          public double apply(double score) {
            return 0.5;
          }

          @Override
          public String method() {
            return name;
          }

          @Override
          public Map<String, Object> parameters() {
            return Map.of("values", java.util.Collections.nCopies(size, 0.5));
          }
        };
    return new CalibrationMethod() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Calibrator fit(CalibrationData data) {
        return c;
      }

      @Override
      public Calibrator restore(Map<String, ?> parameters) {
        return c;
      }
    };
  }

  @Test
  void select_tie_goesToFewerParametersWhateverTheOrder() {
    CalibrationData d = overconfident(100, 4);
    CalibrationMethods methods = CalibrationMethods.of(constant("big", 3), constant("small", 1));
    assertEquals("small", methods.select(d, List.of("big", "small")).chosen());
    assertEquals("small", methods.select(d, List.of("small", "big")).chosen());
  }

  @Test
  void select_failingCandidate_isReportedAndLoses() {
    // Labels 0.5 are not 0/1, so platt cannot fit; histogram can.
    double[] s = new double[50];
    double[] y = new double[50];
    for (int i = 0; i < 50; i++) {
      s[i] = i / 50.0;
      y[i] = i % 3 == 0 ? 0.5 : i % 2;
    }
    Selection sel =
        CalibrationMethods.discover().select(CalibrationData.of(s, y), List.of("platt", "histogram"));
    assertEquals("histogram", sel.chosen());
    Selection.CandidateScore platt = sel.scores().get(0);
    assertTrue(platt.failure().orElseThrow().contains("needs labels 0 or 1"), platt.toString());
    assertTrue(Double.isNaN(platt.score()));
  }

  @Test
  void select_everyCandidateFails_saysWhyForEach() {
    CalibrationData d = CalibrationData.of(new double[] {0.1, 0.2, 0.3}, new double[] {1, 1, 1});
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CalibrationMethods.discover().select(d, List.of("platt", "beta")));
    assertTrue(e.getMessage().startsWith("CAL-METHOD-007 every candidate failed: platt:"), e.getMessage());
    assertTrue(e.getMessage().contains("beta:"), e.getMessage());
  }

  @Test
  void select_tooFewPoints_isRejected() {
    CalibrationData d = CalibrationData.of(new double[] {0.1, 0.2}, new double[] {0, 1});
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CalibrationMethods.discover().select(d, List.of("identity")));
    assertEquals(
        "CAL-METHOD-007 a holdout of 0.2 of 2 points leaves 2 to fit and 0 to score; both need at"
            + " least 1 point",
        e.getMessage());
  }

  @Test
  void select_unknownCandidate_failsBeforeFitting() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CalibrationMethods.discover().select(overconfident(10, 5), List.of("plat")));
    assertTrue(e.getMessage().startsWith("CAL-METHOD-001"), e.getMessage());
  }

  @Test
  void options_badFraction_isRejectedNamingIt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SelectionOptions.defaults().withHoldoutFraction(1.0));
    assertEquals("holdoutFraction must be > 0 and < 1 but was 1.0", e.getMessage());
  }
}
