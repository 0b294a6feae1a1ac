package dev.calibration.core.config;

import dev.calibration.api.CalibrationMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The substance checks of {@link CalibrationConfig#validate}: each check adds its problems and
 * carries on, so one pass reports everything. Stateless apart from the resolver; thread-safe.
 */
final class ConfigValidator {

  /** How far the weights of one ensemble may sum from one (the safety gate's tolerance). */
  static final double WEIGHT_SUM_TOLERANCE = 0.001;

  private final MethodResolver methods;

  ConfigValidator(MethodResolver methods) {
    this.methods = methods;
  }

  List<ConfigProblem> validate(CalibrationConfig c) {
    List<ConfigProblem> out = new ArrayList<>();
    if (c.schema() != CalibrationConfig.SCHEMA) {
      out.add(
          ConfigProblem.error(
              "CAL-CFG-003",
              "$.schema",
              "schema "
                  + c.schema()
                  + " is not supported; this library reads schema "
                  + CalibrationConfig.SCHEMA
                  + (c.schema() > CalibrationConfig.SCHEMA
                      ? " (upgrade Calibration Loop to read newer documents)"
                      : "")));
    }
    c.calibrators()
        .forEach(
            (target, t) -> {
              String path = Paths.child("$.calibrators", target);
              t.defaultCalibrator().ifPresent(s -> spec(s, path + ".default", out));
              Map<Map<String, String>, Integer> seen = new HashMap<>();
              for (int i = 0; i < t.segments().size(); i++) {
                SegmentRule r = t.segments().get(i);
                String rp = path + ".segments[" + i + "]";
                Integer first = seen.putIfAbsent(r.match(), i);
                if (first != null) {
                  out.add(
                      ConfigProblem.error(
                          "CAL-CFG-010",
                          rp + ".match",
                          "repeats the match "
                              + r.match()
                              + " of segments["
                              + first
                              + "]; each segment rule needs its own match"));
                }
                spec(r.calibrator(), rp + ".calibrator", out);
              }
            });
    c.bounds()
        .forEach(
            (table, b) -> {
              String path = Paths.child("$.bounds", table);
              if (!Double.isFinite(b.min()) || !Double.isFinite(b.max()) || b.min() <= 0) {
                out.add(
                    ConfigProblem.error(
                        "CAL-CFG-009",
                        path,
                        "bounds must be finite with 0 < min but were ["
                            + num(b.min())
                            + ", "
                            + num(b.max())
                            + "]"));
              } else if (b.min() > b.max()) {
                out.add(
                    ConfigProblem.error(
                        "CAL-CFG-009",
                        path,
                        "min " + num(b.min()) + " must be <= max " + num(b.max())));
              }
            });
    c.factors()
        .forEach(
            (table, values) -> {
              String tp = Paths.child("$.factors", table);
              FactorBounds b = c.boundsOf(table);
              values.forEach(
                  (key, v) -> {
                    String path = Paths.child(tp, key);
                    if (!Double.isFinite(v) || v <= 0) {
                      out.add(
                          ConfigProblem.error(
                              "CAL-CFG-012",
                              path,
                              "a factor must be finite and > 0 but was " + num(v)));
                    } else if (!b.contains(v)) {
                      out.add(
                          ConfigProblem.warning(
                              "CAL-CFG-013",
                              path,
                              "factor "
                                  + num(v)
                                  + " is outside the bounds ["
                                  + num(b.min())
                                  + ", "
                                  + num(b.max())
                                  + "] of "
                                  + table
                                  + " and will be clamped to "
                                  + num(b.clamp(v))));
                    }
                  });
            });
    c.weights()
        .forEach(
            (ensemble, w) -> {
              String ep = Paths.child("$.weights", ensemble);
              if (w.isEmpty()) {
                out.add(
                    ConfigProblem.error(
                        "CAL-CFG-007", ep, "an ensemble needs at least one member weight"));
                return;
              }
              double sum = 0;
              boolean allValid = true;
              for (Map.Entry<String, Double> e : w.entrySet()) {
                double v = e.getValue();
                if (!Double.isFinite(v) || v < 0 || v > 1) {
                  allValid = false;
                  out.add(
                      ConfigProblem.error(
                          "CAL-CFG-007",
                          Paths.child(ep, e.getKey()),
                          "a weight must be finite and within [0, 1] but was " + num(v)));
                } else {
                  sum += v;
                }
              }
              if (allValid && Math.abs(sum - 1.0) > WEIGHT_SUM_TOLERANCE) {
                out.add(
                    ConfigProblem.error(
                        "CAL-CFG-007",
                        ep,
                        "weights of "
                            + ensemble
                            + " sum to "
                            + num(sum)
                            + "; they must sum to 1 within "
                            + num(WEIGHT_SUM_TOLERANCE)));
              }
            });
    return out;
  }

  private void spec(CalibratorSpec s, String path, List<ConfigProblem> out) {
    int before = out.size();
    nonFinite(s.parameters(), path, out);
    if (s.method().equals("isotonic")) {
      isotonic(s, path, out);
    }
    Optional<CalibrationMethod> m;
    try {
      m = methods.resolve(s.method());
    } catch (RuntimeException e) {
      out.add(
          ConfigProblem.error(
              "CAL-CFG-004",
              path + ".method",
              "looking up method \"" + s.method() + "\" failed: " + e));
      return;
    }
    if (m.isEmpty()) {
      String known =
          methods.names().isEmpty() ? "" : "; known methods: " + new TreeSet<>(methods.names());
      out.add(
          ConfigProblem.error(
              "CAL-CFG-004", path + ".method", "unknown method \"" + s.method() + "\"" + known));
      return;
    }
    if (out.size() > before) {
      return; // restore would only repeat what is already reported
    }
    try {
      m.get().restore(s.parameters());
    } catch (RuntimeException e) {
      out.add(
          ConfigProblem.error(
              "CAL-CFG-005",
              path,
              "method \"" + s.method() + "\" rejects these parameters: " + e.getMessage()));
    }
  }

  private static void nonFinite(Object value, String path, List<ConfigProblem> out) {
    if (value instanceof Double) {
      double d = (Double) value;
      if (!Double.isFinite(d)) {
        out.add(
            ConfigProblem.error("CAL-CFG-005", path, "must be a finite number but was " + num(d)));
      }
    } else if (value instanceof List) {
      List<?> list = (List<?>) value;
      for (int i = 0; i < list.size(); i++) {
        nonFinite(list.get(i), path + "[" + i + "]", out);
      }
    } else if (value instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        nonFinite(e.getValue(), Paths.child(path, (String) e.getKey()), out);
      }
    }
  }

  private static void isotonic(CalibratorSpec s, String path, List<ConfigProblem> out) {
    Optional<double[]> x = s.numbers("x");
    Optional<double[]> y = s.numbers("y");
    if (x.isEmpty() || y.isEmpty()) {
      out.add(
          ConfigProblem.error(
              "CAL-CFG-006",
              path,
              "an isotonic calibrator needs \"x\" and \"y\": arrays of numbers of equal length"));
      return;
    }
    double[] xs = x.get();
    if (xs.length == 0 || xs.length != y.get().length) {
      out.add(
          ConfigProblem.error(
              "CAL-CFG-006",
              path,
              "\"x\" and \"y\" must be non-empty and of equal length but had "
                  + xs.length
                  + " and "
                  + y.get().length
                  + " values"));
      return;
    }
    for (int i = 1; i < xs.length; i++) {
      if (xs[i] < xs[i - 1]) {
        out.add(
            ConfigProblem.error(
                "CAL-CFG-006",
                path + ".x[" + i + "]",
                "isotonic thresholds must be non-decreasing but x["
                    + i
                    + "] = "
                    + num(xs[i])
                    + " < x["
                    + (i - 1)
                    + "] = "
                    + num(xs[i - 1])));
        return;
      }
    }
  }

  static String num(double v) {
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    String s = String.format(Locale.ROOT, "%.6g", v);
    // Trim trailing zeros of the fraction, keep an exponent if present.
    int e = s.indexOf('e');
    String mantissa = e < 0 ? s : s.substring(0, e);
    String exp = e < 0 ? "" : s.substring(e);
    if (mantissa.indexOf('.') >= 0) {
      mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return mantissa + exp;
  }
}
