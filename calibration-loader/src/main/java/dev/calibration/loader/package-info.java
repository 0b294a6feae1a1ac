/**
 * The hot-reloading {@link dev.calibration.loader.CalibrationLoader}: config sources, watching and
 * polling, validation before swap, last-known-good, listeners and lifecycle.
 *
 * <p>Failures carry stable codes {@code CAL-LOAD-nnn} documented in {@code docs/errors.md}.
 */
@NullMarked
package dev.calibration.loader;

import org.jspecify.annotations.NullMarked;
