package dev.calibration.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Argument checks shared by the value types of this package. Package-private on purpose. */
final class Checks {
  private Checks() {}

  static <T> T notNull(T value, String field) {
    return Objects.requireNonNull(value, () -> field + " must not be null");
  }

  static String notBlank(String value, String field) {
    notNull(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    return value;
  }

  /** An unmodifiable, insertion-ordered copy of a map of finite numbers. */
  static Map<String, Double> finiteValues(Map<String, Double> values, String field) {
    notNull(values, field);
    Map<String, Double> copy = new LinkedHashMap<>(Math.max(4, values.size() * 2));
    for (Map.Entry<String, Double> e : values.entrySet()) {
      String key = notNull(e.getKey(), field + " key");
      Double v = notNull(e.getValue(), field + "." + key);
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(field + "." + key + " must be finite but was " + v);
      }
      copy.put(key, v);
    }
    return Collections.unmodifiableMap(copy);
  }

  static Map<String, String> strings(Map<String, String> values, String field) {
    notNull(values, field);
    Map<String, String> copy = new LinkedHashMap<>(Math.max(4, values.size() * 2));
    for (Map.Entry<String, String> e : values.entrySet()) {
      String key = notNull(e.getKey(), field + " key");
      copy.put(key, notNull(e.getValue(), field + "." + key));
    }
    return Collections.unmodifiableMap(copy);
  }

  /**
   * A deep, unmodifiable copy of a JSON-like tree: values are {@link String}, {@link Boolean}, a
   * number, a {@code List} or a {@code Map} with string keys. Integral numbers become {@link Long},
   * floating-point ones {@link Double} (finite); {@code BigInteger} and {@code BigDecimal} stay.
   */
  static Map<String, Object> jsonTree(Map<String, ?> tree, String field) {
    notNull(tree, field);
    Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, tree.size() * 2));
    for (Map.Entry<String, ?> e : tree.entrySet()) {
      String key = notNull(e.getKey(), field + " key");
      copy.put(key, jsonValue(e.getValue(), field + "." + key));
    }
    return Collections.unmodifiableMap(copy);
  }

  private static Object jsonValue(Object value, String field) {
    notNull(value, field);
    if (value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Byte
        || value instanceof Short
        || value instanceof Integer
        || value instanceof Long) {
      return ((Number) value).longValue(); // one integral type, so equality survives a round trip
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException(field + " must be finite but was " + value);
      }
      return d;
    }
    if (value instanceof java.math.BigInteger || value instanceof java.math.BigDecimal) {
      return value;
    }
    if (value instanceof Map) {
      Map<?, ?> map = (Map<?, ?>) value;
      Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String)) {
          throw new IllegalArgumentException(field + " has a non-string key: " + e.getKey());
        }
        String key = (String) e.getKey();
        copy.put(key, jsonValue(e.getValue(), field + "." + key));
      }
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List) {
      List<?> list = (List<?>) value;
      Object[] copy = new Object[list.size()];
      for (int i = 0; i < copy.length; i++) {
        copy[i] = jsonValue(list.get(i), field + "[" + i + "]");
      }
      return List.of(copy);
    }
    throw new IllegalArgumentException(
        field
            + " must be a string, boolean, number, list or map but was a "
            + value.getClass().getName());
  }
}
