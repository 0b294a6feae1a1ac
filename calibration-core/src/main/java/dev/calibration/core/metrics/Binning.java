package dev.calibration.core.metrics;

/** How probability scores are grouped into bins for ECE, MCE and reliability diagrams. */
public enum Binning {
  /**
   * {@code B} bins of equal width on [0, 1], with edges {@code k * (1.0 / B)} for {@code k = 0..B}
   * (the last edge is exactly 1), as {@code numpy.linspace(0, 1, B + 1)} computes them. A score
   * goes to bin {@code i} = the number of inner edges strictly below it, so a score exactly on an
   * inner edge falls in the lower bin: bin 0 is {@code [0, e1]} and bin {@code i > 0} is {@code (ei,
   * ei+1]}. This is scikit-learn's {@code calibration_curve(strategy="uniform")} convention
   * ({@code np.searchsorted(bins[1:-1], y_prob)}).
   */
  EQUAL_WIDTH,
  /**
   * {@code B} bins holding about the same number of scores: edges are the {@code k/B} percentiles
   * of the scores with linear interpolation ({@code numpy.percentile} default), and a score goes to
   * the lower bin on an edge exactly as for {@link #EQUAL_WIDTH}. This is scikit-learn's {@code
   * calibration_curve(strategy="quantile")} convention. Tied scores share a bin, so bins can be
   * uneven or empty when many scores are equal.
   */
  EQUAL_MASS
}
