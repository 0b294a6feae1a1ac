package dev.calibration.core.calibrate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calibration.api.CalibrationData;
import dev.calibration.api.CalibrationMethod;
import dev.calibration.api.Calibrator;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * On perfectly calibrated data (label drawn as Bernoulli(score)), the parametric methods stay close
 * to the identity map. With 20,000 points the sampling error of a fitted probability is about
 * 0.01, so 0.03 is a loose bound that a wrong fit (a flipped sign, unweighted targets) breaks.
 */
class NearIdentityProperties {

  @Property(tries = 8)
  void fit_calibratedData_staysNearIdentity(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 20_000;
    double[] s = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = 0.02 + 0.96 * r.nextDouble();
      y[i] = r.nextDouble() < s[i] ? 1 : 0;
    }
    CalibrationData d = CalibrationData.of(s, y);
    CalibrationMethod[] methods = {
      PlattMethod.withInput(PlattMethod.Input.LOGIT), new BetaMethod(), new TemperatureMethod()
    };
    for (CalibrationMethod m : methods) {
      Calibrator c = m.fit(d);
      for (double p = 0.05; p <= 0.95; p += 0.05) {
        double out = c.apply(p);
        assertTrue(
            Math.abs(out - p) < 0.03, m.name() + " maps " + p + " to " + out + " on calibrated data");
      }
    }
  }
}
