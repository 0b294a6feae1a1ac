package dev.calibration.core.overrides;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Factor tables (e.g. {@code CONDITION_PRICE_FACTOR -> {used_good -> 0.88}}) as a host uses them:
 * its defaults, with bounded overrides from an opt-in file merged over them.
 *
 * <p>The overrides file is a JSON object of table names to key/factor maps: {@code
 * {"CONDITION_PRICE_FACTOR": {"used_good": 0.85}}}. Loading is opt-in and never throws because of
 * the file: no variable or property, or no file, gives the defaults unchanged; only whitelisted
 * tables are read; each factor is clamped to the bounds even if someone hand-edited the file; an
 * unknown table or a non-numeric value is ignored with one SLF4J warning each; an unreadable or
 * invalid file gives the defaults with one warning. The result says what was applied and what was
 * ignored, each ignored item with its stable {@code CAL-OVR} code.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class FactorOverrides {
  private static final Logger LOG = LoggerFactory.getLogger(FactorOverrides.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** How loading went. */
  public enum Status {
    /** No variable, property or path was given: the defaults, unchanged. */
    NOT_CONFIGURED,
    /** The path names no file: the defaults, unchanged ({@code CAL-OVR-001}). */
    MISSING,
    /** The file was read; {@link #applied()} and {@link #ignored()} say what came of it. */
    LOADED,
    /**
     * The file could not be used (a directory, unreadable, invalid JSON): the defaults, unchanged.
     */
    FAILED
  }

  /**
   * One override merged over the defaults.
   *
   * @param table the table name
   * @param key the key within the table
   * @param requested the value in the file
   * @param value the value used, {@code requested} clamped to the bounds
   */
  public record Applied(String table, String key, double requested, double value) {
    /** Whether the requested value lay outside the bounds. */
    public boolean clamped() {
      return Double.compare(requested, value) != 0;
    }
  }

  /**
   * Something in (or about) the overrides file that was not used.
   *
   * @param location the file, or the file and JSON path (e.g. {@code overrides.json: $.FOO})
   * @param reason why it was ignored
   * @param code the stable {@code CAL-OVR} code
   */
  public record Ignored(String location, String reason, String code) {}

  private final Map<String, Map<String, Double>> factors;
  private final List<Applied> applied;
  private final List<Ignored> ignored;
  private final Status status;
  private final @Nullable Path source;

  private FactorOverrides(
      Map<String, Map<String, Double>> factors,
      List<Applied> applied,
      List<Ignored> ignored,
      Status status,
      @Nullable Path source) {
    this.factors = factors;
    this.applied = List.copyOf(applied);
    this.ignored = List.copyOf(ignored);
    this.status = status;
    this.source = source;
  }

  /**
   * Loads the overrides file named by the environment variable {@code variable}, e.g. {@code
   * LOTGENIUS_CALIBRATION_OVERRIDES}.
   *
   * @param variable the environment variable holding the file's path
   * @param defaults the host's tables; returned unchanged when nothing is configured
   * @param allowedTables the only table names read from the file
   * @param bounds the interval every overriding factor is clamped to
   */
  public static FactorOverrides fromEnv(
      String variable,
      Map<String, Map<String, Double>> defaults,
      Set<String> allowedTables,
      FactorBounds bounds) {
    return fromEnv(variable, defaults, allowedTables, bounds, System::getenv);
  }

  /**
   * As {@link #fromEnv(String, Map, Set, FactorBounds)}, looking the variable up with {@code
   * environment} (for tests).
   */
  public static FactorOverrides fromEnv(
      String variable,
      Map<String, Map<String, Double>> defaults,
      Set<String> allowedTables,
      FactorBounds bounds,
      Function<String, @Nullable String> environment) {
    Objects.requireNonNull(variable, "variable must not be null");
    Objects.requireNonNull(environment, "environment must not be null");
    return fromSetting(
        "environment variable " + variable,
        environment.apply(variable),
        defaults,
        allowedTables,
        bounds);
  }

  /** Loads the overrides file named by the system property {@code property}. */
  public static FactorOverrides fromSystemProperty(
      String property,
      Map<String, Map<String, Double>> defaults,
      Set<String> allowedTables,
      FactorBounds bounds) {
    Objects.requireNonNull(property, "property must not be null");
    return fromSetting(
        "system property " + property,
        System.getProperty(property),
        defaults,
        allowedTables,
        bounds);
  }

  /** Loads the overrides file {@code file}. */
  public static FactorOverrides fromFile(
      Path file,
      Map<String, Map<String, Double>> defaults,
      Set<String> allowedTables,
      FactorBounds bounds) {
    Objects.requireNonNull(file, "file must not be null");
    return load(
        file,
        copy(defaults),
        Set.copyOf(allowedTables),
        Objects.requireNonNull(bounds, "bounds must not be null"));
  }

  /** The defaults alone, as when nothing is configured. */
  public static FactorOverrides defaults(Map<String, Map<String, Double>> defaults) {
    return new FactorOverrides(
        freeze(copy(defaults)), List.of(), List.of(), Status.NOT_CONFIGURED, null);
  }

  private static FactorOverrides fromSetting(
      String setting,
      @Nullable String value,
      Map<String, Map<String, Double>> defaults,
      Set<String> allowedTables,
      FactorBounds bounds) {
    Map<String, Map<String, Double>> base = copy(defaults);
    Objects.requireNonNull(bounds, "bounds must not be null");
    Set<String> allowed = Set.copyOf(allowedTables);
    if (value == null || value.isBlank()) {
      return new FactorOverrides(freeze(base), List.of(), List.of(), Status.NOT_CONFIGURED, null);
    }
    Path file;
    try {
      file = Path.of(value.trim());
    } catch (InvalidPathException e) {
      Ignored i =
          new Ignored(
              setting, "\"" + value + "\" is not a valid path: " + e.getReason(), "CAL-OVR-002");
      warn(i);
      return new FactorOverrides(freeze(base), List.of(), List.of(i), Status.FAILED, null);
    }
    return load(file, base, allowed, bounds);
  }

  private static FactorOverrides load(
      Path file, Map<String, Map<String, Double>> base, Set<String> allowed, FactorBounds bounds) {
    List<Ignored> ignored = new ArrayList<>();
    try {
      if (Files.isDirectory(file)) {
        return failed(
            base,
            file,
            new Ignored(file.toString(), "is a directory, not an overrides file", "CAL-OVR-002"));
      }
      if (!Files.exists(file)) {
        Ignored i =
            new Ignored(file.toString(), "does not exist; using the defaults", "CAL-OVR-001");
        warn(i);
        return new FactorOverrides(freeze(base), List.of(), List.of(i), Status.MISSING, file);
      }
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        return failed(
            base, file, new Ignored(file.toString(), "cannot be read: " + e, "CAL-OVR-003"));
      }
      JsonNode root;
      try {
        root = MAPPER.readTree(bytes);
      } catch (JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where =
            at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return failed(
            base,
            file,
            new Ignored(
                file.toString(),
                "is not valid JSON" + where + ": " + e.getOriginalMessage(),
                "CAL-OVR-004"));
      }
      if (root == null || !root.isObject()) {
        return failed(
            base,
            file,
            new Ignored(
                file.toString(),
                "must be a JSON object of tables, e.g."
                    + " {\"CONDITION_PRICE_FACTOR\":{\"used_good\":0.85}}",
                "CAL-OVR-004"));
      }
      List<Applied> applied = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> tables = root.fields(); tables.hasNext(); ) {
        Map.Entry<String, JsonNode> t = tables.next();
        String table = t.getKey();
        String location = file + ": $." + table;
        if (!allowed.contains(table)) {
          ignored.add(
              warn(
                  new Ignored(
                      location,
                      "table "
                          + table
                          + " is not allowed (allowed: "
                          + new java.util.TreeSet<>(allowed)
                          + ")",
                      "CAL-OVR-005")));
          continue;
        }
        if (!t.getValue().isObject()) {
          ignored.add(
              warn(
                  new Ignored(
                      location,
                      "must be an object of key to factor but is "
                          + t.getValue().getNodeType().name().toLowerCase(Locale.ROOT),
                      "CAL-OVR-006")));
          continue;
        }
        Map<String, Double> target = base.computeIfAbsent(table, k -> new LinkedHashMap<>());
        for (Iterator<Map.Entry<String, JsonNode>> keys = t.getValue().fields(); keys.hasNext(); ) {
          Map.Entry<String, JsonNode> k = keys.next();
          JsonNode v = k.getValue();
          String keyLocation = location + "." + k.getKey();
          if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            ignored.add(
                warn(new Ignored(keyLocation, "is not a finite number: " + v, "CAL-OVR-006")));
            continue;
          }
          double requested = v.asDouble();
          double value = bounds.clamp(requested);
          Applied a = new Applied(table, k.getKey(), requested, value);
          if (a.clamped()) {
            LOG.warn(
                "CAL-OVR-007: {}: {} is outside [{}, {}]; clamped to {}",
                keyLocation,
                fmt(requested),
                fmt(bounds.min()),
                fmt(bounds.max()),
                fmt(value));
          }
          target.put(k.getKey(), value);
          applied.add(a);
        }
      }
      return new FactorOverrides(freeze(base), applied, ignored, Status.LOADED, file);
    } catch (RuntimeException | IOException e) {
      // Last line of defence: the host must never see an exception from its overrides file.
      return failed(
          base, file, new Ignored(file.toString(), "could not be loaded: " + e, "CAL-OVR-003"));
    }
  }

  private static FactorOverrides failed(
      Map<String, Map<String, Double>> base, Path file, Ignored why) {
    warn(why);
    return new FactorOverrides(freeze(base), List.of(), List.of(why), Status.FAILED, file);
  }

  private static Ignored warn(Ignored i) {
    LOG.warn("{}: {} {}; ignored", i.code(), i.location(), i.reason());
    return i;
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%s", d);
  }

  private static Map<String, Map<String, Double>> copy(Map<String, Map<String, Double>> defaults) {
    Objects.requireNonNull(defaults, "defaults must not be null");
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Double>> e : defaults.entrySet()) {
      out.put(e.getKey(), new LinkedHashMap<>(e.getValue()));
    }
    return out;
  }

  private static Map<String, Map<String, Double>> freeze(Map<String, Map<String, Double>> m) {
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Double>> e : m.entrySet()) {
      out.put(e.getKey(), Collections.unmodifiableMap(new LinkedHashMap<>(e.getValue())));
    }
    return Collections.unmodifiableMap(out);
  }

  /** The merged tables: defaults with the applied overrides over them. Unmodifiable. */
  public Map<String, Map<String, Double>> factors() {
    return factors;
  }

  /** The factor for {@code key} in {@code table}, if present. */
  public OptionalDouble factor(String table, String key) {
    Map<String, Double> t = factors.get(table);
    Double v = t == null ? null : t.get(key);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  /** The overrides merged over the defaults, in file order. */
  public List<Applied> applied() {
    return applied;
  }

  /** What was not used, and why, in file order. */
  public List<Ignored> ignored() {
    return ignored;
  }

  /** How loading went. */
  public Status status() {
    return status;
  }

  /** The overrides file, when one was named. */
  public Optional<Path> source() {
    return Optional.ofNullable(source);
  }

  /** A one-line summary, e.g. for a host's start-up log. */
  @Override
  public String toString() {
    return "FactorOverrides["
        + status
        + (source == null ? "" : " " + source)
        + ", applied="
        + applied.size()
        + ", ignored="
        + ignored.size()
        + "]";
  }
}
