package dev.calibration.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a version-1 config document into a {@link CalibrationConfig}, collecting every structural
 * problem (malformed JSON, a missing or mistyped field, an unknown key) instead of stopping at the
 * first. Semantic checks are {@link ConfigValidator}'s.
 *
 * <p>One instance reads one document; not thread-safe.
 */
final class ConfigReader {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final Set<String> TOP_KEYS =
      Set.of(
          "schema",
          "version",
          "created_at",
          "approved_by",
          "audit_head",
          "calibrators",
          "factors",
          "bounds",
          "weights");
  private static final Set<String> TARGET_KEYS = Set.of("default", "segments");
  private static final Set<String> SEGMENT_KEYS = Set.of("match", "calibrator");
  private static final Set<String> BOUNDS_KEYS = Set.of("min", "max");
  private static final Set<String> AUDIT_KEYS = Set.of("seq", "hash");

  private final List<ConfigProblem> problems = new ArrayList<>();
  private int errors;

  private ConfigReader() {}

  /** The parsed config (empty when any error was found) and every problem found. */
  static ConfigValidation read(byte[] content, String source) {
    ConfigReader r = new ConfigReader();
    Optional<CalibrationConfig> config = r.document(content);
    return new ConfigValidation(source, r.errors == 0 ? config : Optional.empty(), r.problems);
  }

