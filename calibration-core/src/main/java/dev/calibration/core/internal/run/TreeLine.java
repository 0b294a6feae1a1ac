package dev.calibration.core.internal.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The careful reader of one prediction line, through a Jackson tree: used for every line the fast
 * scanner declines (escapes, unusual layouts) and for every bad line, whose problem it names.
 */
final class TreeLine {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TreeLine() {}

  /** A prediction line's reading failure: code, field and reason. */
  static final class Bad extends Exception {
    private static final long serialVersionUID = 1L;
    final String code;
    final String field;

    Bad(String code, String field, String reason) {
      super(reason, null, false, false);
      this.code = code;
      this.field = field;
    }
  }

  /** Parses buf[from, to) into row b.n of the batch (and increments b.n), or throws Bad. */
  static void parse(byte[] buf, int from, int to, PredictionBatch b, RunSpec spec) throws Bad {
    JsonNode node;
    try {
      node = JSON.readTree(buf, from, to - from);
    } catch (JsonProcessingException e) {
      throw new Bad("CAL-RUN-002", "", "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new Bad("CAL-RUN-002", "", "not valid JSON: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw new Bad("CAL-RUN-002", "", "the line is not a JSON object");
    }
    JsonNode id = node.get("id");
    if (id == null || !id.isTextual() || id.asText().isBlank()) {
      throw new Bad("CAL-RUN-003", "id", "the id is missing, blank or not a string");
    }
    JsonNode ts = node.get("ts");
    if (ts == null || !ts.isTextual()) {
      throw new Bad("CAL-RUN-003", "ts", "the timestamp is missing or not a string");
    }
    long millis = parseInstant(ts.asText());
    String[] seg = new String[spec.segmentBy.length];
    JsonNode segment = node.get("segment");
    if (segment != null && !segment.isNull()) {
      if (!segment.isObject()) {
        throw new Bad("CAL-RUN-003", "segment", "segment must be an object");
      }
      for (int k = 0; k < seg.length; k++) {
        JsonNode v = segment.get(spec.segmentBy[k]);
        if (v != null && !v.isNull()) {
          if (!v.isValueNode()) {
            throw new Bad(
                "CAL-RUN-003", "segment." + spec.segmentBy[k], "a segment value must be a string");
          }
          seg[k] = v.asText();
        }
      }
    }
    String mv = optionalText(node, "model_version");
    String cv = optionalText(node, "calibration_version");
    JsonNode values = node.get("values");
    double[] v = new double[spec.targets.length];
    for (int t = 0; t < v.length; t++) {
      v[t] = Double.NaN;
      if (values != null && values.isObject()) {
        JsonNode x = values.get(spec.targets[t]);
        if (x != null && !x.isNull()) {
          v[t] = number(x, "values." + spec.targets[t]);
        }
      } else if (values != null && !values.isNull()) {
        throw new Bad("CAL-RUN-003", "values", "values must be an object");
      }
    }
    JsonNode members = node.get("members");
    if (members != null && !members.isNull() && !members.isObject()) {
      throw new Bad("CAL-RUN-003", "members", "members must be an object");
    }
    // checks done: write the row
    b.ensure();
    int i = b.n;
    byte[] idBytes = id.asText().getBytes(StandardCharsets.UTF_8);
    b.appendId(idBytes, 0, idBytes.length);
    b.ts[i] = millis;
    b.seg[i] = PredictionBatch.label(b.segLabels, spec.segmentLabel(seg));
    b.mv[i] = PredictionBatch.label(b.mvLabels, mv == null ? JoinOutput.NONE : mv);
    b.cv[i] = PredictionBatch.label(b.cvLabels, cv == null ? JoinOutput.NONE : cv);
    for (int t = 0; t < v.length; t++) {
      b.values[t][i] = v[t];
      JsonNode m = members == null ? null : members.get(spec.targets[t]);
      if (m != null && m.isObject()) {
        Iterator<Map.Entry<String, JsonNode>> it = m.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          if (!e.getValue().isNull()) {
            double x = number(e.getValue(), "members." + spec.targets[t] + "." + e.getKey());
            b.member(t, e.getKey())[i] = x;
          }
        }
      }
    }
    b.n++;
  }

  private static @Nullable String optionalText(JsonNode node, String field) throws Bad {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new Bad("CAL-RUN-003", field, field + " must be a string");
    }
    return v.asText();
  }

  private static double number(JsonNode x, String field) throws Bad {
    if (!x.isNumber()) {
      throw new Bad("CAL-RUN-003", field, "must be a number but was " + x);
    }
    double d = x.doubleValue();
    if (!Double.isFinite(d)) {
      throw new Bad("CAL-RUN-003", field, "must be finite but was " + x);
    }
    return d;
  }

  /** An ISO-8601 instant or date-time with offset, as epoch milliseconds. */
  static long parseInstant(String s) throws Bad {
    try {
      return Instant.parse(s).toEpochMilli();
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(s).toInstant().toEpochMilli();
      } catch (DateTimeParseException e2) {
        throw new Bad("CAL-RUN-003", "ts", "'" + s + "' is not an ISO-8601 instant");
      }
    }
  }
}
