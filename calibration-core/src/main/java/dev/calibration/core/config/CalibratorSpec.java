package dev.calibration.core.config;

import dev.calibration.api.CalibrationMethod;
import dev.calibration.api.Calibrator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One calibrator as a config names it: the method's registered name and the parameters its {@link
 * CalibrationMethod#restore(Map)} takes. In JSON it is one object: {@code {"method":"platt",
 * "a":-1.6,"b":0.4}}.
 *
 * @param method the method name, e.g. {@code "isotonic"}; not blank
 * @param parameters the method's parameters without {@code "method"}, as JSON-like values
 *     (strings, booleans, {@link Long}, {@link Double}, lists and maps); an unmodifiable deep copy
 */
public record CalibratorSpec(String method, Map<String, Object> parameters) {

  /** Checks the fields and copies the parameters deeply. */
  public CalibratorSpec {
    Objects.requireNonNull(method, "method must not be null");
    if (method.isBlank()) {
      throw new IllegalArgumentException("method must not be blank");
    }
    parameters = Json.copyTree(Objects.requireNonNull(parameters, "parameters must not be null"));
    if (parameters.containsKey("method")) {
      throw new IllegalArgumentException("parameters must not repeat the key \"method\"");
    }
  }

  /** The spec of a fitted calibrator: its {@link Calibrator#method()} and parameters. */
  public static CalibratorSpec of(Calibrator calibrator) {
    return new CalibratorSpec(calibrator.method(), calibrator.parameters());
  }

  /** The numbers of the list parameter {@code name}, when it is a list of numbers. */
  Optional<double[]> numbers(String name) {
    Object v = parameters.get(name);
    if (!(v instanceof List)) {
      return Optional.empty();
    }
    List<?> list = (List<?>) v;
    double[] out = new double[list.size()];
    for (int i = 0; i < out.length; i++) {
      if (!(list.get(i) instanceof Number)) {
        return Optional.empty();
      }
      out[i] = ((Number) list.get(i)).doubleValue();
    }
    return Optional.of(out);
  }

  /** The method name followed by the parameters, as one JSON-like map. */
  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", method);
    m.putAll(parameters);
    return Collections.unmodifiableMap(m);
  }
}
