package dev.calibration.core.metrics;

/** The metrics of one target over one group of joined samples: value or probability metrics. */
public sealed interface TargetMetrics permits ProbabilityMetrics, ValueMetrics {
  /** How many joined samples the metrics were computed on. */
  long n();
}
