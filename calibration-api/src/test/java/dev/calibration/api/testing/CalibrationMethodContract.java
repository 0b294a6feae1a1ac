package dev.calibration.api.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.calibration.api.CalibrationData;
import dev.calibration.api.CalibrationMethod;
import dev.calibration.api.Calibrator;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit every {@link CalibrationMethod} implementation extends: fit and restore
 * round trip, parameters that survive a JSON-like copy, monotonicity where claimed, output range,
 * NaN handling, thread safety, allocation-free apply, deterministic fits and clear errors.
 *
 * <p>Extend it in a test class, return the method under test from {@link #method()}, and override
 * the hooks whose defaults do not fit (the data, the probe range, whether the map is monotone, the
 * output range). Published in the calibration-api test-jar.
 */
public abstract class CalibrationMethodContract {
  /** How many inputs the round-trip and thread-safety checks probe. */
  protected static final int PROBES = 10_000;

  /** The method under test. */
  protected abstract CalibrationMethod method();

  /**
   * Data the method can fit, deterministic for a seed. The default: 2,000 probability scores,
   * uniform in (0, 1), each labelled 1 with probability {@code score^1.3} (miscalibrated, so there
   * is something to learn).
   */
  protected CalibrationData sampleData(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 2_000;
    double[] s = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = r.nextDouble();
      y[i] = r.nextDouble() < Math.pow(s[i], 1.3) ? 1.0 : 0.0;
    }
    return CalibrationData.of(s, y);
  }

  /** An input to probe apply with; the default is uniform in [-0.25, 1.25]. */
  protected double probe(SplittableRandom r) {
    return -0.25 + 1.5 * r.nextDouble();
  }

  /** Whether fitted maps are non-decreasing in the score (default true). */
  protected boolean monotone() {
    return true;
  }

  /** The lowest value apply may return for a probe (default 0). */
  protected double minOutput() {
    return 0.0;
  }

  /** The highest value apply may return for a probe (default 1). */
  protected double maxOutput() {
    return 1.0;
  }

  /** Whether fitting data with a single distinct label must fail (default true). */
  protected boolean rejectsSingleLabel() {
    return true;
  }

  /** Whether fitting empty data must fail (default true). */
  protected boolean rejectsEmptyData() {
    return true;
  }

  private Calibrator fitted() {
    return method().fit(sampleData(42));
  }

  private double[] probes(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] p = new double[PROBES];
    for (int i = 0; i < p.length; i++) {
      p[i] = probe(r);
    }
    return p;
  }

  @Test
  void name_isNonBlankLowerCase() {
    String name = method().name();
    assertNotNull(name);
    assertFalse(name.isBlank(), "name must not be blank");
    assertEquals(name.toLowerCase(java.util.Locale.ROOT), name, "name must be lower case");
  }

  @Test
  void fit_sampleData_calibratorNamesItsMethod() {
    assertEquals(method().name(), fitted().method());
  }

  @Test
  void restore_ownParameters_givesIdenticalOutputsOnManyInputs() {
    Calibrator c = fitted();
    Calibrator same = method().restore(c.parameters());
    for (double v : probes(7)) {
      assertEquals(
          Double.doubleToLongBits(c.apply(v)),
          Double.doubleToLongBits(same.apply(v)),
          () -> "restored calibrator differs at " + v);
    }
    assertEquals(c.parameters(), same.parameters());
  }

  @Test
  void restore_jsonLikeCopyOfParameters_givesIdenticalOutputs() {
    Calibrator c = fitted();
    @SuppressWarnings("unchecked") // jsonCopy maps a map to a map
    Map<String, Object> copy = (Map<String, Object>) jsonCopy(c.parameters());
    Calibrator same = method().restore(copy);
    for (double v : probes(8)) {
      assertEquals(
          Double.doubleToLongBits(c.apply(v)),
          Double.doubleToLongBits(same.apply(v)),
          () -> "calibrator restored from a JSON-like copy differs at " + v);
    }
  }

  /**
   * What a JSON reader may hand back: mutable maps and lists, decimal numbers as BigDecimal of
   * their shortest representation, integral ones as Integer.
   */
  private static Object jsonCopy(Object v) {
    if (v instanceof Map) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        m.put((String) e.getKey(), jsonCopy(e.getValue()));
      }
      return m;
    }
    if (v instanceof List) {
      List<Object> l = new ArrayList<>();
      for (Object e : (List<?>) v) {
        l.add(jsonCopy(e));
      }
      return l;
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 1e9 && !(d == 0 && 1 / d < 0)) {
        return (int) d;
      }
      return new BigDecimal(Double.toString(d));
    }
    return v;
  }

  @Test
  void parameters_areUnmodifiableAndPlain() {
    Map<String, Object> p = fitted().parameters();
    assertThrows(UnsupportedOperationException.class, () -> p.put("x", 1));
    assertPlain(p, "parameters");
  }

  private static void assertPlain(Object v, String path) {
    if (v instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        assertTrue(e.getKey() instanceof String, path + " has a non-string key");
        assertPlain(e.getValue(), path + "." + e.getKey());
      }
    } else if (v instanceof List) {
      int i = 0;
      for (Object e : (List<?>) v) {
        assertPlain(e, path + "[" + i++ + "]");
      }
    } else if (v instanceof Number) {
      assertTrue(Double.isFinite(((Number) v).doubleValue()), path + " is not finite");
    } else if (!(v instanceof String) && !(v instanceof Boolean)) {
      fail(path + " is not a string, boolean, number, list or map: " + v);
    }
  }

  @Test
  void apply_nan_givesNan() {
    assertTrue(Double.isNaN(fitted().apply(Double.NaN)));
  }

  @Test
  void apply_probes_stayWithinTheOutputRange() {
    Calibrator c = fitted();
    for (double v : probes(9)) {
      double out = c.apply(v);
      assertTrue(
          out >= minOutput() && out <= maxOutput(),
          () -> "apply(" + v + ") = " + out + " is outside [" + minOutput() + ", " + maxOutput() + "]");
    }
  }

  @Test
  void apply_sortedProbes_isNonDecreasingWhereClaimed() {
    if (!monotone()) {
      return;
    }
    Calibrator c = fitted();
    double[] p = probes(10);
    Arrays.sort(p);
    double prev = Double.NEGATIVE_INFINITY;
    for (double v : p) {
      double out = c.apply(v);
      assertTrue(out >= prev, "apply decreases at " + v + ": " + out + " < " + prev);
      prev = out;
    }
  }

  @Test
  void apply_fromFourThreads_agreesWithOneThread() throws Exception {
    Calibrator c = fitted();
    double[] p = probes(11);
    double[] expected = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      expected[i] = c.apply(p[i]);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<double[]>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(
            pool.submit(
                () -> {
                  double[] out = new double[p.length];
                  for (int round = 0; round < 5; round++) {
                    for (int i = 0; i < p.length; i++) {
                      out[i] = c.apply(p[i]);
                    }
                  }
                  return out;
                }));
      }
      for (Future<double[]> f : results) {
        assertArrayEqualsBitwise(expected, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void assertArrayEqualsBitwise(double[] expected, double[] actual) {
    for (int i = 0; i < expected.length; i++) {
      assertEquals(
          Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(actual[i]), "at " + i);
    }
  }

  @Test
  void apply_manyCalls_allocatesNothing() throws ReflectiveOperationException {
    // Reflection, because the API module does not read java.management (and should not).
    Object bean =
        Class.forName("java.lang.management.ManagementFactory")
            .getMethod("getThreadMXBean")
            .invoke(null);
    Class<?> sunBean;
    try {
      sunBean = Class.forName("com.sun.management.ThreadMXBean");
    } catch (ClassNotFoundException e) {
      return; // this JVM cannot count allocations
    }
    if (!sunBean.isInstance(bean)) {
      return;
    }
    Method allocatedBytes = sunBean.getMethod("getThreadAllocatedBytes", long.class);
    Calibrator c = fitted();
    double[] p = probes(12);
    double sink = 0;
    for (int round = 0; round < 20; round++) { // warm up, so the JIT has compiled apply
      for (double v : p) {
        sink += c.apply(v);
      }
    }
    long id = Thread.currentThread().getId();
    long before = (Long) allocatedBytes.invoke(bean, id);
    for (int round = 0; round < 10; round++) {
      for (double v : p) {
        sink += c.apply(v);
      }
    }
    long allocated = (Long) allocatedBytes.invoke(bean, id) - before;
    // 100,000 calls: even one 16-byte object per call would be 1.6 MB.
    assertTrue(allocated < 64 * 1024, "apply allocated " + allocated + " bytes in 100,000 calls");
    assertFalse(Double.isInfinite(sink));
  }

  @Test
  void fit_sameDataTwice_givesTheSameParameters() {
    assertEquals(method().fit(sampleData(5)).parameters(), method().fit(sampleData(5)).parameters());
  }

  @Test
  void fit_emptyData_isRejectedClearly() {
    if (!rejectsEmptyData()) {
      return;
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> method().fit(CalibrationData.of(new double[0], new double[0])));
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
  }

  @Test
  void fit_singleDistinctLabel_isRejectedClearly() {
    if (!rejectsSingleLabel()) {
      return;
    }
    CalibrationData d = sampleData(3);
    double[] ones = new double[d.size()];
    Arrays.fill(ones, 1.0);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> method().fit(CalibrationData.of(d.scores(), ones)));
    assertTrue(e.getMessage().contains("label"), e.getMessage());
  }

  @Test
  void restore_unknownParameter_isRejectedNamingIt() {
    Map<String, Object> p = new LinkedHashMap<>(fitted().parameters());
    p.put("no_such_parameter", 1.0);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> method().restore(p));
    assertTrue(e.getMessage().contains("no_such_parameter"), e.getMessage());
  }

  @Test
  void restore_numberReplacedByText_isRejectedNamingIt() {
    Map<String, Object> p = fitted().parameters();
    for (Map.Entry<String, Object> e : p.entrySet()) {
      if (!(e.getValue() instanceof Number) && !(e.getValue() instanceof List)) {
        continue;
      }
      Map<String, Object> bad = new LinkedHashMap<>(p);
      bad.put(e.getKey(), "oops");
      IllegalArgumentException ex =
          assertThrows(
              IllegalArgumentException.class,
              () -> method().restore(bad),
              "restore accepted text for " + e.getKey());
      assertTrue(ex.getMessage().contains(e.getKey()), ex.getMessage());
    }
  }
}
