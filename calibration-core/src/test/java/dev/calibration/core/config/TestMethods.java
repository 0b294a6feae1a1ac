package dev.calibration.core.config;

import dev.calibration.api.CalibrationData;
import dev.calibration.api.CalibrationMethod;
import dev.calibration.api.Calibrator;
import java.util.List;
import java.util.Map;

/**
 * Small calibration methods for config tests, so that validation is tested against the SPI and not
 * against one real implementation. {@code platt} is p = 1 / (1 + exp(a s + b)); {@code isotonic}
 * is a step function over sorted thresholds.
 */
final class TestMethods {
  private TestMethods() {}

  static final CalibrationMethod PLATT = new Method("platt");
  static final CalibrationMethod ISOTONIC = new Method("isotonic");

  static MethodResolver resolver() {
    return MethodResolver.of(PLATT, ISOTONIC);
  }

  private static final class Method implements CalibrationMethod {
    private final String name;

    Method(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Calibrator fit(CalibrationData data) {
      throw new IllegalArgumentException("test method " + name + " does not fit");
    }

    @Override
    public Calibrator restore(Map<String, ?> p) {
      if (name.equals("platt")) {
        double a = number(p, "a");
        double b = number(p, "b");
        return calibrator(s -> 1.0 / (1.0 + Math.exp(a * s + b)), Map.of("a", a, "b", b));
      }
      if (!(p.get("x") instanceof List) || !(p.get("y") instanceof List)) {
        throw new IllegalArgumentException("x and y are required lists");
      }
      List<?> x = (List<?>) p.get("x");
      List<?> y = (List<?>) p.get("y");
      if (x.size() != y.size()) {
        throw new IllegalArgumentException("x and y differ in length");
      }
      return calibrator(s -> s, Map.of("x", x, "y", y));
    }

    private static double number(Map<String, ?> p, String key) {
      Object v = p.get(key);
      if (!(v instanceof Number)) {
        throw new IllegalArgumentException(key + " is required and must be a number");
      }
      return ((Number) v).doubleValue();
    }

    private Calibrator calibrator(java.util.function.DoubleUnaryOperator f, Map<String, Object> params) {
      return new Calibrator() {
        @Override
        public double apply(double score) {
          return f.applyAsDouble(score);
        }

        @Override
        public String method() {
          return name;
        }

        @Override
        public Map<String, Object> parameters() {
          return params;
        }
      };
    }
  }
}