  private Optional<CalibrationConfig> document(byte[] content) {
    JsonNode root;
    try {
      root = MAPPER.readTree(content);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      String why = e.getOriginalMessage();
      int marker = why.indexOf(" (start marker at");
      error(
          "CAL-CFG-001",
          "$",
          "malformed JSON" + where + ": " + (marker < 0 ? why : why.substring(0, marker)));
      return Optional.empty();
    } catch (IOException e) {
      error("CAL-CFG-001", "$", "unreadable JSON: " + e.getMessage());
      return Optional.empty();
    }
    if (root == null || root.isMissingNode()) {
      error("CAL-CFG-001", "$", "the document is empty; expected a JSON object");
      return Optional.empty();
    }
    if (!root.isObject()) {
      error("CAL-CFG-001", "$", "expected a JSON object but found " + kind(root));
      return Optional.empty();
    }
    unknownKeys(root, "$", TOP_KEYS);

    Integer schema = null;
    JsonNode s = root.get("schema");
    if (s == null) {
      error("CAL-CFG-002", "$.schema", "is missing; version-1 documents start with \"schema\":1");
    } else if (!s.isIntegralNumber() || !s.canConvertToInt()) {
      error("CAL-CFG-002", "$.schema", "must be an integer but was " + kind(s));
    } else {
      schema = s.intValue();
    }
    String version = requiredString(root, "version", "$.version");
    Optional<Instant> createdAt = optionalInstant(root, "created_at", "$.created_at");
    Optional<String> approvedBy = optionalString(root, "approved_by", "$.approved_by");
    Optional<AuditHead> auditHead = auditHead(root.get("audit_head"));

    Map<String, TargetCalibrators> calibrators = new LinkedHashMap<>();
    JsonNode cal = object(root, "calibrators", "$.calibrators");
    if (cal != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = cal.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        TargetCalibrators t = target(e.getValue(), Paths.child("$.calibrators", e.getKey()));
        if (t != null) {
          calibrators.put(e.getKey(), t);
        }
      }
    }
    Map<String, Map<String, Double>> factors = numberTables(root, "factors");
    Map<String, FactorBounds> bounds = new LinkedHashMap<>();
    JsonNode b = object(root, "bounds", "$.bounds");
    if (b != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String path = Paths.child("$.bounds", e.getKey());
        if (!e.getValue().isObject()) {
          error("CAL-CFG-002", path, "must be an object {\"min\":..,\"max\":..} but was " + kind(e.getValue()));
          continue;
        }
        unknownKeys(e.getValue(), path, BOUNDS_KEYS);
        Double min = requiredNumber(e.getValue(), "min", path + ".min");
        Double max = requiredNumber(e.getValue(), "max", path + ".max");
        if (min != null && max != null) {
          bounds.put(e.getKey(), new FactorBounds(min, max));
        }
      }
    }
    Map<String, Map<String, Double>> weights = numberTables(root, "weights");

    if (errors > 0 || schema == null || version == null) {
      return Optional.empty();
    }
    return Optional.of(
        new CalibrationConfig(
            schema,
            version,
            createdAt,
            approvedBy,
            calibrators,
            factors,
            bounds,
            weights,
            auditHead));
  }

  private Optional<AuditHead> auditHead(@Nullable JsonNode n) {
    if (n == null) {
      return Optional.empty();
    }
    String path = "$.audit_head";
    if (!n.isObject()) {
      error("CAL-CFG-002", path, "must be an object {\"seq\":..,\"hash\":..} but was " + kind(n));
      return Optional.empty();
    }
    unknownKeys(n, path, AUDIT_KEYS);
    JsonNode seq = n.get("seq");
    JsonNode hash = n.get("hash");
    boolean ok = true;
    if (seq == null || !seq.isIntegralNumber() || !seq.canConvertToLong() || seq.longValue() < 0) {
      error("CAL-CFG-002", path + ".seq", seq == null ? "is missing" : "must be an integer >= 0 but was " + kind(seq));
      ok = false;
    }
    if (hash == null || !hash.isTextual() || hash.textValue().isBlank()) {
      error("CAL-CFG-002", path + ".hash", hash == null ? "is missing" : "must be a non-blank string but was " + kind(hash));
      ok = false;
    }
    return ok ? Optional.of(new AuditHead(seq.longValue(), hash.textValue())) : Optional.empty();
  }

  private @Nullable TargetCalibrators target(JsonNode node, String path) {
    if (!node.isObject()) {
      error("CAL-CFG-002", path, "must be an object {\"default\":..,\"segments\":[..]} but was " + kind(node));
      return null;
    }
    unknownKeys(node, path, TARGET_KEYS);
    Optional<CalibratorSpec> def = Optional.empty();
    JsonNode d = node.get("default");
    if (d != null) {
      def = Optional.ofNullable(spec(d, path + ".default"));
    }
    List<SegmentRule> rules = new ArrayList<>();
    JsonNode segs = node.get("segments");
    if (segs != null && !segs.isArray()) {
      error("CAL-CFG-002", path + ".segments", "must be an array but was " + kind(segs));
    } else if (segs != null) {
      for (int i = 0; i < segs.size(); i++) {
        SegmentRule r = segment(segs.get(i), path + ".segments[" + i + "]");
        if (r != null) {
          rules.add(r);
        }
      }
    }
    return new TargetCalibrators(def, rules);
  }

  private @Nullable SegmentRule segment(JsonNode node, String path) {
    if (!node.isObject()) {
      error("CAL-CFG-002", path, "must be an object {\"match\":{..},\"calibrator\":{..}} but was " + kind(node));
      return null;
    }
    unknownKeys(node, path, SEGMENT_KEYS);
    Map<String, String> match = new LinkedHashMap<>();
    JsonNode m = node.get("match");
    boolean ok = true;
    if (m == null) {
      error("CAL-CFG-002", path + ".match", "is missing; name the segment attributes, e.g. {\"condition\":\"new\"}");
      ok = false;
    } else if (!m.isObject() || m.isEmpty()) {
      error("CAL-CFG-002", path + ".match", "must be a non-empty object of attribute names to values but was " + kind(m));
      ok = false;
    } else {
      for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isTextual()) {
          error("CAL-CFG-002", Paths.child(path + ".match", e.getKey()), "must be a string but was " + kind(e.getValue()));
          ok = false;
        } else {
          match.put(e.getKey(), e.getValue().textValue());
        }
      }
    }
    JsonNode c = node.get("calibrator");
    CalibratorSpec spec = null;
    if (c == null) {
      error("CAL-CFG-002", path + ".calibrator", "is missing");
    } else {
      spec = spec(c, path + ".calibrator");
    }
    return ok && spec != null ? new SegmentRule(match, spec) : null;
  }

  private @Nullable CalibratorSpec spec(JsonNode node, String path) {
    if (!node.isObject()) {
      error("CAL-CFG-002", path, "must be an object {\"method\":..,...} but was " + kind(node));
      return null;
    }
    JsonNode method = node.get("method");
    boolean ok = true;
    if (method == null || !method.isTextual() || method.textValue().isBlank()) {
      error(
          "CAL-CFG-002",
          path + ".method",
          method == null ? "is missing; name a calibration method, e.g. \"isotonic\"" : "must be a non-blank string but was " + kind(method));
      ok = false;
    }
    Map<String, Object> params = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("method")) {
        continue;
      }
      String p = Paths.child(path, e.getKey());
      String nullAt = firstNull(e.getValue(), p);
      if (nullAt != null) {
        error("CAL-CFG-002", nullAt, "must not be null");
        ok = false;
      } else {
        params.put(e.getKey(), Json.fromNode(e.getValue()));
      }
    }
    return ok && method != null ? new CalibratorSpec(method.textValue(), params) : null;
  }

  private static @Nullable String firstNull(JsonNode node, String path) {
    if (node.isNull()) {
      return path;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String p = firstNull(node.get(i), path + "[" + i + "]");
        if (p != null) {
          return p;
        }
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String p = firstNull(e.getValue(), Paths.child(path, e.getKey()));
        if (p != null) {
          return p;
        }
      }
    }
    return null;
  }

  /** {@code factors} or {@code weights}: an object of objects of numbers. */
  private Map<String, Map<String, Double>> numberTables(JsonNode root, String field) {
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    JsonNode tables = object(root, field, "$." + field);
    if (tables == null) {
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = tables.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> t = it.next();
      String path = Paths.child("$." + field, t.getKey());
      if (!t.getValue().isObject()) {
        error("CAL-CFG-002", path, "must be an object of names to numbers but was " + kind(t.getValue()));
        continue;
      }
      Map<String, Double> values = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> vs = t.getValue().fields(); vs.hasNext(); ) {
        Map.Entry<String, JsonNode> v = vs.next();
        if (!v.getValue().isNumber()) {
          error("CAL-CFG-002", Paths.child(path, v.getKey()), "must be a number but was " + kind(v.getValue()));
        } else {
          values.put(v.getKey(), v.getValue().doubleValue());
        }
      }
      out.put(t.getKey(), values);
    }
    return out;
  }

  private @Nullable JsonNode object(JsonNode parent, String field, String path) {
    JsonNode n = parent.get(field);
    if (n == null) {
      return null;
    }
    if (!n.isObject()) {
      error("CAL-CFG-002", path, "must be an object but was " + kind(n));
      return null;
    }
    return n;
  }

  private @Nullable String requiredString(JsonNode parent, String field, String path) {
    JsonNode n = parent.get(field);
    if (n == null) {
      error("CAL-CFG-002", path, "is missing");
      return null;
    }
    if (!n.isTextual() || n.textValue().isBlank()) {
      error("CAL-CFG-002", path, "must be a non-blank string but was " + kind(n));
      return null;
    }
    return n.textValue();
  }

  private Optional<String> optionalString(JsonNode parent, String field, String path) {
    JsonNode n = parent.get(field);
    if (n == null) {
      return Optional.empty();
    }
    if (!n.isTextual()) {
      error("CAL-CFG-002", path, "must be a string but was " + kind(n));
      return Optional.empty();
    }
    return Optional.of(n.textValue());
  }

  private Optional<Instant> optionalInstant(JsonNode parent, String field, String path) {
    Optional<String> text = optionalString(parent, field, path);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text.get()));
    } catch (DateTimeParseException e) {
      error(
          "CAL-CFG-002",
          path,
          "must be an ISO-8601 UTC instant such as 2026-11-23T10:15:00Z but was \""
              + text.get()
              + "\"");
      return Optional.empty();
    }
  }

  private @Nullable Double requiredNumber(JsonNode parent, String field, String path) {
    JsonNode n = parent.get(field);
    if (n == null) {
      error("CAL-CFG-002", path, "is missing");
      return null;
    }
    if (!n.isNumber()) {
      error("CAL-CFG-002", path, "must be a number but was " + kind(n));
      return null;
    }
    return n.doubleValue();
  }

  private void unknownKeys(JsonNode node, String path, Set<String> known) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        problems.add(
            ConfigProblem.warning(
                "CAL-CFG-008",
                Paths.child(path, name),
                "unknown key ignored; known keys here are " + new java.util.TreeSet<>(known)));
      }
    }
  }

  private void error(String code, String path, String message) {
    errors++;
    problems.add(ConfigProblem.error(code, path, message));
  }

  /** A short description of a node for messages: its JSON type and, for scalars, its value. */
  static String kind(JsonNode n) {
    switch (n.getNodeType()) {
      case OBJECT:
        return "an object";
      case ARRAY:
        return "an array";
      case STRING:
        return "the string \"" + n.textValue() + "\"";
      case NULL:
        return "null";
      default:
        return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + n.asText();
    }
  }
}
