package dev.calibration.core.config;

import dev.calibration.core.calibrate.CalibrationMethods;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A calibration config, format version 1: what a proposal carries, the registry activates and the
 * loader reads.
 *
 * <pre>{@code
 * {"schema":1,"version":"cal-20261123-101500-3f9a2c","created_at":"2026-11-23T10:15:00Z",
 *  "approved_by":"ana","audit_head":{"seq":7,"hash":"9c1f.."},
 *  "calibrators":{"sell_p60":{"default":{"method":"isotonic","x":[..],"y":[..]},
 *                 "segments":[{"match":{"condition":"new"},
 *                              "calibrator":{"method":"platt","a":-1.6,"b":0.4}}]}},
 *  "factors":{"CONDITION_PRICE_FACTOR":{"new":0.99,"used_good":0.88}},
 *  "bounds":{"CONDITION_PRICE_FACTOR":{"min":0.5,"max":1.2}},
 *  "weights":{"main":{"xgb":0.274,"lgbm":0.326,"nhits":0.2,"patchtst":0.2}}}
 * }</pre>
 *
 * <p>Immutable; maps are unmodifiable copies in their given order. The record holds what a
 * document says: {@link #parse} rejects what is structurally wrong, and {@link #validate} reports
 * what is wrong in substance (unknown methods, non-finite numbers, unsorted isotonic thresholds,
 * weights not summing to one, factors outside their bounds), every problem at once with its JSON
 * path. {@link #toJson()} writes the canonical form, and {@code parse(toJson(c))} equals {@code c}.
 *
 * @param schema the format version; this library reads {@value #SCHEMA}
 * @param version the config's version id, stamped on every prediction made with it; not blank
 * @param createdAt when the config was made, if recorded
 * @param approvedBy who approved it, if recorded
 * @param calibrators per target name, its calibrators
 * @param factors per table name (e.g. {@code CONDITION_PRICE_FACTOR}), factors by key
 * @param bounds per table name, the bounds its factors are clamped to; a table without bounds uses
 *     {@link FactorBounds#DEFAULT}
 * @param weights per ensemble name (e.g. {@code main}), member weights summing to one
 * @param auditHead the registry's audit-log event that activated this config, if stamped
 */
public record CalibrationConfig(
    int schema,
    String version,
    Optional<Instant> createdAt,
    Optional<String> approvedBy,
    Map<String, TargetCalibrators> calibrators,
    Map<String, Map<String, Double>> factors,
    Map<String, FactorBounds> bounds,
    Map<String, Map<String, Double>> weights,
    Optional<AuditHead> auditHead) {

  /** The format version this library reads and writes. */
  public static final int SCHEMA = 1;

  /** Checks that nothing is null and makes unmodifiable copies of the maps. */
  public CalibrationConfig {
    Objects.requireNonNull(version, "version must not be null");
    if (version.isBlank()) {
      throw new IllegalArgumentException("version must not be blank");
    }
    Objects.requireNonNull(createdAt, "createdAt must not be null");
    Objects.requireNonNull(approvedBy, "approvedBy must not be null");
    Objects.requireNonNull(auditHead, "auditHead must not be null");
    calibrators = copy(calibrators, "calibrators");
    factors = copyTables(factors, "factors");
    bounds = copy(bounds, "bounds");
    weights = copyTables(weights, "weights");
  }

  /** An empty config of this version: no calibrators, factors, bounds or weights. */
  public static CalibrationConfig empty(String version) {
    return new CalibrationConfig(
        SCHEMA,
        version,
        Optional.empty(),
        Optional.empty(),
        Map.of(),
        Map.of(),
        Map.of(),
        Map.of(),
        Optional.empty());
  }

  /**
   * Parses a document, checking its structure (not its substance: see {@link #validate}).
   *
   * @param content the UTF-8 JSON document
   * @param sourceName where it came from, for messages (a file path, a URL)
   * @throws ConfigException when the JSON is malformed or a field is missing or of the wrong type,
   *     listing every such problem with its JSON path (and line and column for malformed JSON)
   */
  public static CalibrationConfig parse(byte[] content, String sourceName) {
    return ConfigReader.read(content, sourceName).orThrow();
  }

  /**
   * Parses and validates a document in one pass, returning every problem of both kinds: what
   * {@link #parse} would reject, unknown keys (warnings), and what {@link #validate} finds.
   */
  public static ConfigValidation check(byte[] content, String sourceName, MethodResolver methods) {
    ConfigValidation parsed = ConfigReader.read(content, sourceName);
    if (parsed.config().isEmpty()) {
      return parsed;
    }
    ConfigValidation checked = parsed.config().get().validate(methods, sourceName);
    List<ConfigProblem> all = new ArrayList<>(parsed.problems());
    all.addAll(checked.problems());
    return new ConfigValidation(sourceName, parsed.config(), all);
  }

  /**
   * Checks the substance of this config and returns every problem at once: the schema version,
   * known methods (through {@code methods}) whose {@code restore} accepts the parameters, finite
   * numbers, non-decreasing isotonic thresholds, one match per segment rule, weights in {@code [0,
   * 1]} summing to one within 0.001, positive bounds with
   * {@code min <= max}, and positive finite factors (a factor outside its bounds is a warning: it
   * is clamped when used).
   */
  public ConfigValidation validate(MethodResolver methods) {
    return validate(methods, "config " + version);
  }

  /** As {@link #validate(MethodResolver)} with the methods of {@code methods}. */
  public ConfigValidation validate(CalibrationMethods methods) {
    return validate(MethodResolver.of(methods));
  }

  /** As {@link #check(byte[], String, MethodResolver)} with the methods of {@code methods}. */
  public static ConfigValidation check(
      byte[] content, String sourceName, CalibrationMethods methods) {
    return check(content, sourceName, MethodResolver.of(methods));
  }

  /** As {@link #validate(MethodResolver)}, naming the source in the result. */
  public ConfigValidation validate(MethodResolver methods, String sourceName) {
    return new ConfigValidation(
        sourceName, Optional.of(this), new ConfigValidator(methods).validate(this));
  }

  /**
   * The canonical JSON document: UTF-8, two-space indentation, fields in format order, object
   * keys sorted (a calibrator's {@code "method"} first), one trailing newline. The same config
   * always gives the same bytes.
   */
  public byte[] toJson() {
    return ConfigWriter.write(this);
  }

  /** The bounds of {@code table}: the config's, or {@link FactorBounds#DEFAULT}. */
  public FactorBounds boundsOf(String table) {
    return bounds.getOrDefault(table, FactorBounds.DEFAULT);
  }

  private static <V> Map<String, V> copy(Map<String, V> map, String field) {
    Objects.requireNonNull(map, () -> field + " must not be null");
    Map<String, V> copy = new LinkedHashMap<>();
    map.forEach(
        (k, v) ->
            copy.put(
                Objects.requireNonNull(k, () -> field + " key must not be null"),
                Objects.requireNonNull(v, () -> field + "." + k + " must not be null")));
    return Collections.unmodifiableMap(copy);
  }

  private static Map<String, Map<String, Double>> copyTables(
      Map<String, Map<String, Double>> tables, String field) {
    Objects.requireNonNull(tables, () -> field + " must not be null");
    Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
    tables.forEach(
        (k, v) ->
            copy.put(
                Objects.requireNonNull(k, () -> field + " key must not be null"),
                copy(v, field + "." + k)));
    return Collections.unmodifiableMap(copy);
  }
}
