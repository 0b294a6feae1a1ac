package dev.calibration.core.propose;

import dev.calibration.api.Calibrator;
import dev.calibration.core.run.TargetKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How one target was evaluated: the method chosen, the time-ordered split, and metrics of the raw
 * and the adjusted predictions on the holdout (the later part of the data, never fitted on).
 *
 * @param target the target's name
 * @param kind probability or value
 * @param method the chosen calibration method, or {@code "none"} (value targets, or nothing fitted)
 * @param lossName the loss the choice and the improvement gate use ({@code brier} or {@code mae})
 * @param trainSize rows fitted on (the earlier part)
 * @param holdoutSize rows evaluated on (the later part)
 * @param metricsBefore holdout metrics of the raw predictions
 * @param metricsAfter holdout metrics of the calibrated (or factor-adjusted) predictions
 * @param candidates holdout loss of every method tried, by name (NaN when a fit failed)
 * @param segments per-segment choices, in label order
 * @param calibrator the proposed default calibrator, refitted on all rows, if any (not serialised;
 *     its spec is in the candidate config)
 * @param evaluatedCalibrator the same method fitted on the earlier rows only: what the holdout
 *     metrics measured (not serialised)
 */
public record TargetEvaluation(
    String target,
    TargetKind kind,
    String method,
    String lossName,
    int trainSize,
    int holdoutSize,
    Map<String, Double> metricsBefore,
    Map<String, Double> metricsAfter,
    Map<String, Double> candidates,
    List<SegmentChoice> segments,
    Optional<Calibrator> calibrator,
    Optional<Calibrator> evaluatedCalibrator) {

  /** Copies the collections. */
  public TargetEvaluation {
    Objects.requireNonNull(target, "target must not be null");
    Objects.requireNonNull(kind, "kind must not be null");
    Objects.requireNonNull(method, "method must not be null");
    Objects.requireNonNull(lossName, "lossName must not be null");
    metricsBefore = Collections.unmodifiableMap(new LinkedHashMap<>(metricsBefore));
    metricsAfter = Collections.unmodifiableMap(new LinkedHashMap<>(metricsAfter));
    candidates = Collections.unmodifiableMap(new LinkedHashMap<>(candidates));
    segments = List.copyOf(segments);
    Objects.requireNonNull(calibrator, "calibrator must not be null");
    Objects.requireNonNull(evaluatedCalibrator, "evaluatedCalibrator must not be null");
  }

  /**
   * What one segment got: its own calibrator, or its parent's (the target default).
   *
   * @param segment the segment label, e.g. {@code condition=new}
   * @param count joined rows in the segment
   * @param ownCalibrator whether the segment gets its own calibrator
   * @param reason why (too few rows, or the holdout losses compared)
   * @param lossWithParent the segment's holdout loss with the default calibrator (NaN if not
   *     measured)
   * @param lossWithOwn the segment's holdout loss with its own calibrator (NaN if not fitted)
   * @param calibrator the segment's own calibrator refitted on all its rows, if it gets one
   */
  public record SegmentChoice(
      String segment,
      long count,
      boolean ownCalibrator,
      String reason,
      double lossWithParent,
      double lossWithOwn,
      Optional<Calibrator> calibrator) {
    /** Checks the texts. */
    public SegmentChoice {
      Objects.requireNonNull(segment, "segment must not be null");
      Objects.requireNonNull(reason, "reason must not be null");
      Objects.requireNonNull(calibrator, "calibrator must not be null");
    }
  }
}
