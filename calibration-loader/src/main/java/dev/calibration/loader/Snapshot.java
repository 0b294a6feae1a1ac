package dev.calibration.loader;

import dev.calibration.api.CalibrationMethod;
import dev.calibration.api.CalibrationSnapshot;
import dev.calibration.api.Calibrator;
import dev.calibration.api.SegmentKey;
import dev.calibration.core.calibrate.IdentityMethod;
import dev.calibration.core.config.CalibrationConfig;
import dev.calibration.core.config.CalibratorSpec;
import dev.calibration.core.config.FactorBounds;
import dev.calibration.core.config.MethodResolver;
import dev.calibration.core.config.SegmentRule;
import dev.calibration.core.config.TargetCalibrators;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The loader's {@link CalibrationSnapshot}: built completely before it is published, immutable
 * after (see {@link TargetTable} for its one memo). Target names are interned so that a host
 * passing a string literal finds its target by reference comparison.
 */
final class Snapshot implements CalibrationSnapshot {

  private final Optional<String> version;
  private final HashMap<String, TargetTable> targets;

  /**
   * The interned target names and their tables, scanned by reference before the hash map: a host
   * passing a string literal (interned by the JVM) finds its target without hashing or comparing
   * characters. A name built at run time falls through to the map.
   */
  private final String[] names;

  private final TargetTable[] tables;
  private final Map<String, Map<String, Double>> factors;
  private final Map<String, Map<String, Double>> weights;

  private Snapshot(
      Optional<String> version,
      HashMap<String, TargetTable> targets,
      Map<String, Map<String, Double>> factors,
      Map<String, Map<String, Double>> weights) {
    this.version = version;
    this.targets = targets;
    this.names = targets.keySet().toArray(new String[0]);
    this.tables = new TargetTable[names.length];
    for (int i = 0; i < names.length; i++) {
      tables[i] = targets.get(names[i]);
    }
    this.factors = factors;
    this.weights = weights;
  }

  /** A snapshot of defaults only: no version, identity calibrators, the default factors. */
  static Snapshot defaults(Map<String, Map<String, Double>> factorDefaults) {
    return new Snapshot(
        Optional.empty(),
        new HashMap<>(),
        mergeFactors(factorDefaults, CalibrationConfig.empty("defaults")),
        Map.of());
  }

  /**
   * A snapshot of a config, restoring each calibrator through {@code methods}.
   *
   * @throws IllegalArgumentException when a method is unknown or rejects its parameters, naming the
   *     target and segment
   */
  static Snapshot of(
      CalibrationConfig config,
      MethodResolver methods,
      Map<String, Map<String, Double>> factorDefaults) {
    HashMap<String, TargetTable> targets = new HashMap<>();
    for (Map.Entry<String, TargetCalibrators> e : config.calibrators().entrySet()) {
      String target = e.getKey();
      TargetCalibrators t = e.getValue();
      Calibrator fallback =
          t.defaultCalibrator()
              .map(s -> restore(s, methods, target + " default"))
              .orElse(IdentityMethod.calibrator());
      List<TargetTable.Rule> rules = new ArrayList<>();
      for (SegmentRule r : t.segments()) {
        rules.add(
            new TargetTable.Rule(
                SegmentKey.of(r.match()),
                restore(r.calibrator(), methods, target + " segment " + r.match())));
      }
      targets.put(target.intern(), new TargetTable(fallback, rules));
    }
    Map<String, Map<String, Double>> weights = new HashMap<>();
    config.weights().forEach((k, v) -> weights.put(k.intern(), Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    return new Snapshot(
        Optional.of(config.version()),
        targets,
        mergeFactors(factorDefaults, config),
        Collections.unmodifiableMap(weights));
  }

  /** A snapshot with one calibrator per target and nothing else. */
  static Snapshot ofCalibrators(String version, Map<String, Calibrator> calibrators) {
    if (version.isBlank()) {
      throw new IllegalArgumentException("version must not be blank");
    }
    HashMap<String, TargetTable> targets = new HashMap<>();
    calibrators.forEach(
        (t, c) ->
            targets.put(
                t.intern(),
                new TargetTable(
                    java.util.Objects.requireNonNull(c, () -> "calibrator of " + t + " must not be null"),
                    List.of())));
    return new Snapshot(Optional.of(version), targets, Map.of(), Map.of());
  }

  private static Calibrator restore(CalibratorSpec spec, MethodResolver methods, String where) {
    CalibrationMethod m =
        methods
            .resolve(spec.method())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown method \"" + spec.method() + "\" for " + where));
    try {
      return m.restore(spec.parameters());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "method \"" + spec.method() + "\" rejects the parameters of " + where + ": " + e.getMessage(),
          e);
    }
  }

  /** Defaults merged with the config's factors (the config wins), every value clamped. */
  private static Map<String, Map<String, Double>> mergeFactors(
      Map<String, Map<String, Double>> defaults, CalibrationConfig config) {
    Set<String> tables = new TreeSet<>(defaults.keySet());
    tables.addAll(config.factors().keySet());
    Map<String, Map<String, Double>> out = new HashMap<>();
    for (String table : tables) {
      FactorBounds b = config.boundsOf(table);
      Map<String, Double> merged = new LinkedHashMap<>();
      defaults.getOrDefault(table, Map.of()).forEach((k, v) -> merged.put(k, b.clamp(v)));
      config.factors().getOrDefault(table, Map.of()).forEach((k, v) -> merged.put(k, b.clamp(v)));
      out.put(table.intern(), Collections.unmodifiableMap(merged));
    }
    return Collections.unmodifiableMap(out);
  }

  @Override
  public Optional<String> version() {
    return version;
  }

  private TargetTable table(String target) {
    String[] n = names;
    for (int i = 0; i < n.length; i++) {
      if (n[i] == target) { // by reference on purpose: see the field comment
        return tables[i];
      }
    }
    return targets.get(target);
  }

  @Override
  public Calibrator calibrator(String target, SegmentKey segment) {
    TargetTable t = table(target);
    return t == null ? IdentityMethod.calibrator() : t.resolve(segment);
  }

  @Override
  public double calibrate(String target, SegmentKey segment, double score) {
    TargetTable t = table(target);
    return t == null ? score : t.resolve(segment).apply(score);
  }

  @Override
  public Set<String> targets() {
    return Collections.unmodifiableSet(targets.keySet());
  }

  @Override
  public double factor(String table, String key) {
    Map<String, Double> t = factors.get(table);
    if (t == null) {
      return 1.0;
    }
    Double f = t.get(key);
    return f == null ? 1.0 : f;
  }

  @Override
  public Map<String, Double> factors(String table) {
    return factors.getOrDefault(table, Map.of());
  }

  @Override
  public Map<String, Double> weights(String ensemble) {
    return weights.getOrDefault(ensemble, Map.of());
  }

  @Override
  public String toString() {
    return "CalibrationSnapshot[" + version.orElse("defaults") + ", targets " + new TreeSet<>(targets.keySet()) + "]";
  }
}
