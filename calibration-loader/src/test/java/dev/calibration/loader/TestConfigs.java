package dev.calibration.loader;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.calibration.api.CalibrationData;
import dev.calibration.api.CalibrationMethod;
import dev.calibration.api.CalibrationSnapshot;
import dev.calibration.api.Calibrator;
import dev.calibration.api.SegmentKey;
import dev.calibration.core.config.MethodResolver;
import java.util.Locale;
import java.util.Map;

/**
 * Documents and a calibration method for loader tests. {@code linear} maps s to {@code a * s + b},
 * so a config can encode its own version number in what it computes, and a reader can check that
 * a snapshot's answers all belong to its version.
 */
final class TestConfigs {
  private TestConfigs() {}

  static final CalibrationMethod LINEAR =
      new CalibrationMethod() {
        @Override
        public String name() {
          return "linear";
        }

        @Override
        public Calibrator fit(CalibrationData data) {
          throw new IllegalArgumentException("linear is restore-only in tests");
        }

        @Override
        public Calibrator restore(Map<String, ?> p) {
          if (!(p.get("a") instanceof Number) || !(p.get("b") instanceof Number)) {
            throw new IllegalArgumentException("a and b are required numbers");
          }
          double a = ((Number) p.get("a")).doubleValue();
          double b = ((Number) p.get("b")).doubleValue();
          return new Calibrator() {
            @Override
            public double apply(double s) {
              return a * s + b;
            }

            @Override
            public String method() {
              return "linear";
            }

            @Override
            public Map<String, Object> parameters() {
              return Map.of("a", a, "b", b);
            }
          };
        }
      };

  static final MethodResolver METHODS = MethodResolver.of(LINEAR);

  static final SegmentKey NEW = SegmentKey.of("condition", "new");
  static final SegmentKey NEW_EU = SegmentKey.of(Map.of("condition", "new", "region", "eu"));

  /**
   * Version {@code "v" + n} (n >= 1, so that the factor is valid): target {@code p} gives {@code n} by default, {@code n + 0.25} for
   * condition=new and {@code n + 0.5} for condition=new, region=eu (input 0); factor {@code T.k}
   * is {@code n} (bounds [1, 1e9]); weights {@code main} are {a: 0.25, b: 0.75}.
   */
  static String doc(int n) {
    return String.format(
        Locale.ROOT,
        "{\"schema\":1,\"version\":\"v%d\","
            + "\"calibrators\":{\"p\":{\"default\":{\"method\":\"linear\",\"a\":1.0,\"b\":%d},"
            + "\"segments\":["
            + "{\"match\":{\"condition\":\"new\"},\"calibrator\":{\"method\":\"linear\",\"a\":1.0,\"b\":%s}},"
            + "{\"match\":{\"condition\":\"new\",\"region\":\"eu\"},"
            + "\"calibrator\":{\"method\":\"linear\",\"a\":1.0,\"b\":%s}}]}},"
            + "\"factors\":{\"T\":{\"k\":%d}},\"bounds\":{\"T\":{\"min\":1,\"max\":1e9}},"
            + "\"weights\":{\"main\":{\"a\":0.25,\"b\":0.75}}}",
        n,
        n,
        Double.toString(n + 0.25),
        Double.toString(n + 0.5),
        n);
  }

  static byte[] bytes(int n) {
    return doc(n).getBytes(UTF_8);
  }

  /** The version number a snapshot claims, or -1 for defaults. */
  static int versionNumber(CalibrationSnapshot s) {
    return s.version().map(v -> Integer.parseInt(v.substring(1))).orElse(-1);
  }

  /**
   * Whether every answer of {@code s} belongs to the version it claims (see {@link #doc}); reads
   * the snapshot the way a host does, with pre-built keys.
   */
  static boolean consistent(CalibrationSnapshot s) {
    int n = versionNumber(s);
    if (n < 0) {
      return s.calibrate("p", NEW, 0.0) == 0.0 && s.factor("T", "k") == 1.0;
    }
    return s.calibrate("p", SegmentKey.empty(), 0.0) == n
        && s.calibrate("p", NEW, 0.0) == n + 0.25
        && s.calibrate("p", NEW_EU, 0.0) == n + 0.5
        && s.factor("T", "k") == n
        && s.weights("main").get("b") == 0.75;
  }
}
