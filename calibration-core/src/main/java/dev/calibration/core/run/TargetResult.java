package dev.calibration.core.run;

import dev.calibration.core.metrics.TargetMetrics;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every metric of one target: overall, per segment label, per model version and per calibration
 * version (so a report can show before and after an activation). Groups with no joined sample are
 * left out.
 *
 * @param mapping the target mapping
 * @param kind the kind, given or inferred
 * @param overall metrics over every joined sample
 * @param bySegment metrics per segment label (empty when the run has no segment keys)
 * @param byModelVersion metrics per model version
 * @param byCalibrationVersion metrics per calibration version
 */
public record TargetResult(
    TargetMapping mapping,
    TargetKind kind,
    TargetMetrics overall,
    Map<String, TargetMetrics> bySegment,
    Map<String, TargetMetrics> byModelVersion,
    Map<String, TargetMetrics> byCalibrationVersion) {

  /** Copies the maps, keeping their order. */
  public TargetResult {
    bySegment = Collections.unmodifiableMap(new LinkedHashMap<>(bySegment));
    byModelVersion = Collections.unmodifiableMap(new LinkedHashMap<>(byModelVersion));
    byCalibrationVersion = Collections.unmodifiableMap(new LinkedHashMap<>(byCalibrationVersion));
  }
}
