/**
 * Calibration methods of calibration-core (Platt, temperature, histogram binning, beta, identity),
 * their discovery by name through {@link java.util.ServiceLoader}, and model selection on a
 * time-ordered holdout.
 *
 * <p>Start at {@link dev.calibration.core.calibrate.CalibrationMethods}.
 */
@NullMarked
package dev.calibration.core.calibrate;

import org.jspecify.annotations.NullMarked;
