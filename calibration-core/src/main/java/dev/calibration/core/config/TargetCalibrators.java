package dev.calibration.core.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The calibrators of one target: an optional default and segment rules in config order. In JSON:
 * {@code {"default":{...},"segments":[{"match":{...},"calibrator":{...}}]}}.
 *
 * @param defaultCalibrator the calibrator for predictions that no segment rule matches, if any
 *     (without one, such predictions are not calibrated)
 * @param segments the segment rules in config order (order breaks ties between equally specific
 *     rules); unmodifiable
 */
public record TargetCalibrators(
    Optional<CalibratorSpec> defaultCalibrator, List<SegmentRule> segments) {

  /** Checks the fields and copies the list. */
  public TargetCalibrators {
    Objects.requireNonNull(defaultCalibrator, "defaultCalibrator must not be null");
    segments = List.copyOf(Objects.requireNonNull(segments, "segments must not be null"));
  }

  /** A target with only a default calibrator. */
  public static TargetCalibrators of(CalibratorSpec defaultCalibrator) {
    return new TargetCalibrators(Optional.of(defaultCalibrator), List.of());
  }
}
