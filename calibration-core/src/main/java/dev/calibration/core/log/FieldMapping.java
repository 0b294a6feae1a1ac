package dev.calibration.core.log;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where each part of a {@link dev.calibration.api.Prediction} is found in a JSON line, so that logs
 * written by other systems are read without conversion.
 *
 * <p>{@link #standard()} reads the version 1 format of {@code docs/prediction-log.md}. A builder
 * starts from it and replaces parts; every part is a list of <em>aliases</em> tried in order, the
 * first one present (and not {@code null}) wins. For example, the legacy pricing log with flat keys:
 *
 * <pre>{@code
 * FieldMapping legacy = FieldMapping.builder()
 *     .id("sku_local")
 *     .timestamp("timestamp")
 *     .value("price", "est_price_mu", "predicted_price")
 *     .value("sell_p60", "sell_p60", "predicted_sell_p60")
 *     .segment("lot", "lot_id")
 *     .build();
 * }</pre>
 *
 * <p>Fields a mapping does not name are ignored. Immutable and thread-safe.
 */
public final class FieldMapping {
  private static final FieldMapping STANDARD = new Builder().build();

  private final List<String> id;
  private final List<String> timestamp;
  private final List<String> model;
  private final List<String> modelVersion;
  private final List<String> calibrationVersion;
  private final List<String> values;
  private final List<String> segment;
  private final List<String> members;
  private final List<String> context;
  private final Map<String, List<String>> flatValues;
  private final Map<String, List<String>> flatSegments;

  private FieldMapping(Builder b) {
    this.id = b.id;
    this.timestamp = b.timestamp;
    this.model = b.model;
    this.modelVersion = b.modelVersion;
    this.calibrationVersion = b.calibrationVersion;
    this.values = b.values;
    this.segment = b.segment;
    this.members = b.members;
    this.context = b.context;
    this.flatValues = Collections.unmodifiableMap(new LinkedHashMap<>(b.flatValues));
    this.flatSegments = Collections.unmodifiableMap(new LinkedHashMap<>(b.flatSegments));
  }

  /**
   * The version 1 format: {@code id}, {@code ts}, {@code model}, {@code model_version}, {@code
   * calibration_version}, and the objects {@code values}, {@code segment}, {@code members}, {@code
   * context}.
   */
  public static FieldMapping standard() {
    return STANDARD;
  }

  /** A builder that starts from {@link #standard()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Aliases of the id field (a non-blank string). */
  public List<String> id() {
    return id;
  }

  /** Aliases of the timestamp field (ISO-8601 with {@code Z} or an offset). */
  public List<String> timestamp() {
    return timestamp;
  }

  /** Aliases of the model name field. */
  public List<String> model() {
    return model;
  }

  /** Aliases of the model version field. */
  public List<String> modelVersion() {
    return modelVersion;
  }

  /** Aliases of the calibration version field. */
  public List<String> calibrationVersion() {
    return calibrationVersion;
  }

  /** Aliases of the object holding predicted values by target. */
  public List<String> values() {
    return values;
  }

  /** Aliases of the object holding segment attributes. */
  public List<String> segment() {
    return segment;
  }

  /** Aliases of the object holding ensemble members' values per target. */
  public List<String> members() {
    return members;
  }

  /** Aliases of the free-form context object. */
  public List<String> context() {
    return context;
  }

  /** Predicted values read from top-level keys: target name to its aliases, in order. */
  public Map<String, List<String>> flatValues() {
    return flatValues;
  }

  /** Segment attributes read from top-level keys: attribute name to its aliases, in order. */
  public Map<String, List<String>> flatSegments() {
    return flatSegments;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldMapping f
        && id.equals(f.id)
        && timestamp.equals(f.timestamp)
        && model.equals(f.model)
        && modelVersion.equals(f.modelVersion)
        && calibrationVersion.equals(f.calibrationVersion)
        && values.equals(f.values)
        && segment.equals(f.segment)
        && members.equals(f.members)
        && context.equals(f.context)
        && flatValues.equals(f.flatValues)
        && flatSegments.equals(f.flatSegments);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, timestamp, values, flatValues, flatSegments);
  }

  @Override
  public String toString() {
    return "FieldMapping{id="
        + id
        + ", timestamp="
        + timestamp
        + ", values="
        + values
        + ", flatValues="
        + flatValues
        + ", segment="
        + segment
        + ", flatSegments="
        + flatSegments
        + ", context="
        + context
        + "}";
  }

  /**
   * Builds a {@link FieldMapping}. Each call checks its arguments: names must be non-blank, and a
   * key may serve only one part. Not thread-safe.
   */
  public static final class Builder {
    private List<String> id = List.of("id");
    private List<String> timestamp = List.of("ts");
    private List<String> model = List.of("model");
    private List<String> modelVersion = List.of("model_version");
    private List<String> calibrationVersion = List.of("calibration_version");
    private List<String> values = List.of("values");
    private List<String> segment = List.of("segment");
    private List<String> members = List.of("members");
    private List<String> context = List.of("context");
    private final Map<String, List<String>> flatValues = new LinkedHashMap<>();
    private final Map<String, List<String>> flatSegments = new LinkedHashMap<>();

    private Builder() {}

    /** Replaces the id aliases. */
    public Builder id(String... aliases) {
      id = names("id", aliases, false);
      return this;
    }

    /** Replaces the timestamp aliases. */
    public Builder timestamp(String... aliases) {
      timestamp = names("timestamp", aliases, false);
      return this;
    }

    /** Replaces the model name aliases; none means the model is never read. */
    public Builder model(String... aliases) {
      model = names("model", aliases, true);
      return this;
    }

    /** Replaces the model version aliases; none means it is never read. */
    public Builder modelVersion(String... aliases) {
      modelVersion = names("modelVersion", aliases, true);
      return this;
    }

    /** Replaces the calibration version aliases; none means it is never read. */
    public Builder calibrationVersion(String... aliases) {
      calibrationVersion = names("calibrationVersion", aliases, true);
      return this;
    }

    /** Replaces the aliases of the values object; none means only flat values are read. */
    public Builder valuesObject(String... aliases) {
      values = names("valuesObject", aliases, true);
      return this;
    }

    /** Replaces the aliases of the segment object; none means only flat segments are read. */
    public Builder segmentObject(String... aliases) {
      segment = names("segmentObject", aliases, true);
      return this;
    }

    /** Replaces the aliases of the members object. */
    public Builder membersObject(String... aliases) {
      members = names("membersObject", aliases, true);
      return this;
    }

    /** Replaces the aliases of the context object. */
    public Builder contextObject(String... aliases) {
      context = names("contextObject", aliases, true);
      return this;
    }

    /**
     * Reads predicted value {@code target} from the first present top-level key among {@code
     * aliases} (a number). Replaces an earlier mapping of the same target.
     */
    public Builder value(String target, String... aliases) {
      notBlank(target, "value target");
      flatValues.put(target, names("value " + target, aliases, false));
      return this;
    }

    /**
     * Reads segment attribute {@code key} from the first present top-level key among {@code
     * aliases} (a string; numbers and booleans are taken as their JSON text).
     */
    public Builder segment(String key, String... aliases) {
      notBlank(key, "segment key");
      flatSegments.put(key, names("segment " + key, aliases, false));
      return this;
    }

    /** Builds the mapping; fails if one key serves two parts, naming both. */
    public FieldMapping build() {
      Map<String, String> owner = new LinkedHashMap<>();
      claim(owner, "id", id);
      claim(owner, "timestamp", timestamp);
      claim(owner, "model", model);
      claim(owner, "modelVersion", modelVersion);
      claim(owner, "calibrationVersion", calibrationVersion);
      claim(owner, "valuesObject", values);
      claim(owner, "segmentObject", segment);
      claim(owner, "membersObject", members);
      claim(owner, "contextObject", context);
      flatValues.forEach((t, a) -> claim(owner, "value " + t, a));
      flatSegments.forEach((k, a) -> claim(owner, "segment " + k, a));
      return new FieldMapping(this);
    }

    private static void claim(Map<String, String> owner, String part, List<String> aliases) {
      for (String a : aliases) {
        String previous = owner.putIfAbsent(a, part);
        if (previous != null && !previous.equals(part)) {
          throw new IllegalArgumentException(
              "key '" + a + "' is mapped to both " + previous + " and " + part + "; map it once");
        }
      }
    }

    private static List<String> names(String part, String[] aliases, boolean mayBeEmpty) {
      Objects.requireNonNull(aliases, () -> part + " aliases must not be null");
      if (aliases.length == 0 && !mayBeEmpty) {
        throw new IllegalArgumentException(part + " needs at least one key name but got none");
      }
      List<String> out = new ArrayList<>(aliases.length);
      for (String a : aliases) {
        notBlank(a, part + " alias");
        out.add(a);
      }
      return List.copyOf(out);
    }

    private static void notBlank(String s, String what) {
      Objects.requireNonNull(s, () -> what + " must not be null");
      if (s.isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank");
      }
    }
  }
}
