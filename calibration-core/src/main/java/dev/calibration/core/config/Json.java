package dev.calibration.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Conversions between Jackson trees and the JSON-like Java values that specs hold. */
final class Json {
  private Json() {}

  /**
   * A deep unmodifiable copy of a JSON-like map: strings, booleans, numbers (integral ones as
   * {@link Long}, others as {@link Double}; big ones kept), lists and maps with string keys.
   */
  static Map<String, Object> copyTree(Map<String, ?> tree) {
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : tree.entrySet()) {
      String key = Objects.requireNonNull(e.getKey(), "parameter name must not be null");
      copy.put(key, copyValue(e.getValue(), key));
    }
    return Collections.unmodifiableMap(copy);
  }

  private static Object copyValue(Object value, String path) {
    Objects.requireNonNull(value, () -> path + " must not be null");
    if (value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Byte
        || value instanceof Short
        || value instanceof Integer
        || value instanceof Long) {
      return ((Number) value).longValue();
    }
    if (value instanceof Double || value instanceof Float) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof BigInteger || value instanceof BigDecimal) {
      return value;
    }
    if (value instanceof double[]) {
      double[] a = (double[]) value;
      Object[] boxed = new Object[a.length];
      for (int i = 0; i < a.length; i++) {
        boxed[i] = a[i];
      }
      return List.of(boxed);
    }
    if (value instanceof Map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        if (!(e.getKey() instanceof String)) {
          throw new IllegalArgumentException(path + " has a non-string key: " + e.getKey());
        }
        String key = (String) e.getKey();
        copy.put(key, copyValue(e.getValue(), path + "." + key));
      }
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List) {
      List<?> list = (List<?>) value;
      Object[] copy = new Object[list.size()];
      for (int i = 0; i < copy.length; i++) {
        copy[i] = copyValue(list.get(i), path + "[" + i + "]");
      }
      return List.of(copy);
    }
    throw new IllegalArgumentException(
        path
            + " must be a string, boolean, number, list or map but was a "
            + value.getClass().getName());
  }

  /**
   * The Java value of a JSON node: as {@link #copyTree} holds it. A JSON {@code null} is reported
   * by the caller before this is called.
   */
  static Object fromNode(JsonNode node) {
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isArray()) {
      Object[] items = new Object[node.size()];
      for (int i = 0; i < items.length; i++) {
        items[i] = fromNode(node.get(i));
      }
      return List.of(items);
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        map.put(e.getKey(), fromNode(e.getValue()));
      }
      return Collections.unmodifiableMap(map);
    }
    throw new IllegalArgumentException("unsupported JSON node " + node.getNodeType());
  }

  /** The JSON node of a Java value held by a spec; maps keep their order. */
  static JsonNode toNode(Object value) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (value instanceof String) {
      return f.textNode((String) value);
    }
    if (value instanceof Boolean) {
      return f.booleanNode((Boolean) value);
    }
    if (value instanceof Long) {
      return f.numberNode((Long) value);
    }
    if (value instanceof Double) {
      return f.numberNode((Double) value);
    }
    if (value instanceof BigInteger) {
      return f.numberNode((BigInteger) value);
    }
    if (value instanceof BigDecimal) {
      return f.numberNode((BigDecimal) value);
    }
    if (value instanceof List) {
      ArrayNode a = f.arrayNode();
      for (Object o : (List<?>) value) {
        a.add(toNode(o));
      }
      return a;
    }
    if (value instanceof Map) {
      ObjectNode o = f.objectNode();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        o.set((String) e.getKey(), toNode(e.getValue()));
      }
      return o;
    }
    throw new IllegalArgumentException("cannot write a " + value.getClass().getName());
  }
}
