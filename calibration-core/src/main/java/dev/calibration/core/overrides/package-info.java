/**
 * Bounded factor overrides, as pricing engines use them: load an opt-in overrides file over
 * defaults ({@link dev.calibration.core.overrides.FactorOverrides}), and turn a suggestions file
 * into an overrides file ({@link dev.calibration.core.overrides.OverridesApply}). Every factor is
 * clamped to its bounds, on the way in and on the way out.
 */
@NullMarked
package dev.calibration.core.overrides;

import org.jspecify.annotations.NullMarked;
