package dev.calibration.core.config;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A segment's calibrator: it applies to every prediction whose segment attributes include all of
 * {@link #match()}. In JSON: {@code {"match":{"condition":"new"},"calibrator":{...}}}.
 *
 * @param match the attributes a prediction's segment must have; not empty; unmodifiable, in name
 *     order
 * @param calibrator the calibrator to use for those predictions
 */
public record SegmentRule(Map<String, String> match, CalibratorSpec calibrator) {

  /** Checks the fields and copies the match. */
  public SegmentRule {
    Objects.requireNonNull(match, "match must not be null");
    Objects.requireNonNull(calibrator, "calibrator must not be null");
    if (match.isEmpty()) {
      throw new IllegalArgumentException(
          "match must name at least one attribute; use the target's default for all segments");
    }
    TreeMap<String, String> copy = new TreeMap<>();
    match.forEach(
        (k, v) ->
            copy.put(
                Objects.requireNonNull(k, "match key must not be null"),
                Objects.requireNonNull(v, () -> "match." + k + " must not be null")));
    match = Collections.unmodifiableMap(copy);
  }
}
