package dev.calibration.api;

import java.util.Arrays;

/**
 * Scores with their observed labels and optional weights: the input to {@link
 * CalibrationMethod#fit(CalibrationData)}.
 *
 * <p>Immutable: the arrays are copied in and copied out. The order of the points is their time
 * order (oldest first), which time-ordered holdouts rely on. Construction checks only the shape
 * (non-null arrays of equal length, finite scores and labels, finite non-negative weights); what a
 * method needs beyond that (two distinct labels, labels in [0, 1], at least one point) it checks
 * when it fits.
 */
public final class CalibrationData {
  private final double[] scores;
  private final double[] labels;
  private final double[] weights;
  private final boolean weighted;

  private CalibrationData(double[] scores, double[] labels, double[] weights, boolean weighted) {
    this.scores = scores;
    this.labels = labels;
    this.weights = weights;
    this.weighted = weighted;
  }

  /** Unweighted data: every point has weight 1. */
  public static CalibrationData of(double[] scores, double[] labels) {
    Checks.notNull(scores, "scores");
    Checks.notNull(labels, "labels");
    double[] ones = new double[scores.length];
    Arrays.fill(ones, 1.0);
    return create(scores, labels, ones, false);
  }

  /** Weighted data; weights must be finite and non-negative. */
  public static CalibrationData of(double[] scores, double[] labels, double[] weights) {
    Checks.notNull(scores, "scores");
    Checks.notNull(labels, "labels");
    Checks.notNull(weights, "weights");
    return create(scores, labels, weights.clone(), true);
  }

  private static CalibrationData create(
      double[] scores, double[] labels, double[] weights, boolean weighted) {
    if (scores.length != labels.length || scores.length != weights.length) {
      throw new IllegalArgumentException(
          "scores, labels and weights must have the same length but had "
              + scores.length
              + ", "
              + labels.length
              + " and "
              + (weighted ? Integer.toString(weights.length) : "(unweighted)"));
    }
    for (int i = 0; i < scores.length; i++) {
      if (!Double.isFinite(scores[i])) {
        throw new IllegalArgumentException("scores[" + i + "] must be finite but was " + scores[i]);
      }
      if (!Double.isFinite(labels[i])) {
        throw new IllegalArgumentException("labels[" + i + "] must be finite but was " + labels[i]);
      }
      if (!(weights[i] >= 0) || weights[i] == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException(
            "weights[" + i + "] must be finite and >= 0 but was " + weights[i]);
      }
    }
    return new CalibrationData(scores.clone(), labels.clone(), weights, weighted);
  }

  /** The number of points. */
  public int size() {
    return scores.length;
  }

  /** Whether weights were given (otherwise every weight is 1). */
  public boolean isWeighted() {
    return weighted;
  }

  /** The score of point {@code i}. */
  public double score(int i) {
    return scores[i];
  }

  /** The label of point {@code i}. */
  public double label(int i) {
    return labels[i];
  }

  /** The weight of point {@code i} (1 when unweighted). */
  public double weight(int i) {
    return weights[i];
  }

  /** A copy of the scores. */
  public double[] scores() {
    return scores.clone();
  }

  /** A copy of the labels. */
  public double[] labels() {
    return labels.clone();
  }

  /** A copy of the weights (all 1 when unweighted). */
  public double[] weights() {
    return weights.clone();
  }

  /** The points {@code [from, to)} as new data, keeping weights and whether they were given. */
  public CalibrationData slice(int from, int to) {
    if (from < 0 || to > size() || from > to) {
      throw new IndexOutOfBoundsException(
          "slice [" + from + ", " + to + ") is outside [0, " + size() + ")");
    }
    return new CalibrationData(
        Arrays.copyOfRange(scores, from, to),
        Arrays.copyOfRange(labels, from, to),
        Arrays.copyOfRange(weights, from, to),
        weighted);
  }

  @Override
  public String toString() {
    return "CalibrationData[n=" + scores.length + (weighted ? ", weighted" : "") + "]";
  }
}
