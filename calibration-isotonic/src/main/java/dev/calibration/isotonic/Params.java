package dev.calibration.isotonic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads restore parameters: numbers as any {@link Number}, lists as any {@link List}; failures name
 * the parameter, with code CAL-METHOD-005. (calibration-core has its own copy: this module depends
 * on the API only.)
 */
final class Params {
  private Params() {}

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
    if (!(v instanceof List)) {
      throw invalid(
          method,
          "parameter \"" + key + "\" must be a list of numbers but was a " + v.getClass().getName());
    }
    List<?> list = (List<?>) v;
    double[] a = new double[list.size()];
    for (int i = 0; i < a.length; i++) {
      Object e = list.get(i);
      if (!(e instanceof Number)) {
        throw invalid(
            method,
            "parameter \"" + key + "[" + i + "]\" must be a number but was " + e);
      }
      a[i] = ((Number) e).doubleValue();
      if (!Double.isFinite(a[i])) {
        throw invalid(method, "parameter \"" + key + "[" + i + "]\" must be finite but was " + e);
      }
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

  static IllegalArgumentException invalid(String method, String what) {
    return new IllegalArgumentException("CAL-METHOD-005 " + method + " " + what);
  }
}
