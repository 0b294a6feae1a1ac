package dev.calibration.core.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes the canonical JSON form of a {@link CalibrationConfig}. Stateless; thread-safe. */
final class ConfigWriter {
  private ConfigWriter() {}

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private static final DefaultPrettyPrinter PRINTER =
      new DefaultPrettyPrinter()
          .withSeparators(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                  .withObjectEmptySeparator("")
                  .withArrayEmptySeparator(""))
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultPrettyPrinter.NopIndenter());

  static byte[] write(CalibrationConfig c) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("schema", c.schema());
    root.put("version", c.version());
    c.createdAt().ifPresent(t -> root.put("created_at", t.toString()));
    c.approvedBy().ifPresent(a -> root.put("approved_by", a));
    c.auditHead()
        .ifPresent(
            a -> {
              ObjectNode head = root.putObject("audit_head");
              head.put("seq", a.seq());
              head.put("hash", a.hash());
            });
    ObjectNode cal = root.putObject("calibrators");
    new TreeMap<>(c.calibrators())
        .forEach(
            (target, t) -> {
              ObjectNode tn = cal.putObject(target);
              t.defaultCalibrator().ifPresent(s -> tn.set("default", spec(s)));
              if (!t.segments().isEmpty()) {
                ArrayNode segs = tn.putArray("segments");
                for (SegmentRule r : t.segments()) {
                  ObjectNode rn = segs.addObject();
                  ObjectNode match = rn.putObject("match");
                  new TreeMap<>(r.match()).forEach(match::put);
                  rn.set("calibrator", spec(r.calibrator()));
                }
              }
            });
    tables(root.putObject("factors"), c.factors());
    ObjectNode bounds = root.putObject("bounds");
    new TreeMap<>(c.bounds())
        .forEach(
            (table, b) -> {
              ObjectNode bn = bounds.putObject(table);
              bn.put("min", b.min());
              bn.put("max", b.max());
            });
    tables(root.putObject("weights"), c.weights());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      g.setPrettyPrinter(PRINTER);
      MAPPER.writeTree(g, root);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e); // cannot happen
    }
    out.write('\n');
    return out.toByteArray();
  }

  private static void tables(ObjectNode parent, Map<String, Map<String, Double>> tables) {
    new TreeMap<>(tables)
        .forEach(
            (name, values) -> {
              ObjectNode t = parent.putObject(name);
              new TreeMap<>(values).forEach(t::put);
            });
  }

  private static ObjectNode spec(CalibratorSpec s) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("method", s.method());
    new TreeMap<>(s.parameters()).forEach((k, v) -> n.set(k, sorted(v)));
    return n;
  }

  /** A node for a parameter value with every nested object's keys sorted. */
  private static JsonNode sorted(Object value) {
    if (value instanceof Map) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      new TreeMap<>(asStringMap((Map<?, ?>) value)).forEach((k, v) -> o.set(k, sorted(v)));
      return o;
    }
    if (value instanceof List) {
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      for (Object v : (List<?>) value) {
        a.add(sorted(v));
      }
      return a;
    }
    return Json.toNode(value);
  }

  private static Map<String, Object> asStringMap(Map<?, ?> map) {
    Map<String, Object> m = new TreeMap<>();
    map.forEach((k, v) -> m.put((String) k, v));
    return m;
  }
}
