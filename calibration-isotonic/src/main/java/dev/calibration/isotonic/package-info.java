/**
 * Isotonic regression calibration: {@link dev.calibration.isotonic.IsotonicMethod}, registered as
 * {@code "isotonic"}.
 */
@NullMarked
package dev.calibration.isotonic;

import org.jspecify.annotations.NullMarked;
