package dev.calibration.core.metrics;

/**
 * A calibration slope and intercept: the maximum-likelihood logistic regression {@code P(y = 1) =
 * 1 / (1 + exp(-(intercept + slope * logit(p))))}, with {@code p} clipped to {@code [1e-15, 1 -
 * 1e-15]}. A perfectly calibrated model has intercept 0 and slope 1; a slope below 1 means
 * over-confident scores. Both are {@code NaN} when the fit is undefined (a single outcome class,
 * identical scores, or no convergence under perfect separation).
 *
 * @param intercept the fitted intercept
 * @param slope the fitted slope on {@code logit(p)}
 * @param iterations Newton (IRLS) iterations used
 * @param converged whether the Newton steps converged (step below 1e-9)
 */
public record LogisticFit(double intercept, double slope, int iterations, boolean converged) {}
