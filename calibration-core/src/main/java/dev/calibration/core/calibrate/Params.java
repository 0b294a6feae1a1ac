package dev.calibration.core.calibrate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the plain parameters given to {@code restore}: numbers may arrive as any {@link Number}
 * (JSON readers produce Integer, Long, Double or BigDecimal), lists as any {@link List}. Every
 * failure names the method and the parameter, with code CAL-METHOD-005.
 */
final class Params {
  private Params() {}

  /** Rejects keys other than {@code allowed} and {@code "method"}, which must name this method. */
  static void checkKeys(String method, Map<String, ?> p, Set<String> allowed) {
    Set<String> unknown = new TreeSet<>();
    for (String key : p.keySet()) {
      if (!allowed.contains(key) && !key.equals("method")) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      throw invalid(
          method, "has unknown parameters " + unknown + "; allowed are " + new TreeSet<>(allowed));
    }
    Object named = p.get("method");
    if (named != null && !method.equals(named)) {
      throw invalid(method, "were given parameters of method \"" + named + "\"");
    }
  }

  static double number(String method, Map<String, ?> p, String key) {
    Object v = p.get(key);
    if (v == null) {
      throw invalid(method, "parameter \"" + key + "\" is missing; expected a finite number");
    }
    return finite(method, key, v);
  }

  static double number(String method, Map<String, ?> p, String key, double defaultValue) {
    Object v = p.get(key);
    return v == null ? defaultValue : finite(method, key, v);
  }

  static <E extends Enum<E>> E choice(
      String method, Map<String, ?> p, String key, Class<E> type, E defaultValue) {
    Object v = p.get(key);
    if (v == null) {
      return defaultValue;
    }
    if (v instanceof String) {
      for (E e : type.getEnumConstants()) {
        if (e.name().equalsIgnoreCase((String) v)) {
          return e;
        }
      }
    }
    List<String> allowed = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      allowed.add(e.name().toLowerCase(Locale.ROOT));
    }
    throw invalid(method, "parameter \"" + key + "\" must be one of " + allowed + " but was " + v);
  }

  static double[] numbers(String method, Map<String, ?> p, String key) {
    Object v = p.get(key);
    if (v == null) {
      throw invalid(method, "parameter \"" + key + "\" is missing; expected a list of numbers");
    }
    if (v instanceof double[]) {
      double[] a = ((double[]) v).clone();
      for (int i = 0; i < a.length; i++) {
        finite(method, key + "[" + i + "]", a[i]);
      }
      return a;
    }
    if (!(v instanceof List)) {
      throw invalid(
          method,
          "parameter \"" + key + "\" must be a list of numbers but was a " + v.getClass().getName());
    }
    List<?> list = (List<?>) v;
    double[] a = new double[list.size()];
    for (int i = 0; i < a.length; i++) {
      Object e = list.get(i);
      if (e == null) {
        throw invalid(method, "parameter \"" + key + "[" + i + "]\" is null");
      }
      a[i] = finite(method, key + "[" + i + "]", e);
    }
    return a;
  }

  static List<Double> list(double[] values) {
    List<Double> l = new ArrayList<>(values.length);
    for (double v : values) {
      l.add(v);
    }
    return Collections.unmodifiableList(l);
  }

  private static double finite(String method, String key, Object v) {
    if (!(v instanceof Number)) {
      throw invalid(
          method,
          "parameter \"" + key + "\" must be a number but was a " + v.getClass().getName());
    }
    double d = ((Number) v).doubleValue();
    if (!Double.isFinite(d)) {
      throw invalid(method, "parameter \"" + key + "\" must be finite but was " + v);
    }
    return d;
  }

  static IllegalArgumentException invalid(String method, String what) {
    return new IllegalArgumentException("CAL-METHOD-005 " + method + " " + what);
  }
}
