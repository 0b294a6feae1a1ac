/**
 * Accuracy and calibration metrics for value and probability targets, defined exactly: each
 * function's javadoc states its formula, its bin edges and which bin takes a score on an edge.
 * See {@code docs/metrics.md}.
 */
@NullMarked
package dev.calibration.core.metrics;

import org.jspecify.annotations.NullMarked;
