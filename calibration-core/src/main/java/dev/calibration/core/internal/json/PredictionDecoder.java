package dev.calibration.core.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.calibration.api.Prediction;
import dev.calibration.core.log.FieldMapping;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decodes one JSON line into a {@link Prediction} with a streaming Jackson parser (no tree model),
 * following a {@link FieldMapping}.
 *
 * <p>Strict: the line must hold exactly one JSON object (whitespace around it, including a {@code
 * \r}, is allowed); required fields are the id (non-blank string) and the timestamp; numbers must
 * be finite; types must match. Unknown keys are skipped. {@code null} counts as absent, except
 * for the id and the timestamp. In the free-form context, {@code null} entries are left out
 * because a {@link Prediction} cannot hold them.
 *
 * <p>Not thread-safe (it keeps per-record scratch state): one decoder per reading thread. Cheap to
 * create; the Jackson factory is shared.
 */
public final class PredictionDecoder {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private enum Kind {
    SCHEMA, ID, TS, MODEL, MODEL_VERSION, CAL_VERSION, VALUES, SEGMENT, MEMBERS, CONTEXT,
    FLAT_VALUE, FLAT_SEGMENT
  }

  /** What one top-level key means; {@code slot} indexes the per-part scratch arrays. */
  private record Role(Kind kind, int slot, int priority, String name) {}

  private static final int SCALARS = 5; // ID, TS, MODEL, MODEL_VERSION, CAL_VERSION

  private final Map<String, Role> roles = new HashMap<>();
  private final String[] flatValueTargets;
  private final String[] flatSegmentKeys;

  // Scratch state for the record being decoded.
  private final @Nullable Object[] scalar = new Object[SCALARS];
  private final int[] scalarPriority = new int[SCALARS];
  private final String[] scalarField = new String[SCALARS];
  private final @Nullable Object[] object = new Object[4]; // VALUES, SEGMENT, MEMBERS, CONTEXT
  private final int[] objectPriority = new int[4];
  private final double[] flatValue;
  private final int[] flatValuePriority;
  private final @Nullable String[] flatSegment;
  private final int[] flatSegmentPriority;

  /** A decoder for the standard version 1 format. */
  public PredictionDecoder() {
    this(FieldMapping.standard());
  }

  /** A decoder following {@code mapping}. */
  public PredictionDecoder(FieldMapping mapping) {
    scalarRoles(Kind.ID, 0, mapping.id());
    scalarRoles(Kind.TS, 1, mapping.timestamp());
    scalarRoles(Kind.MODEL, 2, mapping.model());
    scalarRoles(Kind.MODEL_VERSION, 3, mapping.modelVersion());
    scalarRoles(Kind.CAL_VERSION, 4, mapping.calibrationVersion());
    scalarRoles(Kind.VALUES, 0, mapping.values());
    scalarRoles(Kind.SEGMENT, 1, mapping.segment());
    scalarRoles(Kind.MEMBERS, 2, mapping.members());
    scalarRoles(Kind.CONTEXT, 3, mapping.context());
    roles.putIfAbsent("schema", new Role(Kind.SCHEMA, 0, 0, "schema"));
    flatValueTargets = mapping.flatValues().keySet().toArray(new String[0]);
    for (int i = 0; i < flatValueTargets.length; i++) {
      List<String> aliases = mapping.flatValues().get(flatValueTargets[i]);
      for (int p = 0; p < aliases.size(); p++) {
        roles.put(aliases.get(p), new Role(Kind.FLAT_VALUE, i, p, aliases.get(p)));
      }
    }
    flatSegmentKeys = mapping.flatSegments().keySet().toArray(new String[0]);
    for (int i = 0; i < flatSegmentKeys.length; i++) {
      List<String> aliases = mapping.flatSegments().get(flatSegmentKeys[i]);
      for (int p = 0; p < aliases.size(); p++) {
        roles.put(aliases.get(p), new Role(Kind.FLAT_SEGMENT, i, p, aliases.get(p)));
      }
    }
    flatValue = new double[flatValueTargets.length];
    flatValuePriority = new int[flatValueTargets.length];
    flatSegment = new String[flatSegmentKeys.length];
    flatSegmentPriority = new int[flatSegmentKeys.length];
  }

  private void scalarRoles(Kind kind, int slot, List<String> aliases) {
    for (int p = 0; p < aliases.size(); p++) {
      roles.put(aliases.get(p), new Role(kind, slot, p, aliases.get(p)));
    }
  }

