package dev.calibration.core.overrides;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calibration.core.internal.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns a suggestions file into bounded factor overrides: only whitelisted tables (default {@code
 * CONDITION_PRICE_FACTOR}), each factor clamped to the bounds (default {@code [0.5, 1.2]}), merged
 * over the existing overrides file and written atomically, or returned as before/after without
 * writing in a dry run.
 *
 * <p>Accepted suggestions formats: the run's {@code calibration_suggestions.json}, {@code
 * {"schema":1,"factors":{"TABLE":{"key":{"current":0.85,"suggested":0.79,"n":412}}}}} (a key may
 * also map straight to a number), or a flat {@code {"TABLE":{"key":0.79}}}.
 *
 * <p>Unlike loading, applying is an operator's command: an unreadable or invalid suggestions file
 * or existing overrides file is refused with an {@link OverridesException} naming the file, line
 * and field, and the existing overrides file is left untouched. Instances are immutable.
 */
public final class OverridesApply {
  /** The table allowed when none is named. */
  public static final String DEFAULT_TABLE = "CONDITION_PRICE_FACTOR";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Set<String> allowedTables;
  private final FactorBounds bounds;

  private OverridesApply(Set<String> allowedTables, FactorBounds bounds) {
    this.allowedTables = Set.copyOf(allowedTables);
    this.bounds = bounds;
  }

  /**
   * An applier with the defaults: table {@code CONDITION_PRICE_FACTOR}, bounds {@code [0.5, 1.2]}.
   */
  public static OverridesApply withDefaults() {
    return new OverridesApply(Set.of(DEFAULT_TABLE), FactorBounds.DEFAULT);
  }

  /** A copy allowing exactly {@code tables}. */
  public OverridesApply allowedTables(Set<String> tables) {
    Objects.requireNonNull(tables, "allowedTables must not be null");
    if (tables.isEmpty()) {
      throw new IllegalArgumentException(
          "allowedTables must name at least one table but was empty");
    }
    return new OverridesApply(tables, bounds);
  }

  /** A copy clamping to {@code bounds}. */
  public OverridesApply bounds(FactorBounds bounds) {
    return new OverridesApply(
        allowedTables, Objects.requireNonNull(bounds, "bounds must not be null"));
  }

  /**
   * One factor taken from the suggestions.
   *
   * @param table the table
   * @param key the key
   * @param before the value in the existing overrides file, if any
   * @param suggested the suggested value
   * @param after the value written, {@code suggested} clamped to the bounds
   */
  public record Change(
      String table, String key, Optional<Double> before, double suggested, double after) {
    /** Whether the suggestion lay outside the bounds. */
    public boolean clamped() {
      return Double.compare(suggested, after) != 0;
    }
  }

  /**
   * A suggestion that was not used.
   *
   * @param field the JSON path in the suggestions file
   * @param reason why
   */
  public record Skipped(String field, String reason) {}

  /**
   * What applying did (or, in a dry run, would do).
   *
   * @param target the overrides file
   * @param before its tables before
   * @param after its tables after
   * @param changes each factor taken from the suggestions
   * @param skipped each suggestion not used, with the reason
   * @param written whether the file was written (false in a dry run)
   */
  public record Result(
      Path target,
      Map<String, Map<String, Double>> before,
      Map<String, Map<String, Double>> after,
      List<Change> changes,
      List<Skipped> skipped,
      boolean written) {
    /** Copies the lists. */
    public Result {
      changes = List.copyOf(changes);
      skipped = List.copyOf(skipped);
    }
  }

  /**
   * Merges the suggestions into {@code overridesFile} and writes it atomically.
   *
   * @throws OverridesException if the suggestions or the existing overrides file cannot be read
   */
  public Result apply(Path suggestionsFile, Path overridesFile) {
    return run(suggestionsFile, overridesFile, false);
  }

  /**
   * Computes what {@link #apply} would write, without writing.
   *
   * @throws OverridesException if the suggestions or the existing overrides file cannot be read
   */
  public Result dryRun(Path suggestionsFile, Path overridesFile) {
    return run(suggestionsFile, overridesFile, true);
  }

