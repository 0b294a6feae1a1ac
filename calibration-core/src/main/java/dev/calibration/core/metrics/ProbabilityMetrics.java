package dev.calibration.core.metrics;

import java.util.List;
import java.util.Optional;

/**
 * Accuracy and calibration of a probability target over {@code n} joined samples with scores
 * {@code p_i} in [0, 1] and outcomes {@code y_i} in {0, 1}. Undefined values are {@code NaN}
 * (written as JSON {@code null}). Definitions are those of {@link Metrics}.
 *
 * @param n the number of samples
 * @param bins the number of bins used for ECE, MCE and the reliability diagrams
 * @param baseRate the share of positive outcomes, {@code sum y_i / n}
 * @param meanPredicted the mean score, {@code sum p_i / n}
 * @param brier the Brier score, {@link Metrics#brier}
 * @param logLoss the log loss, {@link Metrics#logLoss}
 * @param ece expected calibration error with {@link Binning#EQUAL_WIDTH} bins
 * @param mce maximum calibration error with {@link Binning#EQUAL_WIDTH} bins
 * @param eceEqualMass expected calibration error with {@link Binning#EQUAL_MASS} bins
 * @param mceEqualMass maximum calibration error with {@link Binning#EQUAL_MASS} bins
 * @param reliability the equal-width reliability bins, empty ones included
 * @param reliabilityEqualMass the equal-mass reliability bins, empty ones included
 * @param calibration calibration intercept and slope, {@link Metrics#logisticCalibration}
 * @param rocAuc area under the ROC curve, {@link Metrics#rocAuc}
 * @param trading betting and trading figures, when stake, payout or closing columns are mapped
 */
public record ProbabilityMetrics(
    long n,
    int bins,
    double baseRate,
    double meanPredicted,
    double brier,
    double logLoss,
    double ece,
    double mce,
    double eceEqualMass,
    double mceEqualMass,
    List<ReliabilityBin> reliability,
    List<ReliabilityBin> reliabilityEqualMass,
    LogisticFit calibration,
    double rocAuc,
    Optional<TradingMetrics> trading)
    implements TargetMetrics {

  /** Makes the bin lists unmodifiable copies. */
  public ProbabilityMetrics {
    reliability = List.copyOf(reliability);
    reliabilityEqualMass = List.copyOf(reliabilityEqualMass);
  }

  /** The calibration slope, {@link LogisticFit#slope()}. */
  public double calibrationSlope() {
    return calibration.slope();
  }

  /** The calibration intercept, {@link LogisticFit#intercept()}. */
  public double calibrationIntercept() {
    return calibration.intercept();
  }
}
