package dev.calibration.bench;

import dev.calibration.api.CalibrationData;
import dev.calibration.api.CalibrationMethod;
import dev.calibration.api.Calibrator;
import dev.calibration.core.config.MethodResolver;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code "isotonic"} method the loader benchmarks use: the registered one when {@code
 * calibration-isotonic} is on the class path, otherwise a stand-in with the same cost shape
 * (binary search over the thresholds, then linear interpolation), so the lookup figures can be
 * taken before the real method lands. {@link #describe()} says which one ran.
 */
final class BenchIsotonic {
  private BenchIsotonic() {}

  static MethodResolver resolver() {
    MethodResolver found = MethodResolver.serviceLoader();
    if (found.resolve("isotonic").isPresent()) {
      return found;
    }
    return name -> name.equals("isotonic") ? Optional.of(STAND_IN) : found.resolve(name);
  }

  static String describe() {
    return MethodResolver.serviceLoader()
        .resolve("isotonic")
        .map(m -> "isotonic from " + m.getClass().getName())
        .orElse("isotonic stand-in (calibration-isotonic not on the class path)");
  }

  private static final CalibrationMethod STAND_IN =
      new CalibrationMethod() {
        @Override
        public String name() {
          return "isotonic";
        }

        @Override
        public Calibrator fit(CalibrationData data) {
          throw new IllegalArgumentException("the benchmark stand-in only restores");
        }

        @Override
        public Calibrator restore(Map<String, ?> p) {
          double[] x = numbers(p.get("x"));
          double[] y = numbers(p.get("y"));
          return new Calibrator() {
            @Override
            public double apply(double s) {
              if (s <= x[0]) {
                return y[0];
              }
              int n = x.length;
              if (s >= x[n - 1]) {
                return y[n - 1];
              }
              int lo = 0;
              int hi = n - 1;
              while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                if (x[mid] <= s) {
                  lo = mid;
                } else {
                  hi = mid;
                }
              }
              double w = (s - x[lo]) / (x[hi] - x[lo]);
              return y[lo] + w * (y[hi] - y[lo]);
            }

            @Override
            public String method() {
              return "isotonic";
            }

            @Override
            public Map<String, Object> parameters() {
              return Map.of();
            }
          };
        }
      };

  private static double[] numbers(Object o) {
    List<?> list = (List<?>) o;
    double[] out = new double[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) list.get(i)).doubleValue();
    }
    return out;
  }

  /** A strictly increasing isotonic map of {@code n} thresholds over [0, 1]. */
  static Map<String, Object> params(int n, double lift) {
    Double[] x = new Double[n];
    Double[] y = new Double[n];
    for (int i = 0; i < n; i++) {
      double t = (double) i / (n - 1);
      x[i] = t;
      y[i] = Math.min(1.0, t * t * (1 - lift) + lift * t);
    }
    return Map.of("x", List.of(x), "y", List.of(y));
  }
}
