package dev.calibration.core.config;

import dev.calibration.api.CalibrationMethod;
import dev.calibration.core.calibrate.CalibrationMethods;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a {@link CalibrationMethod} by the name a config uses. Stub it with a lambda in tests: {@code
 * name -> name.equals("platt") ? Optional.of(platt) : Optional.empty()}.
 */
@FunctionalInterface
public interface MethodResolver {

  /** The method registered under {@code name}, or empty when none is. */
  Optional<CalibrationMethod> resolve(String name);

  /**
   * The names this resolver knows, for error messages; empty when it cannot list them (a lambda).
   */
  default Set<String> names() {
    return Set.of();
  }

  /** A resolver over exactly these methods, keyed by {@link CalibrationMethod#name()}. */
  static MethodResolver of(Collection<? extends CalibrationMethod> methods) {
    Map<String, CalibrationMethod> byName = new LinkedHashMap<>();
    for (CalibrationMethod m : methods) {
      CalibrationMethod previous = byName.putIfAbsent(m.name(), m);
      if (previous != null) {
        throw new IllegalArgumentException(
            "two methods are named \""
                + m.name()
                + "\": "
                + previous.getClass().getName()
                + " and "
                + m.getClass().getName());
      }
    }
    Set<String> names = Set.copyOf(byName.keySet());
    return new MethodResolver() {
      @Override
      public Optional<CalibrationMethod> resolve(String name) {
        return Optional.ofNullable(byName.get(name));
      }

      @Override
      public Set<String> names() {
        return names;
      }
    };
  }

  /** A resolver over exactly these methods. */
  static MethodResolver of(CalibrationMethod... methods) {
    return of(List.of(methods));
  }

  /**
   * A resolver over the methods of {@code methods}: its {@link CalibrationMethods#lookup} and
   * {@link CalibrationMethods#names()}.
   */
  static MethodResolver of(CalibrationMethods methods) {
    Set<String> names = Set.copyOf(methods.names());
    return new MethodResolver() {
      @Override
      public Optional<CalibrationMethod> resolve(String name) {
        return methods.lookup(name);
      }

      @Override
      public Set<String> names() {
        return names;
      }
    };
  }

  /**
   * A resolver over every {@link CalibrationMethod} that {@link CalibrationMethods#discover()}
   * finds on the class path (a provider that fails to load is logged and skipped, as {@code
   * CalibrationMethods} documents). Each call discovers afresh; keep the result.
   */
  static MethodResolver serviceLoader() {
    return of(CalibrationMethods.discover());
  }
}
