package dev.calibration.api;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One prediction as the host engine made it: the unit of the append-only prediction log.
 *
 * <p>Immutable and null-hostile. Maps are unmodifiable, insertion-ordered copies. Build one with
 * {@link #builder(String, Instant)}.
 *
 * @param id the prediction id, unique per logical prediction; outcomes join on it; not blank
 * @param timestamp when the prediction was made (UTC instant, nanosecond precision kept)
 * @param model the name of the model that made it, if known
 * @param modelVersion the version of that model (lineage), if known
 * @param calibrationVersion the calibration version active when it was made (lineage), if any
 * @param segment segment attributes used to group metrics and pick calibrators (e.g. {@code
 *     "condition" -> "used_good"})
 * @param values predicted values by target name (e.g. {@code "price" -> 45.0}, {@code "sell_p60"
 *     -> 0.75}); finite
 * @param members per target, the ensemble members' own predictions (e.g. {@code "sell_p60" ->
 *     {"xgb" -> 0.71, "lgbm" -> 0.78}}); finite
 * @param context free-form JSON-like context (strings, booleans, numbers, lists, maps); integral
 *     numbers are held as {@link Long} and floating-point ones as {@link Double}
 */
public record Prediction(
    String id,
    Instant timestamp,
    Optional<String> model,
    Optional<String> modelVersion,
    Optional<String> calibrationVersion,
    Map<String, String> segment,
    Map<String, Double> values,
    Map<String, Map<String, Double>> members,
    Map<String, Object> context) {

  /** Checks every field and makes deep unmodifiable copies of the maps. */
  public Prediction {
    Checks.notBlank(id, "id");
    Checks.notNull(timestamp, "timestamp");
    Checks.notNull(model, "model");
    Checks.notNull(modelVersion, "modelVersion");
    Checks.notNull(calibrationVersion, "calibrationVersion");
    segment = Checks.strings(segment, "segment");
    values = Checks.finiteValues(values, "values");
    Checks.notNull(members, "members");
    Map<String, Map<String, Double>> m = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Double>> e : members.entrySet()) {
      String target = Checks.notNull(e.getKey(), "members key");
      m.put(target, Checks.finiteValues(e.getValue(), "members." + target));
    }
    members = Collections.unmodifiableMap(m);
    context = Checks.jsonTree(context, "context");
  }

  /** A builder for a prediction with the given id and timestamp and nothing else yet. */
  public static Builder builder(String id, Instant timestamp) {
    return new Builder(id, timestamp);
  }

  /** A builder that starts from this prediction's fields. */
  public Builder toBuilder() {
    Builder b = new Builder(id, timestamp);
    b.model = model.orElse(null);
    b.modelVersion = modelVersion.orElse(null);
    b.calibrationVersion = calibrationVersion.orElse(null);
    b.segment.putAll(segment);
    b.values.putAll(values);
    b.members.putAll(members);
    b.context.putAll(context);
    return b;
  }

  /** The predicted value of {@code target}, if present. */
  public Optional<Double> value(String target) {
    return Optional.ofNullable(values.get(target));
  }

  /**
   * Builds a {@link Prediction}. Not thread-safe. Each setter checks its argument at the call and
   * names the field in the exception.
   */
  public static final class Builder {
    private String id;
    private Instant timestamp;
    private @Nullable String model;
    private @Nullable String modelVersion;
    private @Nullable String calibrationVersion;
    private final Map<String, String> segment = new LinkedHashMap<>();
    private final Map<String, Double> values = new LinkedHashMap<>();
    private final Map<String, Map<String, Double>> members = new LinkedHashMap<>();
    private final Map<String, Object> context = new LinkedHashMap<>();

    private Builder(String id, Instant timestamp) {
      this.id = Checks.notBlank(id, "id");
      this.timestamp = Checks.notNull(timestamp, "timestamp");
    }

    /** Replaces the id. */
    public Builder id(String id) {
      this.id = Checks.notBlank(id, "id");
      return this;
    }

    /** Replaces the timestamp. */
    public Builder timestamp(Instant timestamp) {
      this.timestamp = Checks.notNull(timestamp, "timestamp");
      return this;
    }

    /** Sets the model name. */
    public Builder model(String model) {
      this.model = Checks.notNull(model, "model");
      return this;
    }

    /** Sets the model version (lineage). */
    public Builder modelVersion(String modelVersion) {
      this.modelVersion = Checks.notNull(modelVersion, "modelVersion");
      return this;
    }

    /** Sets the calibration version that was active (lineage). */
    public Builder calibrationVersion(String calibrationVersion) {
      this.calibrationVersion = Checks.notNull(calibrationVersion, "calibrationVersion");
      return this;
    }

    /** Adds one predicted value; it must be finite. */
    public Builder value(String target, double value) {
      Checks.notNull(target, "target");
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("values." + target + " must be finite but was " + value);
      }
      values.put(target, value);
      return this;
    }

    /** Adds one segment attribute. */
    public Builder segment(String key, String value) {
      segment.put(Checks.notNull(key, "segment key"), Checks.notNull(value, "segment." + key));
      return this;
    }

    /** Adds the ensemble members' predictions for one target. */
    public Builder members(String target, Map<String, Double> memberValues) {
      members.put(
          Checks.notNull(target, "members key"),
          Checks.finiteValues(memberValues, "members." + target));
      return this;
    }

    /** Adds one context entry (string, boolean, number, list or map). */
    public Builder context(String key, Object value) {
      Checks.notNull(key, "context key");
      Checks.notNull(value, "context." + key);
      context.put(key, value);
      return this;
    }

    /** Builds the prediction; the builder can be reused. */
    public Prediction build() {
      return new Prediction(
          id,
          timestamp,
          Optional.ofNullable(model),
          Optional.ofNullable(modelVersion),
          Optional.ofNullable(calibrationVersion),
          segment,
          values,
          members,
          context);
    }
  }
}