  /**
   * Decodes the UTF-8 JSON in {@code buf[off, off + len)}.
   *
   * @throws RecordFormatException if the line is not a valid record; the message says what and
   *     where (field path or column)
   */
  public Prediction decode(byte[] buf, int off, int len) throws RecordFormatException {
    java.util.Arrays.fill(scalar, null);
    java.util.Arrays.fill(scalarPriority, Integer.MAX_VALUE);
    java.util.Arrays.fill(object, null);
    java.util.Arrays.fill(objectPriority, Integer.MAX_VALUE);
    java.util.Arrays.fill(flatValuePriority, Integer.MAX_VALUE);
    java.util.Arrays.fill(flatSegment, null);
    java.util.Arrays.fill(flatSegmentPriority, Integer.MAX_VALUE);
    checkUtf8(buf, off, len);
    boolean closed = false;
    try (JsonParser p = FACTORY.createParser(buf, off, len)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        throw new RecordFormatException(
            RecordFormatException.MALFORMED,
            null,
            t == null ? "the line holds no JSON value" : "expected a JSON object but found " + t);
      }
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        t = p.nextToken();
        Role r = roles.get(name);
        if (r == null || t == JsonToken.VALUE_NULL) {
          p.skipChildren();
          continue;
        }
        field(p, t, r);
      }
      closed = true;
      JsonToken after = p.nextToken();
      if (after != null) {
        throw new RecordFormatException(
            RecordFormatException.TRAILING,
            null,
            "unexpected " + after + " after the JSON object at column " + column(p));
      }
    } catch (JsonProcessingException e) {
      throw new RecordFormatException(
          closed ? RecordFormatException.TRAILING : RecordFormatException.MALFORMED,
          null,
          (closed ? "unexpected content after the JSON object: " : "malformed JSON: ")
              + e.getOriginalMessage()
              + " at column "
              + (e.getLocation() == null ? -1 : e.getLocation().getColumnNr()));
    } catch (IOException e) {
      throw new RecordFormatException(
          RecordFormatException.MALFORMED, null, "malformed JSON: " + e.getMessage());
    }
    return build();
  }

  /**
   * Rejects bytes that are not well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, at
   * most U+10FFFF) and a byte order mark, which Jackson would otherwise pass or skip.
   */
  private static void checkUtf8(byte[] b, int off, int len) throws RecordFormatException {
    int end = off + len;
    if (len >= 3 && b[off] == (byte) 0xEF && b[off + 1] == (byte) 0xBB && b[off + 2] == (byte) 0xBF) {
      throw new RecordFormatException(
          RecordFormatException.MALFORMED,
          null,
          "malformed JSON: a byte order mark is allowed only at the start of a file");
    }
    int i = off;
    while (i < end) {
      int c = b[i];
      if (c >= 0) {
        i++;
        continue;
      }
      c &= 0xFF;
      int need;
      int min;
      if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        min = 0x80;
      } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        min = 0x800;
      } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        min = 0x10000;
      } else {
        throw badUtf8(i - off);
      }
      if (i + need >= end) {
        throw badUtf8(i - off);
      }
      int cp = c & (0x3F >> need);
      for (int k = 1; k <= need; k++) {
        int cc = b[i + k] & 0xFF;
        if ((cc & 0xC0) != 0x80) {
          throw badUtf8(i - off);
        }
        cp = (cp << 6) | (cc & 0x3F);
      }
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        throw badUtf8(i - off);
      }
      i += need + 1;
    }
  }

  private static RecordFormatException badUtf8(int index) {
    return new RecordFormatException(
        RecordFormatException.MALFORMED,
        null,
        "malformed JSON: invalid UTF-8 at column " + (index + 1));
  }

  private static long column(JsonParser p) {
    return p.currentLocation().getColumnNr();
  }

  private void field(JsonParser p, JsonToken t, Role r) throws IOException, RecordFormatException {
    switch (r.kind) {
      case SCHEMA -> {
        if (t != JsonToken.VALUE_NUMBER_INT || p.getLongValue() != 1) {
          throw new RecordFormatException(
              RecordFormatException.SCHEMA,
              r.name,
              "unsupported schema " + p.getText() + "; this reader knows schema 1");
        }
      }
      case ID, MODEL, MODEL_VERSION, CAL_VERSION, TS -> {
        if (t != JsonToken.VALUE_STRING) {
          throw wrongType(r.name, "a string", t);
        }
        if (r.priority < scalarPriority[r.slot]) {
          scalarPriority[r.slot] = r.priority;
          scalar[r.slot] = p.getText();
          scalarField[r.slot] = r.name;
        } else {
          p.skipChildren();
        }
      }
      case VALUES, SEGMENT, MEMBERS, CONTEXT -> {
        if (t != JsonToken.START_OBJECT) {
          throw wrongType(r.name, "an object", t);
        }
        if (r.priority >= objectPriority[r.slot]) {
          p.skipChildren();
          return;
        }
        objectPriority[r.slot] = r.priority;
        object[r.slot] =
            switch (r.kind) {
              case VALUES -> numbers(p, r.name);
              case SEGMENT -> strings(p, r.name);
              case MEMBERS -> members(p, r.name);
              default -> contextObject(p, r.name);
            };
      }
      case FLAT_VALUE -> {
        double v = number(p, t, r.name);
        if (r.priority < flatValuePriority[r.slot]) {
          flatValuePriority[r.slot] = r.priority;
          flatValue[r.slot] = v;
        }
      }
      case FLAT_SEGMENT -> {
        String v = text(p, t, r.name);
        if (r.priority < flatSegmentPriority[r.slot]) {
          flatSegmentPriority[r.slot] = r.priority;
          flatSegment[r.slot] = v;
        }
      }
    }
  }

  private static RecordFormatException wrongType(String field, String expected, JsonToken t) {
    return new RecordFormatException(
        RecordFormatException.WRONG_TYPE,
        field,
        "field '" + field + "' must be " + expected + " but is " + describe(t));
  }

  private static String describe(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.toString();
    };
  }

  private static double number(JsonParser p, JsonToken t, String field)
      throws IOException, RecordFormatException {
    if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
      throw wrongType(field, "a number", t);
    }
    double v = p.getDoubleValue();
    if (!Double.isFinite(v)) {
      throw new RecordFormatException(
          RecordFormatException.NON_FINITE,
          field,
          "field '" + field + "' must be a finite number but is " + p.getText());
    }
    return v;
  }

  private static String text(JsonParser p, JsonToken t, String field)
      throws IOException, RecordFormatException {
    return switch (t) {
      case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> {
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
          number(p, t, field);
        }
        yield p.getText();
      }
      default -> throw wrongType(field, "a string", t);
    };
  }

  private static Map<String, Double> numbers(JsonParser p, String field)
      throws IOException, RecordFormatException {
    Map<String, Double> out = new LinkedHashMap<>();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) {
        continue;
      }
      out.put(key, number(p, t, field + "." + key));
    }
    return out;
  }

  private static Map<String, String> strings(JsonParser p, String field)
      throws IOException, RecordFormatException {
    Map<String, String> out = new LinkedHashMap<>();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) {
        continue;
      }
      out.put(key, text(p, t, field + "." + key));
    }
    return out;
  }

  private static Map<String, Map<String, Double>> members(JsonParser p, String field)
      throws IOException, RecordFormatException {
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) {
        continue;
      }
      if (t != JsonToken.START_OBJECT) {
        throw wrongType(field + "." + key, "an object", t);
      }
      out.put(key, numbers(p, field + "." + key));
    }
    return out;
  }

  private static Map<String, Object> contextObject(JsonParser p, String field)
      throws IOException, RecordFormatException {
    Map<String, Object> out = new LinkedHashMap<>();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      t = p.nextToken();
      Object v = contextValue(p, t, field + "." + key);
      if (v != null) {
        out.put(key, v);
      }
    }
    return out;
  }

  private static @Nullable Object contextValue(JsonParser p, JsonToken t, String field)
      throws IOException, RecordFormatException {
    switch (t) {
      case START_OBJECT:
        return contextObject(p, field);
      case START_ARRAY:
        List<Object> list = new ArrayList<>();
        JsonToken e;
        int i = 0;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
          Object v = contextValue(p, e, field + "[" + i++ + "]");
          if (v != null) {
            list.add(v);
          }
        }
        return Collections.unmodifiableList(list);
      case VALUE_STRING:
        return p.getText();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      case VALUE_NUMBER_INT:
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? p.getBigIntegerValue()
            : (Object) p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return number(p, t, field);
      default:
        throw wrongType(field, "a JSON value", t);
    }
  }

  @SuppressWarnings("unchecked") // the slots are filled by the typed readers above
  private Prediction build() throws RecordFormatException {
    String id = (String) scalar[0];
    if (id == null) {
      throw new RecordFormatException(
          RecordFormatException.MISSING, String.join("|", idNames()), "the record has no id");
    }
    if (id.isBlank()) {
      throw new RecordFormatException(
          RecordFormatException.WRONG_TYPE, scalarField[0], "the id must not be blank");
    }
    String ts = (String) scalar[1];
    if (ts == null) {
      throw new RecordFormatException(
          RecordFormatException.MISSING, String.join("|", tsNames()), "the record has no timestamp");
    }
    Instant instant = parseInstant(ts);
    if (instant == null) {
      throw new RecordFormatException(
          RecordFormatException.BAD_TIMESTAMP,
          scalarField[1],
          "field '"
              + scalarField[1]
              + "' must be an ISO-8601 timestamp with Z or an offset but is \""
              + ts
              + "\"");
    }
    Map<String, Double> values =
        object[0] == null ? new LinkedHashMap<>() : (Map<String, Double>) object[0];
    for (int i = 0; i < flatValueTargets.length; i++) {
      if (flatValuePriority[i] != Integer.MAX_VALUE) {
        values.put(flatValueTargets[i], flatValue[i]);
      }
    }
    Map<String, String> segment =
        object[1] == null ? new LinkedHashMap<>() : (Map<String, String>) object[1];
    for (int i = 0; i < flatSegmentKeys.length; i++) {
      String v = flatSegment[i];
      if (v != null) {
        segment.put(flatSegmentKeys[i], v);
      }
    }
    Map<String, Map<String, Double>> members =
        object[2] == null ? Map.of() : (Map<String, Map<String, Double>>) object[2];
    Map<String, Object> context = object[3] == null ? Map.of() : (Map<String, Object>) object[3];
    try {
      return new Prediction(
        id,
        instant,
        Optional.ofNullable((String) scalar[2]),
        Optional.ofNullable((String) scalar[3]),
        Optional.ofNullable((String) scalar[4]),
        segment,
        values,
        members,
        context);
    } catch (IllegalArgumentException e) {
      throw new RecordFormatException(RecordFormatException.WRONG_TYPE, null, e.getMessage());
    }
  }

  private List<String> idNames() {
    return names(Kind.ID);
  }

  private List<String> tsNames() {
    return names(Kind.TS);
  }

  private List<String> names(Kind kind) {
    List<String> out = new ArrayList<>();
    roles.values().stream()
        .filter(r -> r.kind == kind)
        .sorted((a, b) -> Integer.compare(a.priority, b.priority))
        .forEach(r -> out.add(r.name));
    return out;
  }

  /**
   * Parses {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|+HH:MM|-HH:MM)} without allocating beyond the
   * {@link Instant}; anything else goes through {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}.
   * Returns null when the text is not such a timestamp.
   */
  static @Nullable Instant parseInstant(String s) {
    Instant fast = fastInstant(s);
    if (fast != null) {
      return fast;
    }
    try {
      return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static @Nullable Instant fastInstant(String s) {
    int n = s.length();
    if (n < 20
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23
        || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    if (day > daysInMonth(year, month)) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (i < n && s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      int count = i - start;
      if (count < 1 || count > 9) {
        return null;
      }
      nanos = digits(s, start, count);
      for (int k = count; k < 9; k++) {
        nanos *= 10;
      }
    }
    int offsetSeconds;
    if (i == n - 1 && s.charAt(i) == 'Z') {
      offsetSeconds = 0;
    } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
      int oh = digits(s, i + 1, 2);
      int om = digits(s, i + 4, 2);
      if (oh < 0 || oh > 18 || om < 0 || om > 59) {
        return null;
      }
      offsetSeconds = (oh * 3600 + om * 60) * (s.charAt(i) == '-' ? -1 : 1);
    } else {
      return null;
    }
    // days_from_civil (H. Hinnant, "chrono-compatible low-level date algorithms").
    long y = month <= 2 ? year - 1 : year;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    long days = era * 146_097 + doe - 719_468;
    long epochSecond = days * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
    return Instant.ofEpochSecond(epochSecond, nanos);
  }

  private static int daysInMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** The decimal value of {@code count} ASCII digits at {@code from}, or -1 if one is not a digit. */
  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