  private Result run(Path suggestionsFile, Path overridesFile, boolean dryRun) {
    Objects.requireNonNull(suggestionsFile, "suggestionsFile must not be null");
    Objects.requireNonNull(overridesFile, "overridesFile must not be null");
    JsonNode suggestions = readObject(suggestionsFile, "CAL-OVR-010", "suggestions file");
    Map<String, Map<String, Double>> before = new TreeMap<>();
    if (Files.exists(overridesFile)) {
      JsonNode existing = readObject(overridesFile, "CAL-OVR-012", "existing overrides file");
      for (Iterator<Map.Entry<String, JsonNode>> it = existing.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> t = it.next();
        if (!t.getValue().isObject()) {
          throw new OverridesException(
              "CAL-OVR-012",
              overridesFile
                  + ": $."
                  + t.getKey()
                  + " must be an object of key to factor; fix or move the file aside");
        }
        Map<String, Double> table = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> kt = t.getValue().fields(); kt.hasNext(); ) {
          Map.Entry<String, JsonNode> k = kt.next();
          if (!k.getValue().isNumber()) {
            throw new OverridesException(
                "CAL-OVR-012",
                overridesFile
                    + ": $."
                    + t.getKey()
                    + "."
                    + k.getKey()
                    + " must be a number but is "
                    + k.getValue()
                    + "; fix or move the file aside");
          }
          table.put(k.getKey(), k.getValue().asDouble());
        }
        before.put(t.getKey(), table);
      }
    }
    JsonNode tables = suggestions;
    String prefix = "$";
    if (suggestions.has("factors")) {
      tables = suggestions.get("factors");
      prefix = "$.factors";
      if (!tables.isObject()) {
        throw new OverridesException(
            "CAL-OVR-011", suggestionsFile + ": " + prefix + " must be an object of tables");
      }
    }
    List<Change> changes = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    Map<String, Map<String, Double>> after = new TreeMap<>();
    before.forEach((k, v) -> after.put(k, new TreeMap<>(v)));
    for (Iterator<Map.Entry<String, JsonNode>> it = tables.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> t = it.next();
      String table = t.getKey();
      String path = prefix + "." + table;
      if (prefix.equals("$") && table.equals("schema") && t.getValue().isNumber()) {
        continue;
      }
      if (!allowedTables.contains(table)) {
        skipped.add(
            new Skipped(
                path,
                "table "
                    + table
                    + " is not allowed (allowed: "
                    + new TreeSet<>(allowedTables)
                    + ")"));
        continue;
      }
      if (!t.getValue().isObject()) {
        skipped.add(new Skipped(path, "must be an object of key to suggestion"));
        continue;
      }
      for (Iterator<Map.Entry<String, JsonNode>> kt = t.getValue().fields(); kt.hasNext(); ) {
        Map.Entry<String, JsonNode> k = kt.next();
        String keyPath = path + "." + k.getKey();
        JsonNode v = k.getValue();
        JsonNode number = v.isObject() ? v.get("suggested") : v;
        String field = v.isObject() ? keyPath + ".suggested" : keyPath;
        if (number == null || !number.isNumber() || !Double.isFinite(number.asDouble())) {
          skipped.add(
              new Skipped(
                  field,
                  "is not a finite number: " + (number == null ? "missing" : number.toString())));
          continue;
        }
        double suggested = number.asDouble();
        double value = bounds.clamp(suggested);
        Map<String, Double> target = after.computeIfAbsent(table, x -> new TreeMap<>());
        Map<String, Double> old = before.get(table);
        changes.add(
            new Change(
                table,
                k.getKey(),
                Optional.ofNullable(old == null ? null : old.get(k.getKey())),
                suggested,
                value));
        target.put(k.getKey(), value);
      }
    }
    if (!dryRun) {
      ObjectNode root = MAPPER.createObjectNode();
      after.forEach(
          (table, values) -> {
            ObjectNode t = root.putObject(table);
            values.forEach(t::put);
          });
      try {
        byte[] bytes = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        byte[] withNewline = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        withNewline[bytes.length] = '\n';
        AtomicFiles.write(overridesFile, withNewline);
      } catch (IOException e) {
        throw new OverridesException("CAL-OVR-013", "cannot write " + overridesFile + ": " + e, e);
      }
    }
    return new Result(overridesFile, freeze(before), freeze(after), changes, skipped, !dryRun);
  }

  private static JsonNode readObject(Path file, String code, String what) {
    if (Files.isDirectory(file)) {
      throw new OverridesException(code, what + " " + file + " is a directory");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new OverridesException(code, "cannot read " + what + " " + file + ": " + e, e);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null
              ? ""
              : String.format(
                  Locale.ROOT, " at line %d, column %d", at.getLineNr(), at.getColumnNr());
      throw new OverridesException(
          code,
          what + " " + file + " is not valid JSON" + where + ": " + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new OverridesException(code, "cannot read " + what + " " + file + ": " + e, e);
    }
    if (root == null || !root.isObject()) {
      throw new OverridesException(code, what + " " + file + ": $ must be a JSON object");
    }
    return root;
  }

  private static Map<String, Map<String, Double>> freeze(Map<String, Map<String, Double>> m) {
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    return Collections.unmodifiableMap(out);
  }
}
